package fr.essaim.search;

import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

import fr.essaim.territory.Territory;
import fr.essaim.territory.TerritoryCatalog;

/**
 * As-you-type completion over sheet titles, theme labels and the territories sheets are about:
 * any word of the entry may be started ("itin" → L'itinérance des services), accents ignored.
 */
final class Suggestions implements Closeable {

    private static final long SHEET_WEIGHT = 300;

    private final TerritoryCatalog territories;
    private final Map<Integer, String> themeLabels;
    private volatile AnalyzingInfixSuggester suggester;

    Suggestions(TerritoryCatalog territories, Map<Integer, String> themeLabels) {
        this.territories = territories;
        this.themeLabels = themeLabels;
    }

    private static AnalyzingInfixSuggester newSuggester() throws IOException {
        return new AnalyzingInfixSuggester(new ByteBuffersDirectory(), FrenchAnalysis.words(), FrenchAnalysis.words(),
                2, false, true, false);
    }

    private record Entry(String text, long weight, String payload) {
    }

    /**
     * Builds the whole list afresh from the index, aside, then serves it: lookups go on meanwhile
     * on the previous list.
     */
    void rebuild(IndexSearcher searcher, FacetStates facets) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (var leaf : searcher.getIndexReader().leaves()) {
            // Read in order, each compressed block of stored fields once rather than once per document.
            var stored = leaf.reader() instanceof org.apache.lucene.index.CodecReader codec
                    ? codec.getFieldsReader().getMergeInstance() : null;
            var live = leaf.reader().getLiveDocs();
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                var visitor = new org.apache.lucene.document.DocumentStoredFieldVisitor(IndexSchema.SLUG, IndexSchema.TITLE);
                if (stored != null) {
                    stored.document(doc, visitor);
                } else {
                    leaf.reader().storedFields().document(doc, visitor);
                }
                entries.add(sheetEntry(visitor.getDocument().get(IndexSchema.TITLE), visitor.getDocument().get(IndexSchema.SLUG)));
            }
        }
        themeLabels.forEach((code, label) -> entries.add(new Entry(label, 200, "theme\t" + code)));
        if (facets.main() != null) {
            FacetsCollector all = searcher.search(new MatchAllDocsQuery(), new FacetsCollectorManager());
            Facets counts = facets.countAll(all);
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
        AnalyzingInfixSuggester fresh = newSuggester();
        fresh.build(new EntryIterator(entries.iterator()));
        AnalyzingInfixSuggester old = suggester;
        suggester = fresh;
        if (old != null) {
            old.close();
        }
    }

    /** Adds or updates the titles of sheets just published, so that they complete at once. */
    void add(List<IndexedSheet> sheets) throws IOException {
        AnalyzingInfixSuggester current = suggester;
        if (current == null || sheets.isEmpty()) {
            return;
        }
        for (IndexedSheet sheet : sheets) {
            Entry entry = sheetEntry(sheet.title(), sheet.slug());
            current.update(new BytesRef(entry.text()), null, entry.weight(),
                    new BytesRef(entry.payload().getBytes(StandardCharsets.UTF_8)));
        }
        current.refresh();
    }

    private static Entry sheetEntry(String title, String slug) {
        return new Entry(title, SHEET_WEIGHT, "fiche\t" + slug);
    }

    private static long weight(Territory territory) {
        return switch (territory.level()) {
            case "region" -> 150;
            case "departement" -> 140;
            default -> 100;
        };
    }

    /**
     * Completions of what was typed. Sheets no longer published since the last rebuild (withdrawn,
     * renamed) are left out by {@code published}, which knows the index as it is now.
     */
    List<Completion> lookup(String typed, int count, Predicate<String> published) throws IOException {
        String text = typed == null ? "" : typed.strip();
        AnalyzingInfixSuggester current = suggester;
        if (current == null || text.length() < 2) {
            return List.of();
        }
        List<Lookup.LookupResult> results;
        try {
            results = current.lookup(text, count + 5, true, false);
        } catch (AlreadyClosedException e) {
            // Replaced by a rebuild during the lookup: the new list answers.
            results = suggester.lookup(text, count + 5, true, false);
        }
        List<Completion> found = new ArrayList<>();
        for (Lookup.LookupResult result : results) {
            if (found.size() == count) {
                break;
            }
            String[] payload = result.payload.utf8ToString().split("\t", 2);
            if (payload[0].equals("fiche") && !published.test(payload[1])) {
                continue;
            }
            String url = switch (payload[0]) {
                case "fiche" -> "/fiches/" + payload[1];
                // The parameters of the search page, which are those of the search API.
                case "theme" -> "/recherche?theme=" + URLEncoder.encode(payload[1], StandardCharsets.UTF_8);
                default -> "/recherche?territory=" + URLEncoder.encode(payload[1], StandardCharsets.UTF_8);
            };
            found.add(new Completion(result.key.toString(), payload[0], payload[1], url));
        }
        return found;
    }

    @Override
    public void close() throws IOException {
        AnalyzingInfixSuggester current = suggester;
        if (current != null) {
            current.close();
        }
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
