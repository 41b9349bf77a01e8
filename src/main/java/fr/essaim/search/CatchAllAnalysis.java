package fr.essaim.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A sheet's catch-all text ({@code title \n summary \n body \n …}) analysed once for three fields.
 * {@link #all()} gives the terms of {@link FrenchAnalysis#text()}; on the way it keeps the words of
 * the title, summary and body as {@link FrenchAnalysis#words()} gives them, and the terms of the
 * body with their positions and offsets within it. {@link #words()} and {@link #body()} give those
 * back once {@link #all()} has been read: the catch-all field comes first in the document. Every
 * filter of the chain works token by token, so the body's terms are those of the body analysed
 * alone — and the body, most of a sheet's text, is no longer analysed three times at each indexing.
 */
final class CatchAllAnalysis {

    private final String text;
    private final int bodyStart;
    private final int bodyEnd;
    private final CharArraySet words = new CharArraySet(256, false);
    private char[] bodyChars = new char[4_096];
    private int bodyCharCount;
    /** For each body term: where its characters end in {@code bodyChars}, its position increment and offsets. */
    private int[] termEnds = new int[512];
    private int[] increments = new int[512];
    private int[] starts = new int[512];
    private int[] ends = new int[512];
    private int termCount;

    private CatchAllAnalysis(String text, int bodyStart, int bodyEnd) {
        this.text = text;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
    }

    /**
     * The catch-all text of a sheet: title, summary and body first, one per line, so that the
     * spelling words end with the body; then the {@code more} texts (places, themes, partners…).
     */
    static CatchAllAnalysis of(String title, String summary, String body, List<String> more) {
        StringBuilder text = new StringBuilder(title).append('\n').append(summary).append('\n');
        int bodyStart = text.length();
        text.append(body);
        for (String other : more) {
            text.append('\n').append(other);
        }
        return new CatchAllAnalysis(text.toString(), bodyStart, bodyStart + body.length());
    }

    TokenStream all() {
        Tokenizer source = new StandardTokenizer();
        source.setReader(new StringReader(text));
        return new KeepBody(FrenchAnalysis.text(new KeepWords(FrenchAnalysis.lowerCaseWords(source))));
    }

    /** Each word once: the spelling field only says which documents hold a word. */
    TokenStream words() {
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private Iterator<Object> next;

            @Override
            public void reset() throws IOException {
                super.reset();
                next = words.iterator();
            }

            @Override
            public boolean incrementToken() {
                if (!next.hasNext()) {
                    return false;
                }
                clearAttributes();
                char[] word = (char[]) next.next();
                term.copyBuffer(word, 0, word.length);
                return true;
            }
        };
    }

    TokenStream body() {
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
            private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
            private int at;

            @Override
            public void reset() throws IOException {
                super.reset();
                at = 0;
            }

            @Override
            public boolean incrementToken() {
                if (at == termCount) {
                    return false;
                }
                clearAttributes();
                int from = at == 0 ? 0 : termEnds[at - 1];
                term.copyBuffer(bodyChars, from, termEnds[at] - from);
                increment.setPositionIncrement(increments[at]);
                offset.setOffset(starts[at], ends[at]);
                at++;
                return true;
            }

            @Override
            public void end() throws IOException {
                super.end();
                offset.setOffset(bodyEnd - bodyStart, bodyEnd - bodyStart);
            }
        };
    }

    /** Keeps, folded as {@link FrenchAnalysis#words()} folds them, the words before the end of the body. */
    private final class KeepWords extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
        private char[] folded = new char[64];

        KeepWords(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (offset.endOffset() <= bodyEnd) {
                int length = term.length();
                if (folded.length < length * 4) {
                    folded = new char[length * 4];
                }
                int foldedLength = AsciiFolding.fold(term.buffer(), length, folded);
                if (!words.contains(folded, 0, foldedLength)) {
                    words.add(Arrays.copyOf(folded, foldedLength));
                }
            }
            return true;
        }
    }

    /** Keeps the terms of the body, their offsets taken from the body's start. */
    private final class KeepBody extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

        KeepBody(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            if (offset.startOffset() >= bodyStart && offset.endOffset() <= bodyEnd) {
                keep(term.buffer(), term.length(), increment.getPositionIncrement(),
                        offset.startOffset() - bodyStart, offset.endOffset() - bodyStart);
            }
            return true;
        }
    }

    private void keep(char[] chars, int length, int positionIncrement, int start, int end) {
        if (termCount == termEnds.length) {
            int size = termCount * 2;
            termEnds = Arrays.copyOf(termEnds, size);
            increments = Arrays.copyOf(increments, size);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
        }
        if (bodyCharCount + length > bodyChars.length) {
            bodyChars = Arrays.copyOf(bodyChars, Math.max(bodyChars.length * 2, bodyCharCount + length));
        }
        System.arraycopy(chars, 0, bodyChars, bodyCharCount, length);
        bodyCharCount += length;
        termEnds[termCount] = bodyCharCount;
        // The body analysed alone starts at position 0, whatever came before it in the catch-all text.
        increments[termCount] = termCount == 0 ? Math.max(1, positionIncrement) : positionIncrement;
        starts[termCount] = start;
        ends[termCount] = end;
        termCount++;
    }
}
