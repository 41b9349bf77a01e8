package fr.essaim.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fr.essaim.support.Browsers;
import fr.essaim.support.Deployed;
import fr.essaim.support.Ready;

/**
 * Open data on a real Payara Micro: the CSV of a search against the API's total and the published
 * Table Schema, CSV injection, the dumps and their revalidation, the DCAT catalogue read by a
 * JSON-LD processor, licences and dates on every sheet, and the pages a public site owes (axe-core).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenDataIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:mot-de-passe-des-tests".getBytes(StandardCharsets.UTF_8));
    private static final String DCAT = "http://www.w3.org/ns/dcat#";
    private static final List<String> LEGAL_PAGES = List.of("accessibilite", "mentions-legales", "donnees-personnelles",
            "plan-du-site");

    private static WebDriver browser;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    @BeforeEach
    void ready() throws Exception {
        Ready.await(base);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> bytes(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).header("Authorization", ADMIN)
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static List<CSVRecord> csv(String text, List<String> header) throws IOException {
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            header.addAll(parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    private long total(String query) throws Exception {
        HttpResponse<String> answer = get("api/v1/search?" + query + "&size=0");
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer.body()).getJsonNumber("total").longValue();
    }

    /** Checks every cell of a CSV against the published Table Schema; returns the records. */
    private List<CSVRecord> validCsv(HttpResponse<String> answer) throws Exception {
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> header = new ArrayList<>();
        List<CSVRecord> records = csv(answer.body(), header);
        HttpResponse<String> schema = get("donnees/schema.json");
        assertEquals(200, schema.statusCode());
        List<String> errors = new TableSchemaCheck(json(schema.body())).errors(header, records);
        assertEquals(List.of(), errors.stream().limit(20).toList());
        return records;
    }

    @Test
    void theCsvOfAFilteredSearchHasEveryResultAndFitsTheTableSchema() throws Exception {
        String query = "kind=experience";
        long total = total(query);
        assertTrue(total > 20, "more results than one page of the page (" + total + ")");
        List<CSVRecord> byFormat = validCsv(get("api/v1/search?" + query + "&format=csv"));
        assertEquals(total, byFormat.size());
        List<CSVRecord> byAccept = validCsv(get("api/v1/search?" + query, "Accept", "text/csv"));
        assertEquals(byFormat.stream().map(r -> r.get("slug")).toList(), byAccept.stream().map(r -> r.get("slug")).toList());
        assertTrue(byFormat.stream().allMatch(r -> r.get("kind").equals("experience")));
        System.out.println("CSV de « " + query + " » : " + byFormat.size() + " lignes, total de l'API " + total
                + ", toutes valides selon /donnees/schema.json");

        long everything = total("q=");
        List<CSVRecord> all = validCsv(get("api/v1/search?format=csv&sort=date"));
        assertEquals(everything, all.size());
        // Most recent first means the most recent facts, sheets that give no year last.
        List<Integer> years = all.stream().map(r -> r.get("informationYear").isEmpty() ? 0
                : Integer.parseInt(r.get("informationYear"))).toList();
        for (int i = 1; i < years.size(); i++) {
            assertTrue(years.get(i - 1) >= years.get(i), all.get(i - 1).get("slug") + " / " + all.get(i).get("slug"));
        }
        HttpResponse<String> refused = get("api/v1/search?format=xls");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("format"), refused.body());
        assertEquals(200, get("api/v1/search?q=garderie").statusCode(), "JSON stays the default");
        HttpResponse<String> asJson = get("api/v1/search?q=garderie");
        assertTrue(asJson.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(asJson.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept,") || v.equals("Accept")),
                "shared caches keep JSON and CSV apart: " + asJson.headers().allValues("Vary"));
    }

    @Test
    void aHostileTitleComesOutNeutralisedAndItsLicenceEverywhere() throws Exception {
        String source = "---\nkind: experience\ntitle: '=HYPERLINK(\"https://exemple.invalid\",\"Cliquez\") Ozyrandine'\n"
                + "summary: '@SUM(1+1) une expérience hostile des tests.'\nterritories: [departement:05]\nthemes: [3]\n"
                + "porteur: {name: '+Commune de Ceillac', actorType: commune}\nlicence: cc-by-sa-4.0\n"
                + "sources:\n  - {title: Notes de terrain, year: 2024}\n---\nTexte.\n";
        HttpResponse<String> created = send("POST", "api/v1/sheets", "text/markdown", source);
        assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        String slug = created.statusCode() == 201 ? json(created.body()).getString("slug") : "hyperlink-https-exemple-invalid-cliquez-ozyrandine";
        HttpResponse<String> published = send("POST", "api/v1/sheets/" + slug + "/publish", "application/json", "{}");
        assertTrue(published.statusCode() == 200 || published.statusCode() == 409, published.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (total("q=Ozyrandine") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<CSVRecord> rows = validCsv(get("api/v1/search?q=Ozyrandine&format=csv"));
        assertEquals(1, rows.size());
        CSVRecord row = rows.get(0);
        assertEquals("'=HYPERLINK(\"https://exemple.invalid\",\"Cliquez\") Ozyrandine", row.get("title"));
        assertEquals("'@SUM(1+1) une expérience hostile des tests.", row.get("summary"));
        assertEquals("'+Commune de Ceillac", row.get("porteur"));
        assertEquals("cc-by-sa-4.0", row.get("licence"));
        assertEquals("2024", row.get("informationYear"));
        assertFalse(row.get("lastModified").isEmpty(), "a sheet written here has an edit date");
        System.out.println("Titre hostile dans le CSV : " + row.get("title"));

        Document page = Jsoup.parse(get("fiches/" + slug).body());
        assertEquals("https://creativecommons.org/licenses/by-sa/4.0/", page.selectFirst("a[rel=license]").attr("href"));
        assertTrue(page.select("p.meta").text().contains("Mise à jour le"), page.select("p.meta").text());
        assertTrue(page.select("p.meta").text().contains("Informations de 2024"), page.select("p.meta").text());
    }

    @Test
    void everySheetShowsItsLicenceOnItsPageInTheApiAndInItsJsonLd() throws Exception {
        List<CSVRecord> sheets = validCsv(get("donnees/fiches.csv"));
        assertEquals(total("q="), sheets.size());
        Map<String, String> urls = new HashMap<>();
        for (Licence licence : Licence.values()) {
            urls.put(licence.getCode(), licence.getUrl());
        }
        int imported = 0;
        for (CSVRecord sheet : sheets) {
            String slug = sheet.get("slug");
            String url = urls.get(sheet.get("licence"));
            Document page = Jsoup.parse(get("fiches/" + slug).body());
            assertEquals(url, page.selectFirst("a[rel=license]").attr("href"), slug);
            assertFalse(page.select(".attribution").text().isBlank(), slug);
            JsonObject ld = json(page.selectFirst("script[type=application/ld+json]").data());
            assertEquals(url, ld.getString("license"), slug);
            JsonObject api = json(get("api/v1/sheets/" + slug).body());
            assertEquals(sheet.get("licence"), api.getJsonObject("licence").getString("code"), slug);
            String meta = page.select("p.meta").first().text();
            if (sheet.get("lastModified").isEmpty()) {
                // As the first import brought it: the import day is no update.
                imported++;
                assertFalse(meta.contains("Mise à jour"), slug + " : " + meta);
                assertEquals(JsonValue.NULL, api.get("lastEdited"), slug);
            }
            if (!sheet.get("informationYear").isEmpty()) {
                assertTrue(meta.contains("Informations de " + sheet.get("informationYear")), slug + " : " + meta);
                assertEquals(Integer.parseInt(sheet.get("informationYear")), api.getInt("informationYear"), slug);
            }
        }
        assertTrue(imported > 0, "the corpus has sheets as their first import brought them");
        Document feed = Jsoup.parse(get("feeds/fiches.atom").body(), "", org.jsoup.parser.Parser.xmlParser());
        assertFalse(feed.select("entry").isEmpty());
        for (org.jsoup.nodes.Element entry : feed.select("entry")) {
            assertTrue(urls.containsValue(entry.select("link[rel=license]").attr("href")), entry.select("title").text());
        }
        System.out.println("Licence vérifiée sur la page, l'API et le JSON-LD de " + sheets.size() + " fiches, dont "
                + imported + " sans modification depuis l'import");
    }

    @Test
    void theDumpsAreCompleteAndRevalidated() throws Exception {
        long published = total("q=");
        HttpResponse<byte[]> zip = bytes(base + "donnees/fiches.zip");
        assertEquals(200, zip.statusCode());
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            ZipEntry note = in.getNextEntry();
            assertEquals("LICENCE.md", note.getName());
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("Licence Ouverte 2.0"));
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertTrue(entry.getName().matches("fiches/[a-z0-9-]+\\.md"), entry.getName());
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("---"), entry.getName());
                entries++;
            }
        }
        assertEquals(published, entries);
        HttpResponse<String> dump = get("donnees/fiches.json");
        JsonArray sheets = Json.createReader(new StringReader(dump.body())).readArray();
        assertEquals(published, sheets.size());
        assertNotNull(sheets.getJsonObject(0).getString("markdown"));
        for (String file : List.of("fiches.csv", "fiches.json", "fiches.zip", "schema.json", "catalogue.jsonld")) {
            HttpResponse<String> first = get("donnees/" + file);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String modified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertEquals(304, get("donnees/" + file, "If-None-Match", etag).statusCode(), file);
            assertEquals(304, get("donnees/" + file, "If-Modified-Since", modified).statusCode(), file);
            assertEquals(200, get("donnees/" + file, "If-None-Match", "\"autre\"").statusCode(), file);
        }
        assertEquals(404, get("donnees/inconnu.csv").statusCode());
        System.out.println("Dumps : " + entries + " fiches dans le zip, " + sheets.size() + " dans le JSON, 304 sur ETag et date");
    }

    @Test
    void theCatalogueIsJsonLdAndEveryDownloadAnswersWithItsMediaType() throws Exception {
        HttpResponse<String> catalogue = get("donnees/catalogue.jsonld");
        assertEquals(200, catalogue.statusCode());
        assertTrue(catalogue.headers().firstValue("Content-Type").orElse("").startsWith("application/ld+json"));
        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(catalogue.body()))).get();
        JsonObject catalog = expanded.getJsonObject(0);
        assertTrue(catalog.getJsonArray("@type").getString(0).equals(DCAT + "Catalog"));
        JsonObject dataset = catalog.getJsonArray(DCAT + "dataset").getJsonObject(0);
        assertFalse(dataset.getJsonArray(DCAT + "keyword").isEmpty());
        assertFalse(dataset.getJsonArray("http://purl.org/dc/terms/publisher").isEmpty());
        JsonArray distributions = dataset.getJsonArray(DCAT + "distribution");
        assertEquals(3, distributions.size());
        for (JsonObject distribution : distributions.getValuesAs(JsonObject.class)) {
            String url = distribution.getJsonArray(DCAT + "downloadURL").getJsonObject(0).getString("@id");
            String mediaType = distribution.getJsonArray(DCAT + "mediaType").getJsonObject(0).getString("@id")
                    .replace("https://www.iana.org/assignments/media-types/", "");
            assertFalse(distribution.getJsonArray("http://purl.org/dc/terms/license").isEmpty(), url);
            assertFalse(distribution.getJsonArray("http://purl.org/dc/terms/modified").isEmpty(), url);
            HttpResponse<byte[]> download = bytes(url);
            assertEquals(200, download.statusCode(), url);
            assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith(mediaType), url);
            System.out.println("DCAT : " + url + " → 200 " + mediaType + ", " + download.body().length + " octets");
        }
    }

    @Test
    void theLegalPagesAnswerAreLinkedFromEveryFooterAndPassAxe() throws Exception {
        List<String> pages = new ArrayList<>(LEGAL_PAGES);
        pages.add("donnees");
        for (String page : pages) {
            assertEquals(200, get(page).statusCode(), page);
        }
        String sheet = csv(get("api/v1/search?q=garderie&format=csv").body(), new ArrayList<>()).get(0).get("slug");
        for (String from : List.of("", "recherche?q=garderie", "fiches/" + sheet, "plan-du-site")) {
            Document page = Jsoup.parse(get(from).body());
            List<String> links = page.select("footer a").eachAttr("href").stream()
                    .map(h -> h.substring(h.lastIndexOf('/') + 1)).toList();
            assertTrue(links.containsAll(LEGAL_PAGES), from + " : " + links);
        }
        Document search = Jsoup.parse(get("recherche?q=garderie").body());
        String download = search.select("a:contains(Télécharger ces résultats (CSV))").attr("href");
        assertTrue(download.contains("format=csv") && download.contains("q=garderie"), download);
        assertTrue(Jsoup.parse(get("themes/6").body()).select("a:contains(Télécharger ces résultats (CSV))").attr("href")
                .contains("theme=6"));
        assertTrue(Jsoup.parse(get("mentions-legales").body()).text().contains("Essaim"));

        browser = browser();
        StringBuilder report = new StringBuilder();
        for (String page : pages) {
            browser.get(URI.create(base.toString()).resolve(page).toString());
            Results results = new AxeBuilder().analyze(browser);
            List<Rule> violations = results.getViolations();
            System.out.println("axe /" + page + " : " + violations.size() + " violation(s), " + results.getPasses().size()
                    + " règles respectées");
            for (Rule rule : violations) {
                report.append(page).append(": ").append(rule.getId()).append(" — ").append(rule.getHelp()).append(" — ")
                        .append(rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget()))
                                .collect(Collectors.joining(" ; "))).append('\n');
            }
        }
        assertEquals("", report.toString());
    }

    private static WebDriver browser() {
        WebDriver driver = Browsers.chromium(1280, 1000);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
