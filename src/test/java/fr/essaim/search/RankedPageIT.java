package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import fr.essaim.content.ImportReport;
import fr.essaim.support.TestDatabases;

/**
 * The page of a search by relevance is searched apart from its counts, and Lucene skips the blocks
 * of documents that cannot reach it. On a corpus large enough for postings of many blocks (the
 * benchmark's generator, 1,200 sheets), the pages are those of the reference, where every document
 * of the words is scored and each hit's postings are opened for its snippet: same hits, same order,
 * same snippets, same totals and counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankedPageIT {

    private static final int SHEETS = 1_200;
    private static final List<String> QUERIES = List.of("service", "habitants", "territoire projet",
            "mobilité", "accès aux droits", "numérique association", "santé habitants territoire", "\"maison de services\"");

    private SearchFixture fixture;
    private SearchEngine engine;

    @BeforeAll
    void indexAGeneratedCorpus() throws Exception {
        Path folder = Files.createTempDirectory("essaim-ranked-page");
        Path content = folder.resolve("content");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "src/bench/GenerateCorpus.java", "content", Integer.toString(SHEETS),
                content.toString()).inheritIO().start();
        assertEquals(0, process.waitFor());
        fixture = new SearchFixture(TestDatabases.freshH2(folder.resolve("db")), folder.resolve("index"));
        ImportReport report = fixture.importCorpus(content);
        assertEquals(SHEETS, report.count(ImportReport.Outcome.IMPORTED));
        engine = fixture.open();
    }

    @AfterAll
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void everyRankedPageIsTheOneEveryDocumentScoredGives() throws Exception {
        SearchResult all = engine.compute(SearchRequest.of("", Map.of(), null, 1, 0));
        String theme = commonest(all, IndexSchema.FACET_THEME);
        String departement = commonest(all, IndexSchema.FACET_TERRITORY);
        List<Map<String, List<String>>> filterSets = List.of(Map.of(),
                Map.of(IndexSchema.FACET_THEME, List.of(theme)),
                Map.of(IndexSchema.FACET_TERRITORY, List.of(departement)),
                Map.of(IndexSchema.FACET_THEME, List.of(theme), IndexSchema.FACET_TERRITORY, List.of(departement)));
        int compared = 0;
        long largest = 0;
        for (String query : QUERIES) {
            for (Map<String, List<String>> filters : filterSets) {
                for (int page : new int[] {1, 4}) {
                    SearchRequest request = SearchRequest.of(query, filters, null, page, 10);
                    engine.answerTheReferenceWay(true);
                    SearchResult reference = engine.compute(request);
                    engine.answerTheReferenceWay(false);
                    assertEquals(reference, engine.compute(request), () -> "q=" + query + " " + filters + " page " + page);
                    compared++;
                    largest = Math.max(largest, reference.total());
                }
            }
        }
        assertEquals(64, compared);
        assertTrue(largest > 600, "the commonest words match " + largest + " sheets: postings of several blocks");
    }

    private static String commonest(SearchResult all, String dim) {
        return all.facets().get(dim).stream().sorted((a, b) -> Long.compare(b.count(), a.count())).findFirst()
                .orElseThrow().value();
    }
}
