package fr.essaim.search;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's score of a snippet's passage, to the same value, without the term hash Lucene's own
 * builds for every passage it scores: that hash takes a 32 KB block each time, and scoring the
 * sentences of a page of hits made it half of what a search allocated. A passage holds the
 * matches of a few query words, so they are told apart by comparing them.
 */
final class PassageScores extends PassageScorer {

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] inDocument = passage.getMatchTermFreqsInDoc();
        int[] firstMatch = new int[matches];
        int[] inPassage = new int[matches];
        int distinct = 0;
        for (int match = 0; match < matches; match++) {
            int term = 0;
            while (term < distinct && !terms[firstMatch[term]].equals(terms[match])) {
                term++;
            }
            if (term == distinct) {
                firstMatch[distinct++] = match;
            }
            inPassage[term]++;
        }
        // In the order of the terms' first matches and in double precision, as Lucene sums them.
        double score = 0d;
        for (int term = 0; term < distinct; term++) {
            score += tf(inPassage[term], passage.getLength()) * weight(contentLength, inDocument[firstMatch[term]]);
        }
        score *= norm(passage.getStartOffset());
        return (float) score;
    }
}
