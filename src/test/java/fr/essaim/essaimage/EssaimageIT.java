package fr.essaim.essaimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import fr.essaim.support.Browsers;
import fr.essaim.support.Deployed;
import fr.essaim.support.Ready;

/** Take-ups, « Je l'ai fait aussi », search gaps and view counts, over HTTP and in a browser on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EssaimageIT {

    static final String PASSWORD = "mot-de-passe-long-1";
    static final String ADMIN = basic("admin", "mot-de-passe-des-tests");
    static final String LEA = basic("lea", PASSWORD);
    static final String YVES = basic("yves", PASSWORD);
    /** Three people searching, told apart by their browsers (they share the test machine's address). */
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final String SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15";
    static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void accounts() throws Exception {
        Ready.await(base);
        for (String[] account : new String[][] {{"lea", "[\"contributor\"]"}, {"yves", "[\"contributor\",\"editor\"]"}}) {
            HttpResponse<String> created = send("POST", "api/v1/accounts", ADMIN, "application/json",
                    "{\"name\":\"" + account[0] + "\",\"password\":\"" + PASSWORD + "\",\"roles\":" + account[1] + "}");
            assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        }
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String type, String body,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization, String... headers) throws Exception {
        return send("GET", path, authorization, null, null, headers);
    }

    private static JsonStructure json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).read();
    }

    private static JsonObject object(HttpResponse<String> response) {
        return (JsonObject) json(response);
    }

    static String experience(String title, String territory, String inspiredBy) {
        return "---\nkind: experience\ntitle: \"" + title + "\"\nsummary: Une expérience écrite par les tests.\n"
                + "territories: [" + territory + "]\nthemes: [3]\nporteur:\n  name: Commune de test\n  actorType: commune\n"
                + "sources:\n  - title: Notes de terrain\n    year: 2024\n"
                + (inspiredBy == null ? "" : "inspiredBy: [\"" + inspiredBy + "\"]\n") + "---\n## Contexte\n\nTexte.\n";
    }

    /** Léa writes a sheet, Yves publishes it; its slug. */
    private String published(String source) throws Exception {
        HttpResponse<String> created = send("POST", "api/v1/sheets", LEA, "text/markdown", source);
        assertEquals(201, created.statusCode(), created.body());
        String slug = object(created).getString("slug");
        publish(slug);
        return slug;
    }

    private void publish(String slug) throws Exception {
        HttpResponse<String> published = send("POST", "api/v1/sheets/" + slug + "/publish", YVES, "application/json", "{}");
        assertEquals(200, published.statusCode(), published.body());
    }

    private JsonObject sheet(String slug) throws Exception {
        HttpResponse<String> answer = get("api/v1/sheets/" + slug, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return object(answer);
    }

    private List<String> slugs(JsonArray sheets) {
        return sheets.getValuesAs(JsonObject.class).stream().map(s -> s.getString("slug")).toList();
    }

    /** The slugs a search answers, once the index has caught up with what was just published or withdrawn. */
    private List<String> searchUntil(String query, List<String> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> found;
        do {
            HttpResponse<String> answer = get("api/v1/search?" + query, null);
            assertEquals(200, answer.statusCode(), answer.body());
            found = slugs(object(answer).getJsonArray("hits"));
            if (found.equals(expected)) {
                return found;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    @Test
    void theApiTheSearchAndTheFeedShowATakeUpWhilePublishedOnly() throws Exception {
        String origin = published(experience("Recyclerie Zéphyrine du Briançonnais", "commune:05023", null));
        String other = published(experience("Recyclerie Zéphyrine du Queyras", "commune:05063", null));
        HttpResponse<String> created = send("POST", "api/v1/sheets", LEA, "text/markdown",
                experience("Recyclerie Zéphyrine de l'Embrunais", "commune:05046", "Recyclerie Zéphyrine du Briançonnais"));
        assertEquals(201, created.statusCode(), created.body());
        String copy = object(created).getString("slug");
        assertEquals(List.of(), slugs(sheet(origin).getJsonArray("reproductions")), "a draft is no reproduction");

        publish(copy);
        JsonArray reproductions = sheet(origin).getJsonArray("reproductions");
        assertEquals(List.of(copy), slugs(reproductions));
        JsonObject place = reproductions.getJsonObject(0).getJsonArray("territories").getJsonObject(0);
        assertEquals("commune:05046", place.getString("key"));
        assertEquals("Embrun", place.getString("name"));
        assertEquals(List.of(origin), slugs(sheet(copy).getJsonArray("inspiredBy")));
        assertEquals("Recyclerie Zéphyrine du Briançonnais", sheet(copy).getJsonArray("inspiredBy").getJsonObject(0).getString("title"));

        assertEquals(List.of(origin), searchUntil("q=z%C3%A9phyrine&takenUp=true", List.of(origin)), "only the sheet taken up");
        List<String> byReproductions = slugs(object(get("api/v1/search?q=z%C3%A9phyrine&sort=reproductions", null))
                .getJsonArray("hits"));
        assertEquals(3, byReproductions.size(), byReproductions.toString());
        assertEquals(origin, byReproductions.get(0), "the most taken up first: " + byReproductions);
        assertTrue(byReproductions.contains(other));
        assertEquals(List.of(copy), searchUntil("inspiredBy=" + origin, List.of(copy)));
        HttpResponse<String> page = get("recherche?q=z%C3%A9phyrine&takenUp=true", null, "User-Agent", FIREFOX);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/fiches/" + origin) && !page.body().contains("/fiches/" + other + "\""),
                "the search page takes the same filter");
        assertTrue(page.body().contains("reprises ailleurs") && page.body().contains("nombre de reprises"),
                "its chip and the sort by reproductions");
        HttpResponse<String> feed = get("feeds/fiches.atom?inspiredBy=" + origin, null);
        assertEquals(200, feed.statusCode());
        assertTrue(feed.body().contains("Recyclerie Zéphyrine de l&apos;Embrunais") || feed.body().contains("Recyclerie Zéphyrine de l'Embrunais"),
                feed.body());
        assertFalse(feed.body().contains("Recyclerie Zéphyrine du Queyras"),
                feed.body());

        HttpResponse<String> withdrawn = send("POST", "api/v1/sheets/" + copy + "/unpublish", YVES, "application/json", "{}");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertEquals(List.of(), slugs(sheet(origin).getJsonArray("reproductions")), "withdrawn, it no longer counts");
        assertEquals(List.of(), searchUntil("q=z%C3%A9phyrine&takenUp=true", List.of()));

        HttpResponse<String> refused = send("POST", "api/v1/sheets", LEA, "text/markdown",
                experience("Recyclerie fantôme", "commune:05023", "Recyclerie de nulle part"));
        assertEquals(400, refused.statusCode(), refused.body());
        JsonObject error = object(refused).getJsonArray("errors").getJsonObject(0);
        assertEquals("inspiredBy", error.getString("field"));
        assertTrue(error.getString("message").contains("« Inspirée de »"), error.getString("message"));
        System.out.println("Reprise d'une fiche absente (API) : " + object(refused).getString("error"));
    }

    /** Searches for this word by three people in one minute, with repeats, a widget, a bot and an e-mail that do not count. */
    private boolean searchThreeTimesWithinOneMinute(String word) throws Exception {
        long minute = System.currentTimeMillis() / 60_000;
        String q = URLEncoder.encode(word, StandardCharsets.UTF_8);
        assertEquals(0, object(get("api/v1/search?q=" + q, null, "User-Agent", FIREFOX)).getInt("total"));
        get("api/v1/search?q=" + q.toUpperCase(), null, "User-Agent", FIREFOX);
        get("api/v1/search?q=%20" + q + "%20%3F", null, "User-Agent", SAFARI);
        assertEquals(200, get("recherche?q=" + q, null, "User-Agent", EDGE).statusCode());
        get("api/v1/search?q=" + q, null, "User-Agent", EDGE + " Widget", "Origin", "https://partenaire.example.org");
        get("api/v1/search?q=" + q, null, "User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        get("api/v1/search?q=" + q + "&theme=3", null, "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0");
        get("api/v1/search?q=jean.dupont%40example.fr", null, "User-Agent", FIREFOX);
        get("api/v1/search?q=06%2012%2034%2056%2078", null, "User-Agent", FIREFOX);
        return System.currentTimeMillis() / 60_000 == minute;
    }

    @Test
    void aWordNoSheetHoldsSearchedByThreePeopleIsOneGapThatOnlyEditorsSee() throws Exception {
        // The searches of one attempt may straddle two minutes: then another word is tried.
        String word = "zorglubophone";
        for (int attempt = 0; !searchThreeTimesWithinOneMinute(word); attempt++) {
            assertTrue(attempt < 2, "three attempts crossed a minute");
            word = "zorglubophone" + "xyz".charAt(attempt);
        }
        String counted = word;

        HttpResponse<String> editor = get("api/v1/search-gaps", YVES);
        assertEquals(200, editor.statusCode(), editor.body());
        List<JsonObject> rows = ((JsonArray) json(editor)).getValuesAs(JsonObject.class).stream()
                .filter(g -> g.getString("query").equals(counted)).toList();
        assertEquals(1, rows.size(), rows.toString());
        JsonObject gap = rows.get(0);
        assertEquals(3, gap.getInt("count"), "three people in one minute; the repeat, the widget, the bot and the "
                + "filtered search do not count: " + gap);
        assertEquals(0, gap.getInt("results"));
        assertTrue(gap.getString("lastSeen").matches("\\d{4}-\\d{2}-\\d{2}"), gap.toString());
        String all = editor.body();
        assertFalse(all.contains("dupont") || all.contains("example.fr") || all.contains("06 12"), "no personal data: " + all);
        System.out.println("Recherche sans résultat : " + gap + " (compte de « " + counted + " »)");

        HttpResponse<String> contributor = get("api/v1/search-gaps", LEA);
        HttpResponse<String> anonymous = get("api/v1/search-gaps", null);
        assertEquals(403, contributor.statusCode(), contributor.body());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        System.out.println("GET /api/v1/search-gaps : relecteur 200, contributrice " + contributor.statusCode()
                + ", anonyme " + anonymous.statusCode());

        HttpResponse<String> review = get("relecture", YVES);
        assertEquals(200, review.statusCode());
        assertTrue(review.body().contains("Ce que l&#39;on cherche sans trouver") || review.body().contains("Ce que l'on cherche sans trouver"),
                review.body());
        assertTrue(review.body().contains("/fiches/nouvelle?titre=" + gap.getString("query")), review.body());
    }

    // ----- in a browser

    private static WebDriver chromium() {
        return Browsers.chromium(1280, 2000);
    }

    private static String axe(WebDriver browser, String name) throws Exception {
        Results results = new AxeBuilder().analyze(browser);
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        List<Rule> violations = results.getViolations();
        System.out.println("axe " + name + " : " + violations.size() + " violation(s), " + results.getPasses().size()
                + " règles respectées, capture target/screenshots/" + name + ".png");
        return violations.stream().map(rule -> name + ": " + rule.getId() + " — " + rule.getHelp() + " — "
                + rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(" ; ")))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aContributorDeclaresHerTakeUpAndOnceReviewedTheFirstSheetShowsWhereItWasTakenUp() throws Exception {
        String origin = published(experience("Atelier vélo solidaire de Die", "commune:26113", null));
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            browser.get(uri("fiches/" + origin).toString());
            browser.findElement(By.id("je-l-ai-fait-aussi")).click();
            // Not signed in: the login form says why it is asked, then leads back to the take-up form.
            wait.until(ExpectedConditions.urlContains("/connexion"));
            assertTrue(browser.findElement(By.id("motif")).getText().contains("repris cette expérience"),
                    browser.findElement(By.id("motif")).getText());
            browser.findElement(By.id("nom")).sendKeys("lea");
            browser.findElement(By.id("motdepasse")).sendKeys(PASSWORD);
            browser.findElement(By.id("seconnecter")).click();
            wait.until(ExpectedConditions.urlContains("/fiches/" + origin + "/reprendre"));

            assertTrue(browser.findElement(By.cssSelector("p.reprise")).getText().contains("Atelier vélo solidaire de Die"));
            assertEquals(origin, browser.findElement(By.cssSelector("textarea.champ-inspiredBy")).getAttribute("value").strip(),
                    "inspiredBy filled in");
            String body = browser.findElement(By.id("texte")).getAttribute("value");
            assertTrue(body.startsWith("## Contexte") && body.contains("## Résultats"), "the sections of an experience: " + body);
            String violations = axe(browser, "essaimage-reprendre");

            browser.findElement(By.cssSelector("input.champ-title")).sendKeys("Atelier vélo solidaire de Guillestre");
            browser.findElement(By.cssSelector(".champ-summary")).sendKeys("Un atelier de réparation repris de celui de Die.");
            WebElement territory = browser.findElement(By.cssSelector("input.territoires-recherche"));
            territory.sendKeys("Guillestre");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".territoires-suggestions li[data-cle='commune:05065']")))
                    .click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".territoires-choisis"), "Guillestre"));
            browser.findElement(By.cssSelector("input.champ-porteur-nom")).sendKeys("Association Vélo Guil");
            browser.findElement(By.cssSelector("input.champ-porteur-type")).sendKeys("association");
            browser.findElement(By.cssSelector("input.source-titre")).sendKeys("Entretien avec l'association");
            WebElement text = browser.findElement(By.id("texte"));
            text.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, org.openqa.selenium.Keys.END),
                    "\n\nTrente vélos réparés le premier mois.");
            browser.findElement(By.id("soumettre")).click();
            wait.until(ExpectedConditions.urlContains("/historique"));
            String copy = browser.getCurrentUrl().replaceAll(".*/fiches/([^/]+)/historique.*", "$1");
            assertEquals(List.of(), slugs(sheet(origin).getJsonArray("reproductions")), "not before review");

            publish(copy);
            browser.get(uri("fiches/" + origin).toString());
            WebElement spread = browser.findElement(By.cssSelector("section.reprises"));
            assertTrue(spread.getText().contains("Reprise à") && spread.getText().contains("Guillestre")
                    && spread.getText().contains("Atelier vélo solidaire de Guillestre"), spread.getText());
            assertTrue(spread.getText().contains("Hautes-Alpes (05) : une reprise"), spread.getText());
            System.out.println("Fiche d'origine : " + spread.getText().replace('\n', ' '));
            assertEquals("Hautes-Alpes : une reprise", spread.findElement(By.cssSelector("svg a[href$='/territoires/departement:05']"))
                    .getAttribute("aria-label"), "the département shaded on the small map");
            assertEquals(1, spread.findElements(By.cssSelector("svg a")).size(), "only départements with a reproduction are links");
            violations += axe(browser, "essaimage-reprise-a");
            assertEquals("", violations);

            browser.get(uri("fiches/" + copy).toString());
            assertTrue(browser.findElement(By.cssSelector("dl.fields")).getText().contains("Atelier vélo solidaire de Die"),
                    "« Inspirée de » on the take-up");
        } finally {
            browser.quit();
        }
    }

    @Test
    void viewsOfASheetAreCountedOncePerReaderAndMinuteAndShownToEditorsOnly() throws Exception {
        String slug = published(experience("Épicerie itinérante du Dévoluy", "commune:05139", null));
        get("fiches/" + slug, null, "User-Agent", FIREFOX);
        get("fiches/" + slug, null, "User-Agent", FIREFOX);
        get("fiches/" + slug, null, "User-Agent", SAFARI);
        get("fiches/" + slug, null, "User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)");
        HttpResponse<String> editor = get("fiches/" + slug, YVES, "User-Agent", EDGE);
        assertTrue(editor.body().contains("Consultations par mois"), editor.body());
        String month = java.time.YearMonth.now(java.time.ZoneId.of("Europe/Paris"))
                .format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.FRENCH));
        assertTrue(editor.body().contains(month + " : 3"), "three readers, the editor included; the repeat and the bot "
                + "do not count: " + editor.body());
        assertFalse(get("fiches/" + slug, LEA).body().contains("Consultations par mois"));
        assertFalse(get("fiches/" + slug, null).body().contains("Consultations par mois"));
        assertTrue(get("fiches/" + slug, null).headers().firstValue("Set-Cookie").isEmpty(), "no cookie");
    }
}
