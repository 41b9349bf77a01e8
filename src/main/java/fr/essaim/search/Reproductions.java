package fr.essaim.search;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Take-ups in the search: each published take-up's document names what it took up
 * ({@link IndexSchema#INSPIRED_BY}), so the count of a sheet's reproductions is read from the index
 * at search time — always that of the published sheets, with nothing to re-index on the sheet taken
 * up when a reproduction comes or goes.
 */
final class Reproductions {

    private Reproductions() {
    }

    static boolean needed(SearchRequest request) {
        return request.sort() == SearchRequest.Sort.REPRODUCTIONS || request.filters().containsKey(IndexSchema.TAKEN_UP);
    }

    /** How many live documents take up each sheet, by slug. */
    static Map<String, Integer> counts(IndexReader reader) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(IndexSchema.INSPIRED_BY);
            if (terms == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            TermsEnum targets = terms.iterator();
            PostingsEnum postings = null;
            for (BytesRef target = targets.next(); target != null; target = targets.next()) {
                postings = targets.postings(postings, PostingsEnum.NONE);
                int count = 0;
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        count++;
                    }
                }
                if (count > 0) {
                    counts.merge(target.utf8ToString(), count, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The query narrowed to the reproductions of the sheets asked for, and to the sheets taken up if asked. */
    static Query filter(Query base, SearchRequest request, Map<String, Integer> counts) {
        List<String> of = request.filters().getOrDefault(IndexSchema.INSPIRED_BY, List.of());
        boolean takenUp = request.filters().containsKey(IndexSchema.TAKEN_UP);
        if (of.isEmpty() && !takenUp) {
            return base;
        }
        BooleanQuery.Builder narrowed = new BooleanQuery.Builder().add(base, BooleanClause.Occur.MUST);
        if (!of.isEmpty()) {
            BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
            of.forEach(slug -> anyOf.add(new TermQuery(new Term(IndexSchema.INSPIRED_BY, slug)), BooleanClause.Occur.SHOULD));
            narrowed.add(anyOf.build(), BooleanClause.Occur.FILTER);
        }
        if (takenUp) {
            narrowed.add(counts.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(IndexSchema.SLUG,
                    counts.keySet().stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
        return narrowed.build();
    }

    /** The most reproduced first. */
    static SortField sortField(Map<String, Integer> counts) {
        return new CountSource(counts).getSortField(true);
    }

    /** Each document's number of reproductions, found by the slug of the few sheets that have any. */
    private static final class CountSource extends DoubleValuesSource {

        private final Map<String, Integer> counts;

        CountSource(Map<String, Integer> counts) {
            this.counts = Map.copyOf(counts);
        }

        @Override
        public DoubleValues getValues(LeafReaderContext leaf, DoubleValues scores) throws IOException {
            Map<Integer, Integer> byDoc = new HashMap<>();
            Bits live = leaf.reader().getLiveDocs();
            for (Map.Entry<String, Integer> count : counts.entrySet()) {
                PostingsEnum docs = leaf.reader().postings(new Term(IndexSchema.SLUG, count.getKey()), PostingsEnum.NONE);
                if (docs == null) {
                    continue;
                }
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        byDoc.put(doc, count.getValue());
                    }
                }
            }
            return new DoubleValues() {
                private int current;

                @Override
                public double doubleValue() {
                    return byDoc.getOrDefault(current, 0);
                }

                @Override
                public boolean advanceExact(int doc) {
                    current = doc;
                    return true;
                }
            };
        }

        @Override
        public boolean needsScores() {
            return false;
        }

        @Override
        public DoubleValuesSource rewrite(IndexSearcher searcher) {
            return this;
        }

        @Override
        public boolean isCacheable(LeafReaderContext ctx) {
            return false;
        }

        @Override
        public int hashCode() {
            return counts.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CountSource source && source.counts.equals(counts);
        }

        @Override
        public String toString() {
            return "reproductions";
        }
    }
}
