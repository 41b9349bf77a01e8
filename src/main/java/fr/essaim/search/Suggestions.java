package fr.essaim.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/**
 * As-you-type completion over sheet titles, theme labels and the territories sheets are about:
 * any word of the entry may be started ("itin" → L'itinérance des services), accents ignored.
 */
final class Suggestions implements Closeable {

    private final TerritoryCatalog territories;
    private final Map<Integer, String> themeLabels;
    private final AnalyzingInfixSuggester suggester;
    private volatile boolean built;

    Suggestions(TerritoryCatalog territories, Map<Integer, String> themeLabels) throws IOException {
        this.territories = territories;
        this.themeLabels = themeLabels;
        this.suggester = new AnalyzingInfixSuggester(new ByteBuffersDirectory(), FrenchAnalysis.words(), FrenchAnalysis.words(),
                2, false, true, false);
    }

    private record Entry(String text, long weight, String payload) {
    }

    void rebuild(IndexSearcher searcher, SortedSetDocValuesReaderState facets) throws IOException {
        List<Entry> entries = new ArrayList<>();
        var stored = searcher.storedFields();
        for (var scoreDoc : searcher.search(new MatchAllDocsQuery(), Math.max(1, searcher.getIndexReader().numDocs())).scoreDocs) {
            var doc = stored.document(scoreDoc.doc, Set.of(IndexSchema.SLUG, IndexSchema.TITLE));
            entries.add(new Entry(doc.get(IndexSchema.TITLE), 300, "fiche\t" + doc.get(IndexSchema.SLUG)));
        }
        themeLabels.forEach((code, label) -> entries.add(new Entry(label, 200, "theme\t" + code)));
        if (facets != null) {
            FacetsCollector all = searcher.search(new MatchAllDocsQuery(), new FacetsCollectorManager());
            SortedSetDocValuesFacetCounts counts = new SortedSetDocValuesFacetCounts(facets, all);
            for (String dim : List.of(IndexSchema.FACET_TERRITORY, IndexSchema.FACET_TERRITORY_LOCAL)) {
                FacetResult places;
                try {
                    places = counts.getAllChildren(dim);
                } catch (IllegalArgumentException e) {
                    places = null;
                }
                if (places != null) {
                    for (LabelAndValue place : places.labelValues) {
                        territories.find(place.label).ifPresent(t -> entries.add(new Entry(
                                t.name() + " (" + t.levelLabel() + ")", weight(t) + place.value.longValue(), "territoire\t" + t.key())));
                    }
                }
            }
        }
        suggester.build(new EntryIterator(entries.iterator()));
        built = true;
    }

    private static long weight(Territory territory) {
        return switch (territory.level()) {
            case "region" -> 150;
            case "departement" -> 140;
            default -> 100;
        };
    }

    List<Completion> lookup(String typed, int count) throws IOException {
        String text = typed == null ? "" : typed.strip();
        if (!built || text.length() < 2) {
            return List.of();
        }
        List<Completion> found = new ArrayList<>();
        for (Lookup.LookupResult result : suggester.lookup(text, count, true, false)) {
            String[] payload = result.payload.utf8ToString().split("\t", 2);
            String url = switch (payload[0]) {
                case "fiche" -> "/fiches/" + payload[1];
                case "theme" -> "/recherche?theme=" + payload[1];
                default -> "/recherche?territoire=" + payload[1];
            };
            found.add(new Completion(result.key.toString(), payload[0], payload[1], url));
        }
        return found;
    }

    @Override
    public void close() throws IOException {
        suggester.close();
    }

    private static final class EntryIterator implements InputIterator {
        private final Iterator<Entry> entries;
        private Entry current;

        EntryIterator(Iterator<Entry> entries) {
            this.entries = entries;
        }

        @Override
        public BytesRef next() {
            if (!entries.hasNext()) {
                return null;
            }
            current = entries.next();
            return new BytesRef(current.text());
        }

        @Override
        public long weight() {
            return current.weight();
        }

        @Override
        public BytesRef payload() {
            return new BytesRef(current.payload().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean hasPayloads() {
            return true;
        }

        @Override
        public Set<BytesRef> contexts() {
            return null;
        }

        @Override
        public boolean hasContexts() {
            return false;
        }
    }
}
