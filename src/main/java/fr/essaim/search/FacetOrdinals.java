package fr.essaim.search;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;

/**
 * The facet values of every document of one reader, read once into plain arrays: counting a search's
 * hits then costs a few array reads per document instead of decoding doc values again for each
 * facet pass. A segment's arrays are kept as long as the segment lives, so a refresh after a
 * publication only reads the new small segment. Labels and dimension ranges come with the reader.
 */
final class FacetOrdinals {

    /** A segment's values: those of document {@code d} are {@code ords[start[d]]} to {@code ords[start[d + 1] - 1]}. */
    record SegmentOrds(int[] start, int[] ords) {
    }

    /** Per facet field and segment core, shared by the readers of one index; dropped with the segment. */
    static final class Cache {
        private final Map<String, Map<Object, SegmentOrds>> fields = new java.util.concurrent.ConcurrentHashMap<>();

        private Map<Object, SegmentOrds> of(String field) {
            return fields.computeIfAbsent(field, name -> Collections.synchronizedMap(new WeakHashMap<>()));
        }
    }

    /** A dimension's values, global ordinals {@code start} (inclusive) to {@code end} (exclusive). */
    record Range(int start, int end) {
    }

    private final SegmentOrds[] segments;
    /** For each segment, its ordinals as global ordinals of the reader. */
    private final int[][] globalOrds;
    private final String[] values;
    private final Map<String, Range> dims;
    private final int size;
    /**
     * Global ordinal by dimension and value, joined by a unit separator: made at the first search
     * that chooses a value, so that a reader of communes, whose values are only listed, never makes it.
     */
    private volatile Map<String, Integer> ordOf;

    private FacetOrdinals(SegmentOrds[] segments, int[][] globalOrds, String[] values, Map<String, Range> dims) {
        this.segments = segments;
        this.globalOrds = globalOrds;
        this.values = values;
        this.dims = dims;
        this.size = values.length;
    }

    /** The global ordinal of a value of a dimension, or -1 when no document has it. */
    int ord(String dim, String value) {
        Map<String, Integer> known = ordOf;
        if (known == null) {
            Map<String, Integer> made = new HashMap<>();
            dims.forEach((name, range) -> {
                for (int ord = range.start(); ord < range.end(); ord++) {
                    made.put(name + '\u001f' + values[ord], ord);
                }
            });
            ordOf = known = made;
        }
        return known.getOrDefault(dim + '\u001f' + value, -1);
    }

    /** The values of the documents of a segment, by the segment's own ordinals. */
    SegmentOrds segment(int leaf) {
        return segments[leaf];
    }

    /** A segment's ordinals as global ordinals. */
    int[] globalOrds(int leaf) {
        return globalOrds[leaf];
    }

