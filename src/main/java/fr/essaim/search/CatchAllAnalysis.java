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

/**
 * A sheet's catch-all text ({@code body \n title \n summary \n …}) analysed once for two fields.
 * {@link #all()} gives the terms of {@link FrenchAnalysis#text()}, with their offsets; on the way it
 * keeps the words of the body, title and summary as {@link FrenchAnalysis#words()} gives them, which
 * {@link #words()} gives back once {@link #all()} has been read: the catch-all field comes first in
 * the document. The body comes first so that its terms, at offsets 0 to its length, are those of the
 * body analysed alone: snippets are cut from them (every filter of the chain works token by token),
 * and the body, most of a sheet's text, is analysed and inverted once at each indexing.
 */
final class CatchAllAnalysis {

    private final String text;
    private final int wordsEnd;
    private final CharArraySet words = new CharArraySet(256, false);

    private CatchAllAnalysis(String text, int wordsEnd) {
        this.text = text;
        this.wordsEnd = wordsEnd;
    }

    /**
     * The catch-all text of a sheet: body, title and summary first, one per line, so that the
     * spelling words end with the summary; then the {@code more} texts (places, themes, partners…).
     */
    static CatchAllAnalysis of(String title, String summary, String body, List<String> more) {
        StringBuilder text = new StringBuilder(body).append('\n').append(title).append('\n').append(summary);
        int wordsEnd = text.length();
        for (String other : more) {
            text.append('\n').append(other);
        }
        return new CatchAllAnalysis(text.toString(), wordsEnd);
    }

    TokenStream all() {
        Tokenizer source = new StandardTokenizer();
        source.setReader(new StringReader(text));
        return FrenchAnalysis.text(new KeepWords(FrenchAnalysis.lowerCaseWords(source)));
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

    /** Keeps, folded as {@link FrenchAnalysis#words()} folds them, the words before the end of the summary. */
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
            if (offset.endOffset() <= wordsEnd) {
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
}
