package fr.essaim.search;

import java.io.IOException;
import java.util.Map;

import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.MultiFacets;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;

/**
 * The facet ordinals of one reader. Those of every facet but communes are computed with the reader,
 * at each refresh; those of communes and EPCI (tens of thousands of values) only when a search first
 * lists them, then kept for the reader's other searches.
 */
final class FacetStates {

    private final IndexReader reader;
    private final FacetsConfig config;
    private final SortedSetDocValuesReaderState main;
    private final FacetOrdinals ordinals;
    private final FacetOrdinals.Cache cache;
    private SortedSetDocValuesReaderState local;
    private FacetOrdinals localOrdinals;
    private boolean localComputed;

    /** Counts by ordinal of {@code ordinals}, the commune and EPCI values. */
    record Communes(FacetOrdinals ordinals, int[] counts) {
    }

    /** What a search without words finds: its total and its facets. */
    record Browsed(long total, Map<String, java.util.List<SearchResult.FacetValue>> facets) {
    }

    private static final int BROWSED = 500;
    /** By filter set, the most recently used kept: a few hundred kilobytes. */
    private final Map<Map<String, java.util.List<String>>, Browsed> browsed = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Map<String, java.util.List<String>>, Browsed> eldest) {
                    return size() > BROWSED;
                }
            });

    FacetStates(IndexReader reader, FacetsConfig config, FacetOrdinals.Cache cache) throws IOException {
        this.reader = reader;
        this.config = config;
        this.cache = cache;
        this.main = compute(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
        this.ordinals = main == null ? null : FacetOrdinals.of(main, IndexSchema.FACETS, cache);
    }

    IndexReader reader() {
        return reader;
    }

    /** The ordinals of every facet but communes; null while no sheet has a facet value. */
    SortedSetDocValuesReaderState main() {
        return main;
    }

    /** The values of every facet but communes, by ordinal; null while no sheet has a facet value. */
    FacetOrdinals ordinals() {
        return ordinals;
    }

    /**
     * Counts by ordinal of every facet but communes: each dimension chosen in the search counted once
     * over its own sideways hits (as if its own choice were not made), every other over the hits.
     */
    int[] count(FacetsCollector hits, FacetsCollector[] sideways, String[] sidewaysDims) throws IOException {
        int[] counts = new int[ordinals.size()];
        ordinals.count(hits, null, counts);
        for (int i = 0; sideways != null && i < sideways.length; i++) {
            FacetOrdinals.Range range = ordinals.range(sidewaysDims[i]);
            if (range != null) {
                java.util.Arrays.fill(counts, range.start(), range.end(), 0);
                ordinals.count(sideways[i], range, counts);
            }
        }
        return counts;
    }

    /** The total and facets of a search without words and with these filters on this reader, if known. */
    Browsed browsed(Map<String, java.util.List<String>> filters) {
        return browsed.get(filters);
    }

    void browsed(Map<String, java.util.List<String>> filters, Browsed found) {
        browsed.put(filters, found);
    }

    /** Computes the commune and EPCI ordinals now rather than at the first search that lists them. */
    void communes() throws IOException {
        local();
    }

    /**
     * Counts of {@code hits} by commune and EPCI ({@code territoryLocal}), or null when no sheet has
     * any: read from plain arrays, as the other facets are, rather than by a facet count that walks
     * and labels the tens of thousands of values at each search.
     */
    Communes communes(FacetsCollector hits) throws IOException {
        local();
        FacetOrdinals.Range range = localOrdinals == null ? null : localOrdinals.range(IndexSchema.FACET_TERRITORY_LOCAL);
        if (range == null) {
            return null;
        }
        int[] counts = new int[localOrdinals.size()];
        localOrdinals.count(hits, range, counts);
        return new Communes(localOrdinals, counts);
    }

    /** Counts of {@code hits} by commune and EPCI ({@code territoryLocal}) added to {@code counted}. */
    Facets withCommunes(Facets counted, FacetsCollector hits) throws IOException {
        SortedSetDocValuesReaderState communes = local();
        if (communes == null) {
            return counted;
        }
        return new MultiFacets(Map.of(IndexSchema.FACET_TERRITORY_LOCAL, new SortedSetDocValuesFacetCounts(communes, hits)), counted);
    }

    /** Every facet, communes included, counted over {@code hits}. */
    Facets countAll(FacetsCollector hits) throws IOException {
        return withCommunes(new SortedSetDocValuesFacetCounts(main, hits), hits);
    }

    private synchronized SortedSetDocValuesReaderState local() throws IOException {
        if (!localComputed) {
            local = compute(IndexSchema.LOCAL_FACET_FIELD);
            localOrdinals = local == null ? null
                    : FacetOrdinals.of(local, java.util.List.of(IndexSchema.FACET_TERRITORY_LOCAL), cache);
            localComputed = true;
        }
        return local;
    }

    private SortedSetDocValuesReaderState compute(String field) throws IOException {
        if (reader.maxDoc() == 0) {
            return null;
        }
        try {
            return new DefaultSortedSetDocValuesReaderState(reader, field, config);
        } catch (IllegalArgumentException e) {
            // No sheet has a value in this field yet.
            return null;
        }
    }
}
