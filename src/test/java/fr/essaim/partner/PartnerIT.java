package fr.essaim.partner;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import fr.essaim.support.Deployed;
import fr.essaim.support.Api;
import fr.essaim.support.Browsers;

/** What partner sites use, on a real Payara Micro: widget, feed, OpenAPI, caching, sitemap. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PartnerIT {

    private static final Path CONTENT = Path.of(System.getProperty("essaim.content.dir", "content"));
    private static final String LINKED = "zirondaile-halte-garderie-itinerante";
    private static final String RED = "rgb(255, 0, 0)";
    private static final String GREEN = "rgb(0, 255, 0)";

    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeEach
    void awaitReady() throws Exception {
        // Ready means the index has caught up with the database: searches answer from then on.
        api = Api.ready(base);
    }

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    private String origin() {
        return URI.create(base.toString()).resolve("/").toString().replaceAll("/$", "");
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        return api.get(pathAndQuery, headers);
    }

    private JsonObject search(String query) throws Exception {
        HttpResponse<String> response = get("api/v1/search?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private List<String> absoluteUrls(JsonObject result) {
        return result.getJsonArray("hits").stream().map(h -> origin() + h.asJsonObject().getString("url")).toList();
    }

    // ---- widget, in a browser, on a page of another origin -------------------------------------------------

    private static final String HOST_PAGE = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="UTF-8"><title>Réseau rural partenaire</title>
            <link rel="icon" href="data:,">
            <style>
              body { color: rgb(255, 0, 0); font-family: serif; font-size: 30px; letter-spacing: 4px; }
              a, a:visited { color: rgb(255, 0, 0) !important; }
              input { background: rgb(0, 255, 0); border: 6px solid red; font-family: serif; }
              li { margin-left: 100px; }
            </style></head>
            <body>
              <p><a id="host-link" href="#">lien du site hôte</a> <input id="host-input"></p>
              <div id="petite-enfance" data-essaim-recherche data-theme="6" data-size="3"></div>
              <div id="hautes-alpes" data-essaim-recherche data-territory="departement:05" data-kind="experience"
                   data-size="4"></div>
              <script src="%s/widget.js" async></script>
            </body></html>
            """;

    private static ChromeDriver browser() {
        ChromeOptions options = Browsers.options(1200, 2400);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return Browsers.chromium(options);
    }

    private static List<String> shownLinks(ChromeDriver driver, String widgetId) {
        SearchContext shadow = driver.findElement(By.id(widgetId)).getShadowRoot();
        return shadow.findElements(By.cssSelector("li.hit a.title")).stream().map(a -> a.getAttribute("href")).toList();
    }

    private static void waitFor(ChromeDriver driver, String widgetId, List<String> expected) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
                try {
                    return shownLinks(driver, widgetId).equals(expected);
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException timeout) {
            assertEquals(expected, shownLinks(driver, widgetId), "widget " + widgetId);
        }
    }

    private static String style(ChromeDriver driver, WebElement element, String property) {
        return (String) ((JavascriptExecutor) driver)
                .executeScript("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);", element, property);
    }

    @Test
    void twoWidgetsOnAPartnerPageShowTheirOwnSheetsUntouchedByTheHostStyles() throws Exception {
        List<String> petiteEnfance = absoluteUrls(search("theme=6&size=3"));
        List<String> hautesAlpes = absoluteUrls(search("territory=departement:05&kind=experience&size=4"));
        String typed = "numérique";
        JsonObject typedResult = search("territory=departement:05&kind=experience&size=4&q=" + URLEncoder.encode(typed,
                StandardCharsets.UTF_8));
        List<String> hautesAlpesNumerique = absoluteUrls(typedResult);
        assertEquals(3, petiteEnfance.size());
        assertNotEquals(hautesAlpes, hautesAlpesNumerique, "typing must change what the widget shows");

        HttpServer partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 18451), 0);
        byte[] page = HOST_PAGE.formatted(origin()).getBytes(StandardCharsets.UTF_8);
        partner.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        partner.start();
        ChromeDriver driver = browser();
        try {
            driver.get("http://127.0.0.1:18451/reseau-rural.html");
            waitFor(driver, "petite-enfance", petiteEnfance);
            waitFor(driver, "hautes-alpes", hautesAlpes);

            SearchContext widget = driver.findElement(By.id("hautes-alpes")).getShadowRoot();
            WebElement input = widget.findElement(By.cssSelector("input[type=search]"));
            WebElement label = widget.findElement(By.cssSelector("label"));
            assertEquals(input.getAttribute("id"), label.getAttribute("for"), "the search box is labelled");
            assertTrue(widget.findElement(By.cssSelector("[role=status]")).getText().contains("fiches trouvées"));
            assertTrue(widget.findElement(By.cssSelector("li.hit .meta")).getText().startsWith("Fiche expérience"));

            input.sendKeys(typed);
            waitFor(driver, "hautes-alpes", hautesAlpesNumerique);
            waitFor(driver, "petite-enfance", petiteEnfance);
            String all = widget.findElement(By.cssSelector("a.all")).getAttribute("href");
            assertTrue(all.startsWith(origin() + "/recherche?"), all);
            assertTrue(all.contains("territory=departement%3A05") && all.contains("kind=experience") && all.contains("q=num"),
                    "the full search keeps the presets and the words: " + all);
            assertTrue(widget.findElement(By.cssSelector("[role=status]")).getText()
                    .startsWith(String.valueOf(typedResult.getInt("total"))));

            WebElement link = widget.findElement(By.cssSelector("li.hit a.title"));
            assertEquals(RED, style(driver, driver.findElement(By.id("host-link")), "color"), "the host style applies to its own page");
            assertNotEquals(RED, style(driver, link, "color"), "the host link colour stays out of the widget");
            assertNotEquals(RED, style(driver, widget.findElement(By.cssSelector("li.hit .text")), "color"),
                    "inherited colour stays out");
            assertFalse(style(driver, link, "font-family").startsWith("serif"), "inherited font stays out");
            assertEquals("normal", style(driver, link, "letter-spacing"));
            assertNotEquals(GREEN, style(driver, input, "background-color"), "the host input style stays out");
            assertNotEquals("6px", style(driver, input, "border-top-width"));
            assertEquals(GREEN, style(driver, driver.findElement(By.id("host-input")), "background-color"),
                    "the widget's own input style does not leak onto the host page");

            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertTrue(errors.isEmpty(), "console errors: " + errors);
            assertTrue(driver.manage().getCookies().isEmpty(), "the widget sets no cookie");
        } finally {
            driver.quit();
            partner.stop(0);
        }
    }

    @Test
    void thePartnerPageConfiguresThePreviewAndTheSnippet() throws Exception {
        search("size=1");
        ChromeDriver driver = browser();
        try {
            driver.get(base.toString() + "partenaires");
            List<String> expected = absoluteUrls(search("theme=6&size=5"));
            driver.findElement(By.cssSelector("input[name=theme][value='6']")).click();
            String snippet = driver.findElement(By.id("code")).getText();
            assertTrue(snippet.contains("<div data-essaim-recherche data-theme=\"6\" data-size=\"5\"></div>"), snippet);
            assertTrue(snippet.contains("<script src=\"" + origin() + "/widget.js\" async></script>"), snippet);
            WebElement preview = driver.findElement(By.cssSelector("#apercu [data-essaim-recherche]"));
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> preview.getShadowRoot()
                    .findElements(By.cssSelector("li.hit a.title")).stream().map(a -> a.getAttribute("href")).toList()
                    .equals(expected));
            Path shot = Path.of("target", "partenaires.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));

            driver.get(base.toString() + "api");
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(By.tagName("h3")).stream()
                    .anyMatch(h -> h.getText().equals("GET /api/v1/search")));
            assertTrue(driver.findElement(By.id("documentation")).getText().contains("departement:05"));
            // The site has no icon yet: the browser's own request for it is not a fault of these pages.
            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .filter(e -> !e.getMessage().contains("/favicon.ico")).toList();
            assertTrue(errors.isEmpty(), "console errors: " + errors);
        } finally {
            driver.quit();
        }
    }

    @Test
    void theWidgetIsSmallAndRevalidated() throws Exception {
        HttpResponse<String> widget = get("widget.js");
        assertEquals(200, widget.statusCode());
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(widget.body().getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("Widget : " + widget.body().getBytes(StandardCharsets.UTF_8).length + " octets, "
                + gzipped.size() + " octets compressés (gzip)");
        assertTrue(gzipped.size() <= 20 * 1024, "widget of " + gzipped.size() + " bytes gzipped");
        assertTrue(widget.headers().firstValue("Cache-Control").orElseThrow().contains("max-age"));
        String etag = widget.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("widget.js", "If-None-Match", etag).statusCode());
        assertFalse(widget.body().contains("document.cookie"));
    }

    // ---- feed, caching, a newly published sheet ------------------------------------------------------------

    private SyndFeed feed(String query) throws Exception {
        HttpResponse<String> response = get("feeds/fiches.atom" + query);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/atom+xml"));
        return new SyndFeedInput().build(new StringReader(response.body()));
    }

    @Test
    void theFilteredFeedIsValidAtomWithOnlyMatchingSheetsLatestFirst() throws Exception {
        search("size=1");
        SyndFeed feed = feed("?theme=6&territoryType=rural");
        JsonObject expected = search("theme=6&territoryType=rural&sort=date&size=20");

        assertEquals("atom_1.0", feed.getFeedType());
        assertTrue(feed.getLinks().stream().anyMatch(l -> "self".equals(l.getRel())
                && l.getHref().endsWith("/feeds/fiches.atom?theme=6&territoryType=rural")));
        assertEquals(absoluteUrls(expected), feed.getEntries().stream().map(SyndEntry::getLink).toList());
        assertFalse(feed.getEntries().isEmpty());
        for (SyndEntry entry : feed.getEntries()) {
            assertTrue(entry.getUri().startsWith("http"), entry.getUri());
            assertFalse(entry.getTitle().isBlank());
            assertFalse(entry.getDescription().getValue().isBlank(), entry.getTitle());
            assertTrue(entry.getUpdatedDate() != null);
            assertTrue(entry.getCategories().stream().anyMatch(c -> c.getName().equals("6")), entry.getTitle());
        }
        for (int i = 1; i < feed.getEntries().size(); i++) {
            assertFalse(feed.getEntries().get(i).getUpdatedDate().after(feed.getEntries().get(i - 1).getUpdatedDate()));
        }
        HttpResponse<String> refused = get("feeds/fiches.atom?q=" + URLEncoder.encode("crèche ".repeat(80), StandardCharsets.UTF_8));
        assertEquals(400, refused.statusCode());
        assertTrue(json(refused.body()).getString("detail").contains("trop longue"), refused.body());
    }

    @Test
    void aNewlyPublishedSheetEntersTheFeedAndRenewsTheETagOfTheSheetItLinksTo() throws Exception {
        search("size=1");
        HttpResponse<String> before = get("api/v1/sheets/" + LINKED);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("api/v1/sheets/" + LINKED, "If-None-Match", etag).statusCode());
        assertTrue(before.headers().firstValue("Cache-Control").orElseThrow().contains("public"));

        String source = Files.readString(CONTENT.resolve("fiches/" + LINKED + ".md"))
                .replace("title: \"Zirond'aile, une halte-garderie itinérante en Lorraine rurale\"",
                        "title: \"Les Petits Nomades, une crèche itinérante pour un flux\"")
                + "\n\nInspirée de [[" + LINKED + "]].\n";
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("fiches/petits-nomades-flux.md"));
            out.write(source.getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> imported = api.send("POST", "api/v1/import", ADMIN, "application/zip", zip.toByteArray());
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(1, json(imported.body()).getInt("imported"), imported.body());

        String newEntry = origin() + "/fiches/petits-nomades-flux";
        // The feed follows the index, which applies the publication within a second.
        Api.within(Duration.ofSeconds(5)).until(() -> newEntry.equals(feed("?theme=6").getEntries().get(0).getLink()));

        HttpResponse<String> after = get("api/v1/sheets/" + LINKED, "If-None-Match", etag);
        assertEquals(200, after.statusCode(), "a new backlink makes the old copy stale");
        assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        assertTrue(after.body().contains("petits-nomades-flux"));
        assertEquals(json(before.body()).getInt("revision"), json(after.body()).getInt("revision"));
    }

    @Test
    void searchAnswersAreRevalidatedAndErrorsAreProblemDetails() throws Exception {
        search("size=1");
        HttpResponse<String> first = get("api/v1/search?theme=6&size=3");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String cache = first.headers().firstValue("Cache-Control").orElseThrow();
        assertTrue(cache.contains("public") && cache.matches(".*max-age=\\d+.*"), cache);
        assertTrue(first.headers().firstValue("Vary").isPresent());
        assertEquals("*", first.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

        HttpResponse<String> again = get("api/v1/search?theme=6&size=3", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertTrue(again.body().isEmpty());
        HttpResponse<String> other = get("api/v1/search?theme=7&size=3", "If-None-Match", etag);
        assertEquals(200, other.statusCode());

        HttpResponse<String> error = get("api/v1/search?size=101");
        assertEquals(400, error.statusCode());
        assertTrue(error.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        JsonObject problem = json(error.body());
        assertEquals(400, problem.getInt("status"));
        assertEquals("Requête invalide", problem.getString("title"));
        assertTrue(problem.getString("detail").contains("« size » va de 0 à 100"));
        HttpResponse<String> missing = get("api/v1/sheets/cette-fiche-n-existe-pas");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
    }

    // ---- OpenAPI, sitemap, robots, OpenSearch --------------------------------------------------------------

    @Test
    void theOpenApiDocumentDescribesEveryPublicGetAndEachOneAnswers() throws Exception {
        search("size=1");
        HttpResponse<String> response = get("openapi?format=JSON", "Accept", "application/json");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject paths = json(response.body()).getJsonObject("paths");
        Map<String, Set<String>> expected = Map.of(
                "/api/v1/search", Set.of("q", "kind", "theme", "territory", "epci", "territoryType", "status", "year",
                        "category", "sort", "page", "size", "format"),
                "/api/v1/sheets/{slug}", Set.of("slug"),
                "/api/v1/suggest", Set.of("q"),
                "/api/v1/themes", Set.of(),
                "/api/v1/territories", Set.of("q"));
        List<String> called = new ArrayList<>();
        for (var path : paths.entrySet()) {
            JsonObject get = path.getValue().asJsonObject().getJsonObject("get");
            if (get == null) {
                continue;
            }
            String address = path.getKey();
            StringBuilder query = new StringBuilder();
            for (JsonValue value : get.getJsonArray("parameters") == null ? List.<JsonValue>of() : get.getJsonArray("parameters")) {
                JsonObject parameter = value.asJsonObject();
                String name = parameter.getString("name");
                if (expected.containsKey(address)) {
                    assertFalse(parameter.getString("description", "").isBlank(), address + " " + name);
                    assertTrue(parameter.containsKey("example"), address + " " + name);
                }
                String example = parameter.containsKey("example") ? parameter.get("example").toString().replace("\"", "") : "1";
                if ("path".equals(parameter.getString("in"))) {
                    address = address.replace("{" + name + "}", URLEncoder.encode(example, StandardCharsets.UTF_8));
                } else {
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                            .append(URLEncoder.encode(example, StandardCharsets.UTF_8));
                }
            }
            HttpResponse<String> answer = get(address.substring(1) + query);
            called.add(address + query + " → " + answer.statusCode());
            if (expected.containsKey(path.getKey())) {
                Set<String> names = get.getJsonArray("parameters") == null ? Set.of() : get.getJsonArray("parameters").stream()
                        .map(p -> p.asJsonObject().getString("name")).collect(Collectors.toSet());
                assertEquals(expected.get(path.getKey()), names, path.getKey());
                assertFalse(get.getString("description", get.getString("summary", "")).isBlank(), path.getKey());
                if (!names.isEmpty()) {
                    assertTrue(get.getJsonObject("responses").keySet().stream().anyMatch(s -> s.startsWith("4")),
                            "error answers of " + path.getKey());
                }
                assertEquals(200, answer.statusCode(), address + query + " " + answer.body());
            } else {
                assertTrue(answer.statusCode() < 500, address + query + " " + answer.statusCode());
            }
        }
        assertTrue(paths.keySet().containsAll(expected.keySet()), paths.keySet().toString());
        System.out.println("OpenAPI : " + called);
    }

    @Test
    void crawlersFindTheSitemapAndBrowsersTheOpenSearchDescription() throws Exception {
        search("size=1");
        String robots = get("robots.txt").body();
        assertTrue(robots.contains("Sitemap: " + origin() + "/sitemap.xml"), robots);

        String index = get("sitemap.xml").body();
        assertTrue(index.contains("<sitemapindex") && index.contains("<loc>" + origin() + "/sitemaps/1.xml</loc>"), index);
        String urls = get("sitemaps/1.xml").body();
        assertTrue(urls.contains("<loc>" + origin() + "/fiches/" + LINKED + "</loc>"));
        assertTrue(urls.split("<url>").length - 1 <= SitemapServlet.PER_FILE);
        assertEquals(404, get("sitemaps/2.xml").statusCode());

        HttpResponse<String> openSearch = get("opensearch.xml");
        assertTrue(openSearch.headers().firstValue("Content-Type").orElseThrow().startsWith(OpenSearchServlet.TYPE));
        assertTrue(openSearch.body().contains("template=\"" + origin() + "/recherche?q={searchTerms}\""), openSearch.body());

        String page = get("fiches/" + LINKED).body();
        assertTrue(page.contains("rel=\"search\" type=\"application/opensearchdescription+xml\""), "OpenSearch link");
        assertTrue(page.contains("type=\"application/atom+xml\""), "feed link");
        Matcher script = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(page);
        assertTrue(script.find(), "JSON-LD on the sheet page");
        JsonObject data = json(script.group(1));
        JsonObject api = json(get("api/v1/sheets/" + LINKED).body());
        assertEquals("https://schema.org", data.getString("@context"));
        assertEquals(api.getString("title"), data.getString("headline"));
        assertEquals(origin() + "/fiches/" + LINKED, data.getString("url"));
        assertEquals("Meurthe-et-Moselle", data.getJsonArray("spatialCoverage").getJsonObject(0).getString("name"));
        assertEquals("Petite enfance", data.getJsonArray("about").getJsonObject(0).getString("name"));
    }

    @Test
    void theSitemapFilesHoldEachPublishedSheetOnceAndACrawlerThatHasOneGets304() throws Exception {
        int published = search("size=0").getInt("total");
        Pattern loc = Pattern.compile("<loc>" + Pattern.quote(origin()) + "(/[^<]*)</loc>");
        List<String> sheets = new ArrayList<>();
        Matcher files = loc.matcher(get("sitemap.xml").body());
        while (files.find()) {
            HttpResponse<String> file = get(files.group(1).substring(1));
            assertEquals(200, file.statusCode(), files.group(1));
            Matcher urls = loc.matcher(file.body());
            while (urls.find()) {
                if (urls.group(1).startsWith("/fiches/")) {
                    sheets.add(urls.group(1));
                }
            }
            String modified = file.headers().firstValue("Last-Modified").orElseThrow();
            HttpResponse<String> again = get(files.group(1).substring(1), "If-Modified-Since", modified);
            assertEquals(304, again.statusCode(), "unchanged since the crawler's copy");
            assertEquals("", again.body());
            String earlier = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    java.time.ZonedDateTime.parse(modified, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).minusSeconds(1));
            assertEquals(200, get(files.group(1).substring(1), "If-Modified-Since", earlier).statusCode(), "changed since then");
        }
        assertEquals(published, sheets.size(), "as many sheets as the search finds");
        assertEquals(published, Set.copyOf(sheets).size(), "none twice");
        String index = get("sitemap.xml").headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(304, get("sitemap.xml", "If-Modified-Since", index).statusCode());
    }
}
