package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * The snippets of the hits of one page, with the matched words in {@code <mark>}: cut from the
 * body (offsets of the catch-all field, which starts with it), from the summary only for the hits
 * whose body gives none. The text comes from the hits the page has already read, not from a
 * second read of the index.
 */
final class Snippets {

    private static final PassageScores SCORES = new PassageScores();

    private Snippets() {
    }

    /**
     * One snippet per document, in the order given; {@code docs} holds the body and summary of each.
     * {@code forward}: each term's postings read forward across the page, not opened again for each hit.
     */
    static String[] of(IndexSearcher searcher, Analyzer analyzer, Query marked, int[] ids, Map<Integer, HitRecord> docs,
            boolean forward) throws IOException {
        UnifiedHighlighter highlighter = new Preloaded(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withScorer(SCORES)
                .withMaxLength(100_000)
                .withBreakIterator(SentenceBreaks::new)
                // Words of a phrase are marked wherever they occur: much cheaper, and readers do not mind.
                .withHighlightPhrasesStrictly(false)
                .withWeightMatches(false), docs, forward);
        String[] snippets = highlighter.highlightFields(new String[] {IndexSchema.ALL}, marked, ids, new int[] {2})
                .get(IndexSchema.ALL);
        List<Integer> blank = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (snippets[i] == null || snippets[i].isBlank()) {
                blank.add(i);
            }
        }
        if (!blank.isEmpty()) {
            int[] fallback = blank.stream().mapToInt(i -> ids[i]).toArray();
            String[] summaries = highlighter.highlightFields(new String[] {IndexSchema.SUMMARY}, marked, fallback,
                    new int[] {1}).get(IndexSchema.SUMMARY);
            for (int k = 0; k < fallback.length; k++) {
                snippets[blank.get(k)] = summaries[k];
            }
        }
        return snippets;
    }

    /** Reads the text to highlight from the documents already loaded. */
    private static final class Preloaded extends UnifiedHighlighter {

        private final Map<Integer, HitRecord> docs;
        private final boolean forward;

        Preloaded(Builder builder, Map<Integer, HitRecord> docs, boolean forward) {
            super(builder);
            this.docs = docs;
            this.forward = forward;
        }

        @Override
        protected FieldOffsetStrategy getOffsetStrategy(OffsetSource offsetSource, UHComponents components) {
            return forward && offsetSource == OffsetSource.POSTINGS ? new ForwardPostings(components)
                    : super.getOffsetStrategy(offsetSource, components);
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator ids, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int id = ids.nextDoc(); id != DocIdSetIterator.NO_MORE_DOCS; id = ids.nextDoc()) {
                HitRecord doc = docs.get(id);
                CharSequence[] texts = new CharSequence[fields.length];
                for (int f = 0; f < fields.length; f++) {
                    // The body only: the catch-all field starts with it, and the highlighter leaves out the
                    // matches past the end of the text it is given (title, summary, places…).
                    texts[f] = fields[f].equals(IndexSchema.ALL) ? doc.body() : doc.summary();
                }
                values.add(texts);
            }
            return values;
        }
    }

    /**
     * Offsets from the postings, each term looked up once per page rather than once per hit: the
     * highlighter takes the hits in increasing order, so a term's postings move forward from one
     * hit to the next instead of being opened and skipped through from their start for each.
     */
    private static final class ForwardPostings extends PostingsOffsetStrategy {

        private static final class Cursor {
            private PostingsEnum postings;
            private int target = -1;
        }

        private final Map<BytesRef, Cursor> cursors = new HashMap<>();
        private Terms terms;
        private TermsEnum termsEnum;

        ForwardPostings(UHComponents components) {
            super(components);
        }

        @Override
        protected void createOffsetsEnumsForTerms(BytesRef[] sourceTerms, Terms termsIndex, int doc, List<OffsetsEnum> results)
                throws IOException {
            if (termsIndex != terms) {
                terms = termsIndex;
                termsEnum = termsIndex.iterator();
                cursors.clear();
            }
            for (BytesRef term : sourceTerms) {
                Cursor cursor = cursors.computeIfAbsent(term, t -> new Cursor());
                if (doc <= cursor.target) {
                    // Not the increasing order this strategy is for: the term's postings are opened again.
                    cursor.postings = null;
                    cursor.target = -1;
                }
                if (cursor.target < 0) {
                    cursor.postings = termsEnum.seekExact(term) ? termsEnum.postings(null, PostingsEnum.OFFSETS) : null;
                }
                cursor.target = doc;
                if (cursor.postings == null) {
                    continue;
                }
                int at = cursor.postings.docID() < doc ? cursor.postings.advance(doc) : cursor.postings.docID();
                if (at == doc) {
                    results.add(new OffsetsEnum.OfPostings(term, cursor.postings));
                }
            }
        }
    }
}
