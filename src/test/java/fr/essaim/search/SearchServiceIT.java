package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import fr.essaim.content.ImportReport;
import fr.essaim.markdown.HtmlSanitizer;
import fr.essaim.sheet.PublishedText;
import fr.essaim.theme.ThemeService;
import fr.essaim.support.TestDatabases;

/**
 * The search service as the application runs it, outside the container: opened on an empty index
 * folder it rebuilds in the background and says so, serves once ready, builds its completion list
 * after readiness, and opens again after a stop without a rebuild.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceIT {

    private Path folder;
    private SearchFixture fixture;
    private long corpus;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    void importTheCorpus() throws Exception {
        folder = Files.createTempDirectory("essaim-search-service");
        fixture = new SearchFixture(TestDatabases.freshH2(folder.resolve("db")), folder.resolve("unused"));
        ImportReport report = fixture.importCorpus();
        assertEquals(0, report.count(ImportReport.Outcome.REFUSED), report.entries().toString());
        try (var files = Files.list(SearchFixture.CONTENT.resolve("fiches"))) {
            corpus = files.count();
        }
    }

    @AfterAll
    void close() throws IOException {
        pool.shutdownNow();
        fixture.close();
    }

    /** The service with what the container would inject: this database, this data folder, real threads. */
    private SearchService service(Path dataDir) {
        SearchService service = new SearchService();
        service.sheets = fixture.sheets;
        service.changeLog = fixture.beans.changeLog;
        service.themes = new ThemeService();
        service.retentionDays = 30;
        service.territories = SearchFixture.TERRITORIES;
        service.transactions = fixture.jpa;
        service.dataDir = dataDir.toString();
        service.dataSource = fixture.dataSource;
        service.threads = managed(ManagedThreadFactory.class, Executors.defaultThreadFactory());
        service.executor = managed(ManagedExecutorService.class, pool);
        return service;
    }

    /** A managed resource of the container, played by its plain Java counterpart. */
    private static <T> T managed(Class<T> type, Object plain) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!method.getDeclaringClass().isInstance(plain)) {
                throw new UnsupportedOperationException(method.toString());
            }
            try {
                return method.invoke(plain, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    private static Set<String> allPages(SearchService service, Map<String, List<String>> filters) throws Exception {
        Set<String> slugs = new LinkedHashSet<>();
        for (int page = 1; ; page++) {
            SearchResult result = service.search(SearchRequest.of("", filters, "title", page, 10));
            result.hits().forEach(hit -> slugs.add(hit.slug()));
            if (result.hits().size() < 10) {
                return slugs;
            }
        }
    }

    @Test
    void anEmptyIndexIsRebuiltInTheBackgroundThenServesAndOpensAgainWithoutARebuild() throws Exception {
        Path data = folder.resolve("data");
        SearchService first = service(data);
        assertThrows(IOException.class, () -> first.search(SearchRequest.of("crèche", Map.of(), null, 1, 10)),
                "nothing to search before the start");
        assertEquals("demarrage", first.status().state());

        first.start();
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> first.status().state().equals("pret"));
        assertEquals(corpus, first.status().total(), "every published sheet indexed by the rebuild");
        assertEquals(corpus, first.search(SearchRequest.of("", Map.of(), null, 1, 0)).total());
        assertEquals("zirondaile-halte-garderie-itinerante",
                first.search(SearchRequest.of("crèche itinérante", Map.of(), null, 1, 5)).hits().get(0).slug());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.suggest("itiner", 10).stream()
                .anyMatch(c -> c.url().equals("/fiches/litinerance-des-services")));

        Map<String, List<String>> hautesAlpes = Map.of("territory", List.of("departement:05"));
        Set<String> paged = allPages(first, hautesAlpes);
        assertTrue(paged.size() > 1, paged.toString());
        assertEquals(paged, first.allSlugs("", hautesAlpes), "the export's selection is what the search pages list");
        first.stop();
        assertThrows(IOException.class, () -> first.search(SearchRequest.of("crèche", Map.of(), null, 1, 10)));

        SearchService second = service(data);
        second.start();
        assertNotEquals("reconstruction", second.status().state(), "an index that is up to date is not rebuilt");
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> second.status().state().equals("pret"));
        assertEquals(0, second.status().total(), "nothing was rebuilt");
        assertTrue(second.suggest("itiner", 10).stream().anyMatch(c -> c.url().equals("/fiches/litinerance-des-services")),
                "ready means the completion list is built");
        assertEquals(corpus, second.search(SearchRequest.of("", Map.of(), null, 1, 0)).total());
        second.stop();
    }

    /**
     * The first start indexes the import's batches as they are committed (ImportIndexing): the start
     * then finds that index and does not rebuild, and it answers as an index rebuilt from the database.
     */
    @Test
    void anIndexOfTheImportsBatchesIsKeptByTheStartAndAnswersAsARebuiltOne() throws Exception {
        SearchService started = importThenStart("data-import", 0);
        assertNotEquals("reconstruction", started.status().state(), "the import's index is not rebuilt");
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> started.status().state().equals("pret"));
        assertEquals(0, started.status().total(), "nothing was rebuilt");
        SearchService rebuilt = service(folder.resolve("data-rebuilt"));
        rebuilt.start();
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> rebuilt.status().state().equals("pret"));
        assertEquals(corpus, rebuilt.status().total());

        int compared = 0;
        for (String words : List.of("", "crèche itinérante", "mobilité", "maison de services", "santé", "numérique")) {
            for (Map<String, List<String>> filters : List.of(Map.<String, List<String>>of(),
                    Map.of("territory", List.of("departement:05")), Map.of("theme", List.of("6")),
                    Map.of("kind", List.of("experience")))) {
                assertEquals(answers(rebuilt, words, filters), answers(started, words, filters), words + " " + filters);
                compared++;
            }
        }
        assertEquals(24, compared);
        assertEquals(corpus, started.search(SearchRequest.of("", Map.of(), null, 1, 0)).total());
        started.stop();
        rebuilt.stop();
    }

    /** An import that did not hand every sheet over (a batch refused, an import done again) leaves the start to rebuild. */
    @Test
    void anIndexMissingAPublishedSheetIsDroppedAndTheStartRebuilds() throws Exception {
        SearchService started = importThenStart("data-partial", 1);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> started.status().state().equals("pret"));
        assertEquals(corpus, started.status().total(), "rebuilt from the database");
        assertEquals(corpus, started.search(SearchRequest.of("", Map.of(), null, 1, 0)).total());
        started.stop();
    }

    /** A first start: the sheets handed over as the import does, but for {@code left} of them, then the service started. */
    private SearchService importThenStart(String dataFolder, int left) throws IOException {
        Path data = folder.resolve(dataFolder);
        try (ImportIndexing indexing = service(data).indexWhileImporting()) {
            handOverAllBut(left, indexing);
            assertEquals(left == 0, indexing.finish(), "kept only when every published sheet was handed over");
        }
        SearchService started = service(data);
        started.start();
        return started;
    }

    /** Hands the published sheets over in batches, as the import does, leaving out the first {@code left} of them. */
    private void handOverAllBut(int left, ImportIndexing indexing) {
        long after = Long.MIN_VALUE;
        boolean first = true;
        while (true) {
            long from = after;
            List<PublishedText> batch = fixture.jpa.inNewTransaction(() -> fixture.sheets.publishedTexts(from, 20))
                    .stream().map(SearchServiceIT::withText).toList();
            if (batch.isEmpty()) {
                return;
            }
            after = batch.get(batch.size() - 1).id();
            indexing.accept(first ? batch.subList(left, batch.size()) : batch);
            first = false;
        }
    }

    /** With its text as the bulk import hands it over: the sanitizer's, which the index then does not read from the HTML. */
    private static PublishedText withText(PublishedText sheet) {
        return new PublishedText(sheet.id(), sheet.slug(), sheet.kind(), sheet.title(), sheet.summary(), sheet.html(),
                sheet.fieldsJson(), sheet.updated(), HtmlSanitizer.sanitizeWithText(sheet.html()).text());
    }

    /** Every page of a search in title order, its total and the counts of its first page's facets. */
    private static String answers(SearchService service, String words, Map<String, List<String>> filters) throws Exception {
        StringBuilder answers = new StringBuilder();
        for (int page = 1; ; page++) {
            SearchResult result = service.search(SearchRequest.of(words, filters, "title", page, 10));
            if (page == 1) {
                answers.append(result.total()).append(' ').append(result.facets()).append('\n');
            }
            result.hits().forEach(hit -> answers.append(hit.slug()).append(' ').append(hit.snippet()).append('\n'));
            if (result.hits().size() < 10) {
                return answers.toString();
            }
        }
    }
}
