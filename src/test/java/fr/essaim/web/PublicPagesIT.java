package fr.essaim.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fr.essaim.support.Deployed;
import fr.essaim.support.Api;
import fr.essaim.support.Browsers;

/**
 * The public pages on a real Payara Micro: over HTTP (status codes, search without JavaScript,
 * counts equal to the API's) and in headless Chromium (searching, ticking facets, history,
 * links, the map, a phone-sized screen, and axe-core on every kind of page).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PublicPagesIT {

    private static final String SHEET = "zirondaile-halte-garderie-itinerante";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static WebDriver browser;

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browsers.chromium(1280, 1000);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Api api;

    /** The index is built in the background at first start: the pages count on it. */
    @BeforeEach
    void indexReady() throws Exception {
        api = Api.ready(base);
    }

    // ---- HTTP ----

    private HttpResponse<String> get(String path) throws Exception {
        return api.get(path);
    }

    private Document page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path);
        return Jsoup.parse(response.body(), base.toString());
    }

    @Test
    void everyPageAnswersWithItsStatusAndFrenchErrorPages() throws Exception {
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("", 200);
        expected.put("recherche", 200);
        expected.put("recherche?q=cr%C3%A8che&theme=6&territory=region%3A44&sort=date&page=1", 200);
        expected.put("themes/6", 200);
        expected.put("territoires/region:44", 200);
        expected.put("territoires/departement:54", 200);
        expected.put("territoires/commune:38052", 200);
        expected.put("fiches/" + SHEET, 200);
        expected.put("themes/99", 404);
        expected.put("themes/abc", 404);
        expected.put("territoires/departement:999", 404);
        expected.put("territoires/Morbihan", 404);
        expected.put("page-inconnue", 404);
        expected.put("recherche?page=abc", 400);
        expected.put("recherche?page=0", 400);
        expected.put("recherche?sort=hasard", 400);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            HttpResponse<String> response = get(e.getKey());
            assertEquals(e.getValue(), response.statusCode(), e.getKey());
            String body = response.body();
            assertTrue(body.contains("lang=\"fr\""), e.getKey() + " is a page in the site's layout");
            assertFalse(body.contains("Exception") || body.contains("HTTP Status"), e.getKey() + " shows no technical error");
            if (e.getValue() == 404) {
                assertTrue(body.contains("Page introuvable"), e.getKey());
            } else if (e.getValue() == 400) {
                assertTrue(body.contains("Demande incorrecte"), e.getKey());
            }
        }
        assertTrue(get("recherche?page=abc").body().contains("« page » doit être un nombre entier"));
    }

    @Test
    void theSearchWorksWithoutJavaScript() throws Exception {
        Document home = page("");
        Element box = home.selectFirst("form[action=/recherche][method=get] input[name=q]");
        assertTrue(box != null, "the home page has a GET search form to /recherche");
        assertEquals("q", home.selectFirst("label[for=q]") != null ? box.attr("name") : "no label");

        Document results = page("recherche?q=" + URLEncoder.encode("halte-garderie itinérante", StandardCharsets.UTF_8));
        assertTrue(results.select("ol.hits h3 a[href=/fiches/" + SHEET + "]").size() == 1, "the sheet is found");
        assertTrue(results.select("ol.hits mark").size() > 0, "matched words highlighted");
        Element form = results.selectFirst("form.facet-form");
        assertEquals("get", form.attr("method"));
        assertEquals("/recherche", form.attr("action"));
        assertTrue(form.selectFirst("input[type=checkbox][name=theme][value=6]") != null, "theme checkboxes named after the API");
        assertTrue(form.selectFirst("input[type=hidden][name=q]") != null, "ticking keeps the words");
        assertTrue(form.selectFirst("button[type=submit]") != null, "filters apply without JavaScript");

        Document misspelled = page("recherche?q=itinerrance");
        assertTrue(misspelled.text().contains("itinérance") || misspelled.text().contains("itinerance"),
                "a correction is offered: " + misspelled.select(".notice").text());

        Document empty = page("recherche?q=cr%C3%A8che&territory=departement%3A2A");
        assertTrue(empty.text().contains("Aucune fiche ne correspond"));
        assertTrue(empty.select(".empty a[href*=q=cr]").size() > 0, "the empty page says which filter to remove");
    }

    @Test
    void theCountsShownAreTheApiCountsForTheSameAddress() throws Exception {
        for (String query : List.of("theme=6&theme=1&territory=departement%3A54", "q=services&kind=experience&territory=region%3A84",
                "territory=region%3A44")) {
            Document html = page("recherche?" + query);
            JsonObject api = Json.createReader(new StringReader(get("api/v1/search?" + query).body())).readObject();
            assertEquals(html.selectFirst("#titre-resultats").text(), api.getInt("total") + (api.getInt("total") > 1 ? " fiches" : " fiche"),
                    query);
            for (Map.Entry<String, JsonValue> facet : api.getJsonObject("facets").entrySet()) {
                if (facet.getKey().equals("epci")) {
                    continue;
                }
                for (JsonValue v : facet.getValue().asJsonArray()) {
                    JsonObject value = v.asJsonObject();
                    Element box = html.selectFirst("input[type=checkbox][name=" + facet.getKey() + "][value=\""
                            + value.getString("value") + "\"]");
                    if (box == null && facet.getKey().equals("territory") && !value.getString("value").startsWith("region:")
                            && !value.getString("value").startsWith("departement:")) {
                        continue;
                    }
                    assertTrue(box != null, query + " shows " + facet.getKey() + "=" + value.getString("value"));
                    String shown = html.selectFirst("label[for=" + box.id() + "] .count").text().replace("\u202f", "").replace("\u00a0", "");
                    assertEquals(String.valueOf(value.getJsonNumber("count").longValue()), shown, query + " " + box.id());
                }
            }
        }
    }

    @Test
    void homeThemeAndTerritoryPagesAreBoundedAndNamed() throws Exception {
        Document home = page("");
        assertEquals(18, home.select("#themes .tiles li").size());
        assertEquals(96, home.select("svg a.dep").size(), "each metropolitan département on the map");
        assertTrue(home.select(".dep-list li").size() >= 101, "every département in the list alternative");
        assertTrue(home.select("#titre-dernieres + ul li").size() <= HomeView.LATEST, "latest sheets are bounded");
        assertTrue(home.text().contains("CC BY 4.0"), "the map is credited");
        assertTrue(home.selectFirst("a.dep[href=/territoires/departement:54]").attr("aria-label").matches("Meurthe-et-Moselle : \\d+ fiches?"));

        Document theme = page("themes/6");
        assertEquals("Petite enfance", theme.selectFirst("h1").text());
        assertTrue(theme.selectFirst("input[name=theme][value=6]").hasAttr("checked"));

        Document region = page("territoires/region:44");
        assertEquals("Grand Est", region.selectFirst("h1").text());
        assertTrue(region.select(".sub-territories a[href=/territoires/departement:54]").size() == 1, "départements with sheets");
        Document commune = page("territoires/commune:38052");
        assertTrue(commune.select(".breadcrumb a[href=/territoires/departement:38]").size() == 1, "parents for navigation");
        assertTrue(commune.select(".breadcrumb a[href=/territoires/region:84]").size() == 1);
    }

    // ---- Browser ----

    private void open(String path) {
        browser.get(URI.create(base.toString()).resolve(path).toString());
    }

    /** The whole page, as tall as it is (up to 5000 px), in target/screenshots. */
    private static void screenshot(String name) throws IOException {
        Browsers.screenshot(browser, name);
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static String resultCount() {
        return browser.findElement(By.id("titre-resultats")).getText();
    }

    /** Ticks a checkbox; the page reloads with the new state in the address. */
    private static void tick(String name, String value) {
        String before = browser.getCurrentUrl();
        WebElement box = browser.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
        browser.findElement(By.cssSelector("label[for='" + box.getAttribute("id") + "']")).click();
        waiting().until(d -> !d.getCurrentUrl().equals(before));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("titre-resultats")));
    }

    private static boolean ticked(String name, String value) {
        return browser.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).isSelected();
    }

    @Test
    void searchFromTheHomePageThenNarrowWithFacetsKeepingTheStateInTheAddress() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("");
        browser.findElement(By.id("q")).sendKeys("services");
        browser.findElement(By.cssSelector("form.search-box button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/recherche?q=services"));
        String all = resultCount();
        screenshot("recherche");

        tick("theme", "1");
        String oneTheme = resultCount();
        assertTrue(browser.getCurrentUrl().contains("theme=1"), browser.getCurrentUrl());
        assertNotEquals(all, oneTheme, "ticking a theme narrows the results");
        tick("theme", "6");
        String twoThemes = resultCount();
        assertTrue(browser.getCurrentUrl().matches(".*theme=1.*theme=6.*"), browser.getCurrentUrl());

        browser.findElement(By.xpath("//input[@value='region:44']/following-sibling::details/summary")).click();
        tick("territory", "departement:54");
        String narrowed = resultCount();
        assertTrue(browser.getCurrentUrl().contains("territory=departement%3A54"), browser.getCurrentUrl());
        assertNotEquals(twoThemes, narrowed, "the département narrows the results");
        assertTrue(browser.findElements(By.cssSelector("a.chip")).size() == 3, "three chips");
        screenshot("recherche-facettes");

        browser.navigate().refresh();
        assertTrue(ticked("theme", "1") && ticked("theme", "6") && ticked("territory", "departement:54"), "reload keeps the ticks");
        assertEquals(narrowed, resultCount());

        browser.navigate().back();
        waiting().until(d -> !d.getCurrentUrl().contains("departement"));
        assertEquals(twoThemes, resultCount(), "back returns to the previous results");
        assertTrue(ticked("theme", "6") && ticked("theme", "1"));
        assertFalse(ticked("territory", "region:44"));
    }

    @Test
    void aSheetLeadsToTheSheetsItCitesAndToItsTerritory() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("fiches/" + SHEET);
        screenshot("fiche");
        browser.findElement(By.cssSelector(".body a.wikilink[href='/fiches/litinerance-des-services']")).click();
        waiting().until(ExpectedConditions.urlContains("/fiches/litinerance-des-services"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().toLowerCase().contains("itinérance"));

        browser.navigate().back();
        waiting().until(ExpectedConditions.urlContains(SHEET));
        browser.findElement(By.cssSelector("dl.fields a[href='/territoires/departement:54']")).click();
        waiting().until(ExpectedConditions.urlContains("/territoires/departement:54"));
        assertEquals("Meurthe-et-Moselle", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElements(By.cssSelector("ol.hits a[href='/fiches/" + SHEET + "']")).size() == 1);
        screenshot("territoire");
    }

    @Test
    void aDepartementOfTheMapOpensItsPage() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("");
        screenshot("accueil");
        WebElement link = browser.findElement(By.cssSelector("a.dep[href='/territoires/departement:54']"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", link);
        assertTrue(browser.findElement(By.id("map-caption")).getText().startsWith("Meurthe-et-Moselle : "),
                "name and count shown on focus");
        // A département is not a rectangle: click a point of its outline, as a visitor's pointer would.
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) ((JavascriptExecutor) browser).executeScript("""
                const path = arguments[0].querySelector('path');
                path.scrollIntoView({block: 'center'});
                const box = path.getBoundingClientRect();
                for (let y = box.top + 6; y < box.bottom - 6; y += 2) {
                  for (let x = box.left + 6; x < box.right - 6; x += 2) {
                    const inside = (dx, dy) => document.elementFromPoint(x + dx, y + dy) === path;
                    if (inside(0, 0) && inside(-6, 0) && inside(6, 0) && inside(0, -6) && inside(0, 6)) {
                      return [Math.round(x), Math.round(y)];
                    }
                  }
                }
                return null;""", link);
        new Actions(browser).moveToLocation(point.get(0).intValue(), point.get(1).intValue()).click().perform();
        waiting().until(ExpectedConditions.urlContains("/territoires/departement:54"));
        assertEquals("Meurthe-et-Moselle", browser.findElement(By.tagName("h1")).getText());

        browser.navigate().back();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("carte")));
        browser.findElement(By.cssSelector("a.dep[href='/territoires/departement:56']")).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("/territoires/departement:56"));
        assertEquals("Morbihan", browser.findElement(By.tagName("h1")).getText(), "the map works with the keyboard");
    }

    @Test
    void onAPhoneThePagesDoNotScrollSidewaysAndFacetsFold() throws IOException {
        try {
            browser.manage().window().setSize(new Dimension(375, 812));
            for (String path : List.of("recherche?q=services&theme=1&territory=region%3A44", "", "fiches/" + SHEET,
                    "territoires/departement:54")) {
                open(path);
                long overflow = (Long) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertTrue(overflow <= 0, path + " scrolls sideways by " + overflow + " px at 375 px");
                if (path.startsWith("recherche")) {
                    assertFalse(browser.findElement(By.id("filtres")).getAttribute("open") != null, "facets folded on a phone");
                    screenshot("recherche-375");
                }
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void axeFindsNoViolationOnThePublicPages() throws IOException {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("accueil", "");
        pages.put("recherche-cochee", "recherche?q=services&theme=1&theme=6&territory=departement%3A54");
        pages.put("fiche", "fiches/" + SHEET);
        pages.put("theme", "themes/6");
        pages.put("territoire-region", "territoires/region:44");
        pages.put("page-introuvable", "themes/99");
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, String> p : pages.entrySet()) {
            open(p.getValue());
            Results results = new AxeBuilder().analyze(browser);
            screenshot("axe-" + p.getKey());
            List<Rule> violations = results.getViolations();
            System.out.println("axe " + p.getKey() + " (/" + p.getValue() + ") : " + violations.size() + " violation(s), "
                    + results.getPasses().size() + " règles respectées, capture target/screenshots/axe-" + p.getKey() + ".png");
            for (Rule rule : violations) {
                report.append(p.getKey()).append(": ").append(rule.getId()).append(" — ").append(rule.getHelp()).append(" — ")
                        .append(rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(" ; ")))
                        .append('\n');
            }
        }
        assertEquals("", report.toString());
    }
}
