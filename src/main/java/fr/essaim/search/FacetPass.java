package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;

/**
 * A search with chosen facet values in one pass over the documents of the words, with the very
 * answer of a drill-sideways search (each chosen dimension counted as if its own choice were not
 * made, every other one over the hits): whether a document passes each chosen dimension is read
 * from its values in {@link FacetOrdinals}, not from the postings of the chosen values; only the
 * documents that pass every choice are offered to the page and scored; no set of hits is built
 * unless communes are to be counted on it.
 */
final class FacetPass {

    /** How many documents pass every choice, the counts by global ordinal, the page (if asked), and the hits when asked. */
    record Found(long total, int[] counts, TopDocs top, FacetsCollector hits) {
    }

    private FacetPass() {
    }

    /** False when the territory filter holds a commune or EPCI key: those live in another facet field. */
    static boolean handles(Map<String, List<String>> filters) {
        return filters.getOrDefault(IndexSchema.FACET_TERRITORY, List.of()).stream()
                .allMatch(key -> IndexSchema.territoryDim(key).equals(IndexSchema.FACET_TERRITORY));
    }

    static Found search(IndexSearcher searcher, FacetOrdinals ordinals, Query words, Map<String, List<String>> filters,
            Sort sort, int wanted, boolean keepHits) throws IOException {
        int[] chosenBit = new int[ordinals.size()];
        int[] dimBit = new int[ordinals.size()];
        int chosenDims = 0;
        int bit = 1;
        for (String dim : IndexSchema.FACETS) {
            List<String> values = filters.get(dim);
            if (values == null || values.isEmpty()) {
                continue;
            }
            chosenDims |= bit;
            FacetOrdinals.Range range = ordinals.range(dim);
            if (range != null) {
                java.util.Arrays.fill(dimBit, range.start(), range.end(), bit);
            }
            for (String value : values) {
                int ord = ordinals.ord(dim, value);
                if (ord >= 0) {
                    chosenBit[ord] = bit;
                }
            }
            bit <<= 1;
        }
        return searcher.search(words, new Passes(ordinals, chosenBit, dimBit, chosenDims,
                sort == null ? null : new TopFieldCollectorManager(sort, wanted, Integer.MAX_VALUE),
                keepHits ? new FacetsCollectorManager() : null));
    }

    /**
     * The counts and the total alone, without a page: no document is scored, so the optional
     * clauses of the words, which only add to scores, are not even read.
     */
    static Found count(IndexSearcher searcher, FacetOrdinals ordinals, Query words, Map<String, List<String>> filters,
            boolean keepHits) throws IOException {
        return search(searcher, ordinals, words, filters, null, 0, keepHits);
    }

    private record Passes(FacetOrdinals ordinals, int[] chosenBit, int[] dimBit, int chosenDims,
            TopFieldCollectorManager pages, FacetsCollectorManager hits) implements CollectorManager<Pass, Found> {

        @Override
        public Pass newCollector() throws IOException {
            return new Pass(this, pages == null ? null : pages.newCollector(), hits == null ? null : hits.newCollector());
        }

        @Override
        public Found reduce(Collection<Pass> passes) throws IOException {
            long total = 0;
            int[] counts = new int[ordinals.size()];
            List<TopFieldCollector> tops = new ArrayList<>();
            List<FacetsCollector> kept = new ArrayList<>();
            for (Pass pass : passes) {
                total += pass.total;
                for (int ord = 0; ord < counts.length; ord++) {
                    counts[ord] += pass.counts[ord];
                }
                tops.add(pass.page);
                kept.add(pass.hits);
            }
            return new Found(total, counts, pages == null ? null : pages.reduce(tops), hits == null ? null : hits.reduce(kept));
        }
    }

    private static final class Pass implements Collector {

        private final Passes setup;
        private final TopFieldCollector page;
        private final FacetsCollector hits;
        private final int[] counts;
        private long total;

        Pass(Passes setup, TopFieldCollector page, FacetsCollector hits) {
            this.setup = setup;
            this.page = page;
            this.hits = hits;
            this.counts = new int[setup.ordinals().size()];
        }

        @Override
        public ScoreMode scoreMode() {
            return page == null ? ScoreMode.COMPLETE_NO_SCORES : page.scoreMode();
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            return new Segment(context, page == null ? null : page.getLeafCollector(context),
                    hits == null ? null : hits.getLeafCollector(context));
        }

        /** Counts by the segment's own ordinals, added to the global counts when the segment is done. */
        private final class Segment implements LeafCollector {

            private final LeafCollector pageLeaf;
            private final LeafCollector hitsLeaf;
            private final int[] global;
            private final int[] start;
            private final int[] ords;
            private final int[] chosen;
            private final int[] dims;
            private final int[] local;
            private final int all = setup.chosenDims();
            private int passing;

            Segment(LeafReaderContext context, LeafCollector pageLeaf, LeafCollector hitsLeaf) {
                this.pageLeaf = pageLeaf;
                this.hitsLeaf = hitsLeaf;
                FacetOrdinals.SegmentOrds segment = setup.ordinals().segment(context.ord);
                global = setup.ordinals().globalOrds(context.ord);
                start = segment.start();
                ords = segment.ords();
                chosen = new int[global.length];
                dims = new int[global.length];
                for (int ord = 0; ord < global.length; ord++) {
                    chosen[ord] = setup.chosenBit()[global[ord]];
                    dims[ord] = setup.dimBit()[global[ord]];
                }
                local = new int[global.length];
            }

            @Override
            public void setScorer(Scorable scorer) throws IOException {
                if (pageLeaf != null) {
                    pageLeaf.setScorer(scorer);
                }
                if (hitsLeaf != null) {
                    hitsLeaf.setScorer(scorer);
                }
            }

            @Override
            public void collect(int doc) throws IOException {
                int from = start[doc];
                int to = start[doc + 1];
                int[] values = ords;
                int[] counted = local;
                int failed = 0;
                if (all != 0) {
                    int passed = 0;
                    for (int i = from; i < to; i++) {
                        passed |= chosen[values[i]];
                    }
                    failed = all & ~passed;
                }
                if (failed == 0) {
                    passing++;
                    for (int i = from; i < to; i++) {
                        counted[values[i]]++;
                    }
                    if (pageLeaf != null) {
                        pageLeaf.collect(doc);
                    }
                    if (hitsLeaf != null) {
                        hitsLeaf.collect(doc);
                    }
                } else if ((failed & (failed - 1)) == 0) {
                    // Misses one choice only: counted in that dimension, as if it were not chosen.
                    int[] dimOf = dims;
                    for (int i = from; i < to; i++) {
                        if (dimOf[values[i]] == failed) {
                            counted[values[i]]++;
                        }
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                total += passing;
                for (int ord = 0; ord < local.length; ord++) {
                    counts[global[ord]] += local[ord];
                }
                if (pageLeaf != null) {
                    pageLeaf.finish();
                }
                if (hitsLeaf != null) {
                    hitsLeaf.finish();
                }
            }
        }
    }
}