    /** Reads the values of the reader's facet field described by {@code state}. */
    static FacetOrdinals of(SortedSetDocValuesReaderState state, List<String> dimNames, Cache cache) throws IOException {
        IndexReader reader = state.getReader();
        String field = state.getField();
        SortedSetDocValues all = state.getDocValues();
        OrdinalMap mapping = all instanceof MultiDocValues.MultiSortedSetDocValues multi ? multi.mapping : null;
        List<LeafReaderContext> leaves = reader.leaves();
        Map<Object, SegmentOrds> cached = cache.of(field);
        SegmentOrds[] segments = new SegmentOrds[leaves.size()];
        int[][] globalOrds = new int[leaves.size()][];
        for (LeafReaderContext leaf : leaves) {
            LeafReader segment = leaf.reader();
            SortedSetDocValues docValues = DocValues.getSortedSet(segment, field);
            var key = segment.getCoreCacheHelper() == null ? null : segment.getCoreCacheHelper().getKey();
            SegmentOrds ords = key == null ? null : cached.get(key);
            if (ords == null) {
                ords = read(docValues, segment.maxDoc());
                if (key != null) {
                    cached.put(key, ords);
                }
            }
            segments[leaf.ord] = ords;
            int[] global = new int[(int) docValues.getValueCount()];
            LongValues toGlobal = mapping == null ? null : mapping.getGlobalOrds(leaf.ord);
            for (int ord = 0; ord < global.length; ord++) {
                global[ord] = toGlobal == null ? ord : (int) toGlobal.get(ord);
            }
            globalOrds[leaf.ord] = global;
        }
        String[] values = new String[state.getSize()];
        for (int ord = 0; ord < values.length; ord++) {
            BytesRef term = all.lookupOrd(ord);
            String[] path = FacetsConfig.stringToPath(term.utf8ToString());
            values[ord] = path.length > 1 ? path[1] : "";
        }
        Map<String, Range> dims = new HashMap<>();
        for (String dim : dimNames) {
            SortedSetDocValuesReaderState.OrdRange range;
            try {
                range = state.getOrdRange(dim);
            } catch (IllegalArgumentException e) {
                range = null;
            }
            if (range != null) {
                dims.put(dim, new Range(range.start, range.end + 1));
            }
        }
        return new FacetOrdinals(segments, globalOrds, values, Map.copyOf(dims));
    }

    private static SegmentOrds read(SortedSetDocValues docValues, int maxDoc) throws IOException {
        int[] start = new int[maxDoc + 1];
        int[] ords = new int[Math.max(16, maxDoc * 8)];
        int at = 0;
        int doc = 0;
        for (int next = docValues.nextDoc(); next != DocIdSetIterator.NO_MORE_DOCS; next = docValues.nextDoc()) {
            while (doc <= next) {
                start[doc++] = at;
            }
            int count = docValues.docValueCount();
            if (at + count > ords.length) {
                ords = java.util.Arrays.copyOf(ords, Math.max(ords.length * 2, at + count));
            }
            for (int i = 0; i < count; i++) {
                ords[at++] = (int) docValues.nextOrd();
            }
        }
        while (doc <= maxDoc) {
            start[doc++] = at;
        }
        return new SegmentOrds(start, java.util.Arrays.copyOf(ords, at));
    }

    int size() {
        return size;
    }

    /** The value (without its dimension) of a global ordinal. */
    String value(int ord) {
        return values[ord];
    }

    /** The global ordinals of a dimension; null when no document has it. */
    Range range(String dim) {
        return dims.get(dim);
    }

    /**
     * Adds to {@code counts} (by global ordinal) the values of the documents collected in
     * {@code hits}, only those in {@code range} when it is given.
     */
    void count(FacetsCollector hits, Range range, int[] counts) throws IOException {
        for (FacetsCollector.MatchingDocs matching : hits.getMatchingDocs()) {
            if (matching.totalHits == 0 || matching.bits == null) {
                continue;
            }
            DocIdSetIterator docs = matching.bits.iterator();
            if (docs == null) {
                continue;
            }
            int leaf = matching.context.ord;
            SegmentOrds segment = segments[leaf];
            int[] global = globalOrds[leaf];
            int[] start = segment.start();
            int[] ords = segment.ords();
            int[] local = new int[global.length];
            int low = range == null ? 0 : lowerBound(global, range.start());
            int high = range == null ? global.length : lowerBound(global, range.end());
            if (low >= high) {
                continue;
            }
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                for (int i = start[doc], end = start[doc + 1]; i < end; i++) {
                    int ord = ords[i];
                    if (ord >= low && ord < high) {
                        local[ord]++;
                    }
                }
            }
            for (int ord = low; ord < high; ord++) {
                counts[global[ord]] += local[ord];
            }
        }
    }

    /** The first index of the increasing {@code global} whose value is at least {@code ord}. */
    private static int lowerBound(int[] global, int ord) {
        int found = java.util.Arrays.binarySearch(global, ord);
        return found >= 0 ? found : -found - 1;
    }
}
