package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.BreakIterator;

import org.junit.jupiter.api.Test;

class SentenceBreaksTest {

    private static final String TEXT = "Le bus passe le mardi. Il s'arrête à la mairie ! Pourquoi ? Voir 3.5 km…\n"
            + "## Résultats\n- 40 visites par mois";

    @Test
    void sentencesEndAfterAStopFollowedBySpaceAndAtEveryLineBreak() {
        int[] bounds = SentenceBreaks.boundsOf(TEXT);
        assertArrayEquals(new int[] {0, 23, 49, 60, 73, 86, TEXT.length()}, bounds);
        assertEquals("Il s'arrête à la mairie ! ", TEXT.substring(bounds[1], bounds[2]));
        assertEquals("Voir 3.5 km…\n", TEXT.substring(bounds[3], bounds[4]), "no break inside a number");
        assertEquals("## Résultats\n", TEXT.substring(bounds[4], bounds[5]));
    }

    @Test
    void followingAndPrecedingBehaveAsTheJdkIteratorsDo() {
        BreakIterator breaks = new SentenceBreaks();
        breaks.setText(TEXT);
        assertEquals(0, breaks.first());
        assertEquals(23, breaks.following(0));
        assertEquals(23, breaks.following(10));
        assertEquals(49, breaks.following(23));
        assertEquals(23, breaks.preceding(30));
        assertEquals(0, breaks.preceding(23));
        assertEquals(BreakIterator.DONE, breaks.preceding(0));
        assertEquals(BreakIterator.DONE, breaks.following(TEXT.length()));
        assertEquals(TEXT.length(), breaks.last());
        assertEquals(86, breaks.previous());
        assertEquals(TEXT.length(), breaks.next());
        assertEquals(BreakIterator.DONE, breaks.next());
        assertTrue(breaks.isBoundary(49));
        assertFalse(breaks.isBoundary(50));
        assertEquals(60, breaks.current(), "after a miss the iterator stands on the next boundary");
    }

    @Test
    void aTextWithoutStopIsOneSentenceAndAnEmptyTextHasOneBoundary() {
        assertArrayEquals(new int[] {0, 13}, SentenceBreaks.boundsOf("sans un point"));
        assertArrayEquals(new int[] {0}, SentenceBreaks.boundsOf(""));
        assertArrayEquals(new int[] {0, 7}, SentenceBreaks.boundsOf("Fin. \n "), "trailing spaces start no sentence");
    }
}
