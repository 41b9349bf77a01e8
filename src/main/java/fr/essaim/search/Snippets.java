package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * The snippets of the hits of one page, with the matched words in {@code <mark>}: cut from the
 * body (offsets from the index), from the summary only for the hits whose body gives none. The
 * text comes from the hits the page has already read, not from a second read of the index.
 */
final class Snippets {

    private Snippets() {
    }

    /** One snippet per document, in the order given; {@code docs} holds the body and summary of each. */
    static String[] of(IndexSearcher searcher, Analyzer analyzer, Query marked, int[] ids, Map<Integer, HitRecord> docs)
            throws IOException {
        UnifiedHighlighter highlighter = new Preloaded(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(100_000)
                .withBreakIterator(SentenceBreaks::new)
                // Words of a phrase are marked wherever they occur: much cheaper, and readers do not mind.
                .withHighlightPhrasesStrictly(false)
                .withWeightMatches(false), docs);
        String[] snippets = highlighter.highlightFields(new String[] {IndexSchema.BODY}, marked, ids, new int[] {2})
                .get(IndexSchema.BODY);
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

        Preloaded(Builder builder, Map<Integer, HitRecord> docs) {
            super(builder);
            this.docs = docs;
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator ids, int cacheCharsThreshold)
                throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            for (int id = ids.nextDoc(); id != DocIdSetIterator.NO_MORE_DOCS; id = ids.nextDoc()) {
                HitRecord doc = docs.get(id);
                CharSequence[] texts = new CharSequence[fields.length];
                for (int f = 0; f < fields.length; f++) {
                    texts[f] = fields[f].equals(IndexSchema.BODY) ? doc.body() : doc.summary();
                }
                values.add(texts);
            }
            return values;
        }
    }
}
