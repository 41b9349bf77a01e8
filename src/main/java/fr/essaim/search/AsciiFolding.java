package fr.essaim.search;

import java.io.IOException;
import java.util.Arrays;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Accents, ligatures and the like folded to ASCII exactly as Lucene's {@link ASCIIFoldingFilter}
 * folds them, through a table built from it once. Its folding method is one switch too large for
 * the JIT to compile: it ran interpreted for every accented word, a fifth of the indexing time.
 * It folds each character on its own, so the table of what it gives for each character is the
 * whole of it.
 */
final class AsciiFolding {

    /** What each character folds to; null when it stays as it is. */
    private static final char[][] FOLDED = table();

    private AsciiFolding() {
    }

    private static char[][] table() {
        char[][] table = new char[Character.MAX_VALUE + 1][];
        char[] one = new char[1];
        char[] folded = new char[4];
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            one[0] = (char) c;
            int length = ASCIIFoldingFilter.foldToASCII(one, 0, folded, 0, 1);
            if (length != 1 || folded[0] != c) {
                table[c] = Arrays.copyOf(folded, length);
            }
        }
        return table;
    }

    /** The length of {@code input}'s first {@code length} characters folded into {@code output}, which holds four times as many. */
    static int fold(char[] input, int length, char[] output) {
        int at = 0;
        for (int i = 0; i < length; i++) {
            char c = input[i];
            char[] folded = c < 0x80 ? null : FOLDED[c];
            if (folded == null) {
                output[at++] = c;
            } else {
                for (char f : folded) {
                    output[at++] = f;
                }
            }
        }
        return at;
    }

    /** Whether folding changes anything in the first {@code length} characters. */
    static boolean changes(char[] input, int length) {
        for (int i = 0; i < length; i++) {
            char c = input[i];
            if (c >= 0x80 && FOLDED[c] != null) {
                return true;
            }
        }
        return false;
    }

    /** The token filter: each term folded. */
    static final class Filter extends TokenFilter {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] output = new char[64];

        Filter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            int length = term.length();
            if (changes(term.buffer(), length)) {
                if (output.length < 4 * length) {
                    output = new char[ArrayUtil.oversize(4 * length, Character.BYTES)];
                }
                term.copyBuffer(output, 0, fold(term.buffer(), length, output));
            }
            return true;
        }
    }
}
