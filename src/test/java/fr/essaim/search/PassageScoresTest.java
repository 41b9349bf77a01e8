package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageScoresTest {

    private final PassageScorer lucene = new PassageScorer();
    private final PassageScores ours = new PassageScores();

    @Test
    void givesLucenesScoreToPassagesWithRepeatedWords() {
        Random random = new Random(42);
        String[] words = {"mobilite", "solidaire", "rural", "transport", "sante", "ecole"};
        for (int round = 0; round < 2_000; round++) {
            Passage passage = new Passage();
            int start = random.nextInt(5_000);
            passage.setStartOffset(start);
            int at = start;
            int matches = random.nextInt(12);
            for (int m = 0; m < matches; m++) {
                at += 1 + random.nextInt(40);
                String word = words[random.nextInt(1 + random.nextInt(words.length))];
                passage.setEndOffset(at + word.length());
                passage.addMatch(at, at + word.length(), new BytesRef(word), 1 + random.nextInt(30));
            }
            passage.setEndOffset(Math.max(start, at) + 1 + random.nextInt(200));
            int contentLength = passage.getEndOffset() + random.nextInt(20_000);
            assertEquals(lucene.score(passage, contentLength), ours.score(passage, contentLength),
                    () -> "passage " + passage);
        }
    }

    @Test
    void ranksAPassageWithMoreOfTheWordsHigher() {
        Passage one = passage(new String[] {"mobilite"}, 3);
        Passage both = passage(new String[] {"mobilite", "rural"}, 3);
        assertTrue(ours.score(both, 2_000) > ours.score(one, 2_000));
        assertEquals(0f, ours.score(new Passage(), 2_000), "a passage without any of the words");
    }

    private static Passage passage(String[] words, int inDocument) {
        Passage passage = new Passage();
        passage.setStartOffset(100);
        int at = 100;
        for (String word : words) {
            passage.setEndOffset(at + word.length());
            passage.addMatch(at, at + word.length(), new BytesRef(word), inDocument);
            at += word.length() + 1;
        }
        passage.setEndOffset(at + 50);
        return passage;
    }
}
