package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The folding by table gives, character by character and token by token, what Lucene's filter gives. */
class AsciiFoldingTest {

    @Test
    void everyCharacterFoldsAsLucenesFilterFoldsIt() {
        char[] one = new char[1];
        char[] expected = new char[4];
        char[] actual = new char[4];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            one[0] = (char) c;
            int expectedLength = ASCIIFoldingFilter.foldToASCII(one, 0, expected, 0, 1);
            int actualLength = AsciiFolding.fold(one, 1, actual);
            assertEquals(new String(expected, 0, expectedLength), new String(actual, 0, actualLength),
                    "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void tokensComeOutAsFromLucenesFilter() throws IOException {
        String text = "L'Œuvre des cœurs à Saint-Étienne-lès-Remiremont : Straße, ﬁnancement, Ærø, naïveté, "
                + "“guillemets” — tirets, ½ part, ⑦, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 et plain ascii";
        assertEquals(tokens(new WhitespaceTokenizer(), text, ASCIIFoldingFilter::new),
                tokens(new WhitespaceTokenizer(), text, AsciiFolding.Filter::new));
        StringBuilder every = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            every.append((char) c);
        }
        for (int from = 0; from < every.length(); from += 500) {
            String chunk = every.substring(from, Math.min(every.length(), from + 500));
            assertEquals(tokens(new KeywordTokenizer(), chunk, ASCIIFoldingFilter::new),
                    tokens(new KeywordTokenizer(), chunk, AsciiFolding.Filter::new), "from U+" + Integer.toHexString(from));
        }
    }

    private static List<String> tokens(Tokenizer tokenizer, String text, Function<TokenStream, TokenStream> filter)
            throws IOException {
        tokenizer.setReader(new java.io.StringReader(text));
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = filter.apply(tokenizer)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void anUnchangedTokenIsLeftAsItIs() {
        char[] ascii = "plain".toCharArray();
        assertFalse(AsciiFolding.changes(ascii, ascii.length));
        char[] accented = "été".toCharArray();
        assertTrue(AsciiFolding.changes(accented, accented.length));
    }
}
