package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import fr.essaim.support.TestDatabases;

/**
 * The one-pass facet counts, the page searched apart and the snippets read forward give, on the
 * real corpus, the very answer of the reference way (a drill-sideways search, every document
 * scored, postings opened per hit): totals, every facet count, hits in order, snippets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacetPassIT {

    private static final List<String> QUERIES = List.of("", "service", "mobilité itinérance", "numérique",
            "maison de services", "santé", "\"tiers-lieu\"", "zzzqqq");

    private SearchFixture fixture;
    private SearchEngine engine;

    @BeforeAll
    void indexTheCorpus() throws Exception {
        Path folder = Files.createTempDirectory("essaim-facet-pass");
        fixture = new SearchFixture(TestDatabases.freshH2(folder.resolve("db")), folder.resolve("index"));
        fixture.importCorpus();
        engine = fixture.open();
    }

    @AfterAll
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void everyCombinationOfFiltersCountsAsDrillSidewaysDoes() throws Exception {
        List<Map<String, List<String>>> filterSets = filterSets();
        int compared = 0;
        int withHits = 0;
        for (String query : QUERIES) {
            for (Map<String, List<String>> filters : filterSets) {
                for (SearchRequest.Sort sort : List.of(SearchRequest.Sort.RELEVANCE, SearchRequest.Sort.DATE,
                        SearchRequest.Sort.TITLE)) {
                    for (int page : new int[] {1, 2}) {
                        SearchRequest request = SearchRequest.of(query, filters, sort.name().toLowerCase(), page, 5);
                        engine.answerTheReferenceWay(true);
                        SearchResult reference = engine.compute(request);
                        engine.answerTheReferenceWay(false);
                        SearchResult onePass = engine.compute(request);
                        assertEquals(reference, onePass, () -> "q=" + query + " " + filters + " " + sort + " page " + page);
                        compared++;
                        withHits += reference.total() > 0 ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(compared > 1000, compared + " requests compared");
        assertTrue(withHits > compared / 3, withHits + " of " + compared + " with hits");
    }

    /** No filter; each of the two commonest values of every facet; two values of one facet; pairs and a triple of facets; a value nobody has. */
    private List<Map<String, List<String>>> filterSets() throws Exception {
        SearchResult all = engine.compute(SearchRequest.of("", Map.of(), null, 1, 0));
        Map<String, List<String>> common = new LinkedHashMap<>();
        all.facets().forEach((dim, values) -> {
            if (IndexSchema.FACETS.contains(dim) && !values.isEmpty()) {
                common.put(dim, values.stream().sorted((a, b) -> Long.compare(b.count(), a.count()))
                        .limit(2).map(SearchResult.FacetValue::value).toList());
            }
        });
        assertTrue(common.keySet().containsAll(List.of("kind", "theme", "territory")), common.toString());
        List<Map<String, List<String>>> sets = new ArrayList<>();
        sets.add(Map.of());
        List<String> dims = new ArrayList<>(common.keySet());
        for (String dim : dims) {
            for (String value : common.get(dim)) {
                sets.add(Map.of(dim, List.of(value)));
            }
            sets.add(Map.of(dim, common.get(dim)));
        }
        for (int i = 0; i < dims.size(); i++) {
            for (int j = i + 1; j < dims.size(); j++) {
                sets.add(Map.of(dims.get(i), List.of(common.get(dims.get(i)).get(0)),
                        dims.get(j), List.of(common.get(dims.get(j)).get(0))));
            }
        }
        sets.add(Map.of("kind", List.of(common.get("kind").get(0)), "theme", common.get("theme"),
                "territory", List.of(common.get("territory").get(0))));
        sets.add(Map.of("theme", List.of("99")));
        sets.add(Map.of("theme", List.of("99"), "kind", List.of(common.get("kind").get(0))));
        return sets;
    }
}
