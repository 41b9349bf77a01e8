package fr.essaim.search;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Removed stop words leave no hole: "maison de services" and "maison services" are the same
 * sequence, so that phrases and multi-word synonyms match whatever small words were typed.
 */
final class ClosePositionGapsFilter extends TokenFilter {

    private final PositionIncrementAttribute positions = addAttribute(PositionIncrementAttribute.class);

    ClosePositionGapsFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (positions.getPositionIncrement() > 1) {
            positions.setPositionIncrement(1);
        }
        return true;
    }
}
