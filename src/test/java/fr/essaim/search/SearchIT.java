package fr.essaim.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.essaim.content.ImportReport;
import fr.essaim.shared.JsonFields;
import fr.essaim.sheet.Revision;
import fr.essaim.support.TestDatabases;

/** Search over the real corpus: relevance, facet counts, hostile input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

    private Path folder;
    private SearchFixture fixture;
    private SearchEngine engine;

    @BeforeAll
    void indexTheCorpus() throws Exception {
        folder = Files.createTempDirectory("essaim-search");
        fixture = new SearchFixture(TestDatabases.freshH2(folder.resolve("db")), folder.resolve("index"));
        ImportReport report = fixture.importCorpus();
        assertEquals(0, report.count(ImportReport.Outcome.REFUSED), report.entries().toString());
        engine = fixture.open();
    }

    @AfterAll
    void close() throws IOException {
        fixture.close();
    }

    private SearchResult search(String query, Map<String, List<String>> filters) throws Exception {
        return engine.search(SearchRequest.of(query, filters, null, 1, 20));
    }

    private List<String> slugs(SearchResult result) {
        return result.hits().stream().map(SearchResult.Hit::slug).toList();
    }

    // ----- relevance

    /**
     * One judged query; {@code position} is the rank claimed for the expected sheet: 1 (first) or 3
     * (top three). A keyword query claims first place unless its line says otherwise, as README does.
     */
    private record Judgement(String query, String expected, String type, int position) {

        /** Sentences typed as a practitioner would (type {@code phrase}), as opposed to the short keyword queries. */
        boolean sentence() {
            return type.equals("phrase");
        }
    }

    private static List<Judgement> judgements() throws IOException {
        List<Judgement> judgements = new ArrayList<>();
        try (InputStream in = SearchIT.class.getClassLoader().getResourceAsStream("search/relevance.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] columns = lines[i].split("\t");
                if (columns.length >= 3) {
                    int unsaid = columns[2].strip().equals("phrase") ? 3 : 1;
                    int position = columns.length >= 4 && !columns[3].isBlank() ? Integer.parseInt(columns[3].strip()) : unsaid;
                    judgements.add(new Judgement(columns[0].strip(), columns[1].strip(), columns[2].strip(), position));
                }
            }
        }
        return judgements;
    }

    @Test
    void theExpectedSheetComesAtTheClaimedPositionForEveryPractitionerQuery() throws Exception {
        List<Judgement> judgements = judgements();
        assertTrue(judgements.stream().filter(j -> !j.sentence()).count() >= 59, "the 59 keyword queries are kept");
        assertTrue(judgements.stream().filter(Judgement::sentence).count() >= 30, "at least 30 sentence queries");
        Map<Boolean, int[]> counts = new HashMap<>(Map.of(false, new int[3], true, new int[3]));
        List<String> misses = new ArrayList<>();
        for (Judgement judgement : judgements) {
            List<String> found = slugs(search(judgement.query(), Map.of()));
            int rank = found.indexOf(judgement.expected());
            int[] count = counts.get(judgement.sentence());
            count[0]++;
            if (rank == 0) {
                count[1]++;
            }
            if (rank >= 0 && rank < 3) {
                count[2]++;
            }
            if (rank < 0 || rank >= judgement.position()) {
                misses.add(judgement.type() + " « " + judgement.query() + " » → " + judgement.expected() + " attendu "
                        + (judgement.position() == 1 ? "en tête" : "dans les trois premiers") + ", au rang "
                        + (rank < 0 ? "absent" : rank + 1) + " ; trouvés : " + found.subList(0, Math.min(3, found.size())));
            }
        }
        for (boolean sentence : List.of(false, true)) {
            int[] count = counts.get(sentence);
            System.out.printf("Pertinence (%s) : %d requêtes, %d en tête, %d dans les trois premiers%n",
                    sentence ? "phrases" : "mots-clés", count[0], count[1], count[2]);
        }
        assertEquals(List.of(), misses);
        int[] keywords = counts.get(false);
        int[] sentences = counts.get(true);
        assertEquals(keywords[0], keywords[1], "README: every keyword query finds its sheet first");
        assertEquals(sentences[0], sentences[2], "README: every sentence finds its sheet in the first three");
    }

    @Test
    void aSentenceWithWordsNoSheetHasStillFindsTheSheetWithMostOfThem() throws Exception {
        String garage = Files.readString(SearchFixture.CONTENT.resolve("fiches/garage-solidaire-du-hainaut.md"));
        assertFalse(garage.toLowerCase().contains("chômeur"), "the sheet says « demandeurs d'emploi », not « chômeurs »");
        SearchResult sentence = search("réparation de voitures pour chômeurs à Denain", Map.of());
        assertEquals("garage-solidaire-du-hainaut", slugs(sentence).get(0));
    }

    @Test
    void sheetsWithAllTheWordsComeBeforeSheetsWithOnlySomeOfThem() throws Exception {
        List<String> all = slugs(search("halte-garderie itinérante Meurthe-et-Moselle", Map.of()));
        List<String> some = slugs(search("halte-garderie itinérante Meurthe-et-Moselle fusée", Map.of()));
        assertFalse(all.isEmpty());
        assertEquals("zirondaile-halte-garderie-itinerante", all.get(0));
        assertEquals(all.get(0), some.get(0), "a sheet with all but one word leads when none has them all");
    }

    @Test
    void aSentencePrefersExperiencesToSynthesisCards() throws Exception {
        List<SearchResult.Hit> hits = search("une maison de services au public installée dans une gare", Map.of()).hits();
        assertEquals("experience", hits.get(0).kind());
    }

    @Test
    void frenchAnalysisMatchesAccentsPluralsAndElisions() throws Exception {
        long accented = search("préfecture", Map.of()).total();
        assertTrue(accented > 0);
        assertEquals(accented, search("prefecture", Map.of()).total());
        assertEquals(accented, search("Préfectures", Map.of()).total());
        assertEquals(search("itinérance", Map.of()).total(), search("l'itinérance", Map.of()).total());
    }

    @Test
    void userSyntaxPhrasesExclusionAndOr() throws Exception {
        long services = search("itinérance", Map.of()).total();
        long withoutCreche = search("itinérance -crèche", Map.of()).total();
        assertTrue(withoutCreche < services, withoutCreche + " < " + services);
        SearchResult phrase = search("\"halte-garderie itinérante\"", Map.of());
        assertTrue(slugs(phrase).contains("zirondaile-halte-garderie-itinerante"));
        long either = search("Zirond'aile OR Solid'Art", Map.of()).total();
        assertTrue(either >= 2 && either > search("Zirond'aile Solid'Art", Map.of()).total());
    }

    @Test
    void aMisspelledQueryIsCorrectedAndSaysSo() throws Exception {
        SearchResult result = search("itinerence", Map.of());
        assertEquals("itinerance", result.suggestion());
        assertTrue(result.total() > 0);
    }

    @Test
    void snippetsMarkTheMatchedWordsAndEscapeEverythingElse() throws Exception {
        SearchResult result = search("halte-garderie", Map.of());
        String snippet = result.hits().get(0).snippet();
        assertTrue(snippet.contains("<mark>"), snippet);
        assertFalse(snippet.replace("<mark>", "").replace("</mark>", "").contains("<"), snippet);
    }

    @Test
    void completionFindsTitlesThemesAndPlacesWithoutAccents() throws Exception {
        assertTrue(engine.suggest("itiner", 10).stream().anyMatch(c -> c.value().equals("litinerance-des-services")));
        assertTrue(engine.suggest("petite enf", 10).stream().anyMatch(c -> c.type().equals("theme") && c.value().equals("6")));
        assertTrue(engine.suggest("hautes al", 10).stream().anyMatch(c -> c.value().equals("departement:05")));
        assertTrue(engine.suggest("etrepa", 10).stream().anyMatch(c -> c.value().equals("msap-etrepagny")));
    }

    @Test
    void relatedSheetsShareWordsThemesOrPlaces() throws Exception {
        List<SearchResult.Hit> related = engine.related("zirondaile-halte-garderie-itinerante", 5);
        assertEquals(5, related.size());
        assertFalse(related.stream().anyMatch(hit -> hit.slug().equals("zirondaile-halte-garderie-itinerante")));
        assertTrue(related.stream().anyMatch(hit -> hit.themes().stream().anyMatch(t -> t.code().equals("6"))));
    }

    // ----- facets against a count made from the database

    /** The facet values of a sheet, computed from its fields without the indexing code. */
    private Map<String, Set<String>> facetValues(Revision revision) {
        JsonObject fields = JsonFields.parse(revision.getFieldsJson());
        Map<String, Set<String>> values = new HashMap<>();
        values.put("kind", Set.of(revision.getKind()));
        values.put("theme", strings(fields, "themes"));
        Set<String> places = new LinkedHashSet<>();
        for (String key : strings(fields, "territories")) {
            places.add(key);
            places.addAll(SearchFixture.TERRITORIES.ancestors(key));
        }
        values.put("territory", places);
        Set<String> epci = new LinkedHashSet<>();
        places.stream().filter(key -> key.startsWith("epci:")).forEach(epci::add);
        values.put("epci", epci);
        values.put("territoryType", strings(fields, "territoryTypes"));
        values.put("status", fields.containsKey("status") ? strings(fields, "status") : strings(fields, "maturity"));
        values.put("year", fields.containsKey("startYear") ? strings(fields, "startYear") : strings(fields, "year"));
        values.put("category", strings(fields, "category"));
        return values;
    }

    private static Set<String> strings(JsonObject fields, String name) {
        Set<String> values = new LinkedHashSet<>();
        if (!fields.containsKey(name)) {
            return values;
        }
        var value = fields.get(name);
        for (var item : value instanceof jakarta.json.JsonArray array ? array : List.of(value)) {
            values.add(item instanceof jakarta.json.JsonString s ? s.getString() : item.toString());
        }
        return values;
    }

    private void assertFacetsMatchTheDatabase(String query, Map<String, List<String>> selection) throws Exception {
        Set<String> matchingQuery = new LinkedHashSet<>();
        int page = 1;
        SearchResult all;
        do {
            all = engine.search(SearchRequest.of(query, Map.of(), null, page++, 100));
            all.hits().forEach(hit -> matchingQuery.add(hit.slug()));
        } while (all.hits().size() == 100);
        Map<String, Map<String, Set<String>>> bySlug = new LinkedHashMap<>();
        for (String slug : fixture.sheets.publishedDates().keySet()) {
            if (matchingQuery.contains(slug)) {
                bySlug.put(slug, facetValues(fixture.sheets.findPublished(slug).orElseThrow()));
            }
        }
        SearchResult result = engine.search(SearchRequest.of(query, selection, null, 1, 0));
        long expectedTotal = bySlug.values().stream().filter(v -> matches(v, selection, null)).count();
        assertEquals(expectedTotal, result.total(), "total for " + selection);
        for (String dim : IndexSchema.FACETS) {
            Map<String, Long> expected = new HashMap<>();
            for (Map<String, Set<String>> values : bySlug.values()) {
                if (matches(values, selection, dim)) {
                    values.get(dim).forEach(v -> expected.merge(v, 1L, Long::sum));
                }
            }
            Map<String, Long> actual = new HashMap<>();
            result.facets().getOrDefault(dim, List.of()).forEach(v -> actual.put(v.value(), v.count()));
            for (Map.Entry<String, Long> shown : actual.entrySet()) {
                assertEquals(expected.get(shown.getKey()), shown.getValue(), dim + "=" + shown.getKey() + " for " + selection);
            }
            for (Map.Entry<String, Long> counted : expected.entrySet()) {
                // Communes and EPCI are listed only inside a chosen département, or when chosen themselves.
                boolean mustShow = switch (dim) {
                    case "territory" -> counted.getKey().startsWith("region:") || counted.getKey().startsWith("departement:");
                    case "epci" -> selection.getOrDefault("epci", List.of()).contains(counted.getKey());
                    default -> true;
                };
                if (mustShow) {
                    assertTrue(actual.containsKey(counted.getKey()), dim + "=" + counted.getKey() + " missing for " + selection);
                }
            }
        }
    }

    /** OR within a facet, AND across facets; one facet's own selection ignored when counting it. */
    private static boolean matches(Map<String, Set<String>> values, Map<String, List<String>> selection, String ignored) {
        for (Map.Entry<String, List<String>> chosen : selection.entrySet()) {
            if (chosen.getKey().equals(ignored)) {
                continue;
            }
            if (chosen.getValue().stream().noneMatch(values.get(chosen.getKey())::contains)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void facetCountsWithoutSelectionMatchTheDatabase() throws Exception {
        assertFacetsMatchTheDatabase("", Map.of());
    }

    @Test
    void facetCountsWithMultiSelectWithinAFacetMatchTheDatabase() throws Exception {
        assertFacetsMatchTheDatabase("", Map.of("theme", List.of("6", "15")));
        assertFacetsMatchTheDatabase("", Map.of("kind", List.of("experience", "innovation"), "theme", List.of("1", "10")));
    }

    @Test
    void facetCountsFollowTheTerritoryHierarchy() throws Exception {
        // Départements of Auvergne-Rhône-Alpes hold sheets on communes and on the départements themselves.
        assertFacetsMatchTheDatabase("", Map.of("territory", List.of("region:84")));
        assertFacetsMatchTheDatabase("", Map.of("epci", List.of("epci:240500462"), "theme", List.of("1")));
        assertFacetsMatchTheDatabase("", Map.of("territory", List.of("departement:05", "departement:38"), "kind", List.of("experience")));
        assertFacetsMatchTheDatabase("services", Map.of("territory", List.of("departement:71"), "status", List.of("pérennisée")));
        SearchResult inAin = search("", Map.of("territory", List.of("departement:71")));
        assertTrue(inAin.facets().get("territory").stream().anyMatch(v -> v.value().startsWith("commune:71")),
                "communes of a chosen département are listed");
        SearchResult none = search("", Map.of());
        assertTrue(none.facets().get("territory").stream().noneMatch(v -> v.value().startsWith("commune:")),
                "communes are not listed without a chosen département");
    }

    @Test
    void aCommuneOrAnEpciChosenAsTerritoryFiltersLikeADepartement() throws Exception {
        // Communes and EPCI are indexed in a facet field of their own; choosing one must still filter and count.
        assertFacetsMatchTheDatabase("", Map.of("territory", List.of("commune:62528")));
        assertFacetsMatchTheDatabase("", Map.of("territory", List.of("commune:54065", "departement:05")));
        assertFacetsMatchTheDatabase("", Map.of("territory", List.of("epci:245400510"), "kind", List.of("experience")));
        SearchResult inCommune = search("", Map.of("territory", List.of("commune:62528")));
        assertEquals(2, inCommune.total());
        assertTrue(inCommune.facets().get("territory").stream().anyMatch(v -> v.value().equals("commune:62528") && v.count() == 2),
                inCommune.facets().get("territory").toString());
    }

    @Test
    void facetCountsOnATextQueryMatchTheDatabase() throws Exception {
        assertFacetsMatchTheDatabase("maison de services au public", Map.of("theme", List.of("1")));
        assertFacetsMatchTheDatabase("numérique", Map.of("year", List.of("2013", "2014", "2015")));
    }

    // ----- hostile and malformed input

    /** Hostile input: whatever is typed, an answer, and no markup of the query in it. */
    @ParameterizedTest
    @ValueSource(strings = {"\"guillemet ouvert", "-", "OR", "OR OR OR", "***", "(((", ")", "a*", "*", "?", "\\", "\"\"",
        "-\"\"", "title:crèche", "AND AND", "+", "|", "- - -", "😀 crèche", "\u0000", "crèche~2", "crèche^10", "[a TO z]",
        "{!lucene}", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "crèche -crèche", "-crèche"})
    void malformedQueriesNeverFailNorEchoMarkup(String query) throws Exception {
        SearchResult result = engine.search(SearchRequest.of(query, Map.of(), null, 1, 10));
        result.hits().forEach(hit -> assertFalse(hit.snippet().contains("<script"), hit.snippet()));
    }

    /** Syntax alone is no query: it lists every sheet, as an empty search does. */
    @ParameterizedTest
    @ValueSource(strings = {"-", "***", "(((", ")", "*", "?", "\\", "\"\"", "-\"\"", "+", "|", "- - -", "\u0000"})
    void syntaxAloneReadsAsAnEmptyQuery(String query) throws Exception {
        long all = search("", Map.of()).total();
        assertTrue(all > 100, all + " sheets");
        assertEquals(all, engine.search(SearchRequest.of(query, Map.of(), null, 1, 10)).total(), query);
    }

    /** Malformed syntax is read as the plain words it holds; the operators the README names keep their meaning. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"guillemet ouvert|guillemet ouvert", "a*|a", "title:crèche|title crèche", "crèche~2|crèche", "crèche^10|crèche 10",
        "[a TO z]|a TO z", "{!lucene}|lucene", "' OR 1=1 --|OR 1 1", "%00|00", "OR OR OR|OR OR OR"})
    void malformedQueriesAreReadAsTheirWords(String malformed, String words) throws Exception {
        assertEquals(search(words, Map.of()).total(), engine.search(SearchRequest.of(malformed, Map.of(), null, 1, 10)).total(),
                malformed + " read as " + words);
    }

    @Test
    void anExcludedWordLeavesOutTheSheetsThatHaveIt() throws Exception {
        long all = search("", Map.of()).total();
        long creche = search("crèche", Map.of()).total();
        assertTrue(creche > 0);
        assertEquals(all - creche, search("-crèche", Map.of()).total());
        assertEquals(0, search("crèche -crèche", Map.of()).total());
    }

    @Test
    void queriesBeyondTheLimitsAreRefusedWithAMessage() {
        assertThrows(InvalidSearchException.class, () -> SearchRequest.of("x", Map.of(), "pertinence", 1, 10));
        assertThrows(InvalidSearchException.class, () -> SearchRequest.of("x", Map.of(), null, 0, 10));
        assertThrows(InvalidSearchException.class, () -> SearchRequest.of("x", Map.of(), null, 1, 101));
        assertThrows(InvalidSearchException.class, () -> SearchRequest.of("x", Map.of("couleur", List.of("bleu")), null, 1, 10));
        assertThrows(InvalidSearchException.class, () -> SearchRequest.of("x", Map.of(), null, 1000, 100));
        InvalidSearchException longQuery = assertThrows(InvalidSearchException.class,
                () -> engine.search(SearchRequest.of("crèche ".repeat(100), Map.of(), null, 1, 10)));
        assertTrue(longQuery.getMessage().contains("trop longue"));
        assertThrows(InvalidSearchException.class,
                () -> engine.search(SearchRequest.of("mot ".repeat(40), Map.of(), null, 1, 10)));
    }

    @Test
    void aPrefixTooShortIsSearchedAsAWordNotExpandedToTheVocabulary() throws Exception {
        assertEquals(search("la", Map.of()).total(), search("la*", Map.of()).total());
        assertTrue(search("itiné*", Map.of()).total() >= search("itinérance", Map.of()).total());
    }

    @Test
    void sortByTitleAndByDate() throws Exception {
        List<SearchResult.Hit> byTitle = engine.search(SearchRequest.of("", Map.of(), "title", 1, 100)).hits();
        for (int i = 1; i < byTitle.size(); i++) {
            String previous = fr.essaim.territory.TerritoryCatalog.fold(byTitle.get(i - 1).title());
            String current = fr.essaim.territory.TerritoryCatalog.fold(byTitle.get(i).title());
            assertTrue(previous.compareTo(current) <= 0, previous + " / " + current);
        }
        // "Most recent" is the most recent facts: an import day says nothing of them.
        List<SearchResult.Hit> byDate = engine.search(SearchRequest.of("", Map.of(), "date", 1, 100)).hits();
        List<Integer> years = byDate.stream().map(hit -> fr.essaim.sheet.InformationDate.year(fr.essaim.shared.JsonFields.parse(
                fixture.sheets.findPublished(hit.slug()).orElseThrow().getFieldsJson())).orElse(0)).toList();
        for (int i = 1; i < years.size(); i++) {
            assertTrue(years.get(i - 1) >= years.get(i), byDate.get(i - 1).slug() + " / " + byDate.get(i).slug());
        }
        assertTrue(years.get(0) > years.get(years.size() - 1), "the corpus has facts of several years");
        List<SearchResult.Hit> latest = engine.search(SearchRequest.of("", Map.of(), null, 1, 100)
                .withSort(SearchRequest.Sort.LATEST)).hits();
        for (int i = 1; i < latest.size(); i++) {
            assertFalse(latest.get(i - 1).updated().isBefore(latest.get(i).updated()));
        }
        SearchResult second = engine.search(SearchRequest.of("", Map.of(), "title", 2, 10));
        assertEquals(byTitle.subList(10, 20).stream().map(SearchResult.Hit::slug).toList(), slugs(second));
    }
}
