package fr.essaim.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import fr.essaim.support.Ready;

/**
 * The packaged application on a real Payara Micro: it migrates its database, imports the corpus
 * and serves sheets through the API and the pages.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ApplicationIT {

    private static final String SHEET = "zirondaile-halte-garderie-itinerante";
    private static final String ADMIN_PASSWORD = "mot-de-passe-des-tests";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    private URL base;

    @BeforeEach
    void awaitReady() throws Exception {
        Ready.await(base);
    }

    @Deployment(testable = false)
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("essaim.war", "target/ROOT.war")));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void theApiReturnsAPublishedSheetWithItsFieldsAndHtml() throws Exception {
        HttpResponse<String> response = get("api/v1/sheets/" + SHEET);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        JsonObject sheet = json(response.body());
        assertEquals(SHEET, sheet.getString("slug"));
        assertEquals("experience", sheet.getString("kind"));
        assertTrue(sheet.getString("title").startsWith("Zirond'aile"));
        assertEquals(1, sheet.getInt("revision"));
        assertEquals("pérennisée", sheet.getJsonObject("fields").getString("status"));
        assertTrue(sheet.getString("markdown").startsWith("---\nkind: experience"));
        assertTrue(sheet.getString("html").contains("<h2"));
        assertTrue(sheet.getJsonArray("links").stream()
                .anyMatch(link -> link.asJsonObject().getString("slug").equals("litinerance-des-services")));
    }

    @Test
    void aConditionalRequestWithTheSameETagIsAnswered304() throws Exception {
        HttpResponse<String> first = get("api/v1/sheets/" + SHEET);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(first.headers().firstValue("Last-Modified").isPresent());

        HttpResponse<String> again = get("api/v1/sheets/" + SHEET, "If-None-Match", etag);

        assertEquals(304, again.statusCode());
        assertTrue(again.body().isEmpty());
    }

    @Test
    void anUnknownSheetIsAJson404() throws Exception {
        HttpResponse<String> response = get("api/v1/sheets/cette-fiche-n-existe-pas");

        assertEquals(404, response.statusCode());
        assertTrue(json(response.body()).getString("error").contains("cette-fiche-n-existe-pas"));
    }

    @Test
    void anOldWikiNameRedirectsToItsSheet() throws Exception {
        HttpResponse<String> api = get("api/v1/sheets/LItineranceDesServices");
        assertEquals(301, api.statusCode());
        assertTrue(api.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/sheets/litinerance-des-services"));

        HttpResponse<String> page = get("fiches/LItineranceDesServices");
        assertEquals(301, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/fiches/litinerance-des-services"));
    }

    @Test
    void theSlugsOfTheMergedSummaryCardsRedirectToTheWikiCards() throws Exception {
        java.util.Map<String, String> merged = java.util.Map.of(
                "innovation-hybridation-collectif-individuel", "innovation-hybridation-du-collectif-et-de-lindividuel",
                "innovation-hybridation-citoyens-professionnels", "innovation-hybridation-des-citoyens-et-des-professionnels",
                "innovation-hybridation-producteur-usager", "innovation-hybridation-du-producteur-et-de-lusager",
                "innovation-hybridation-public-prive", "innovation-hybridation-du-public-et-du-prive");
        for (java.util.Map.Entry<String, String> pair : merged.entrySet()) {
            HttpResponse<String> page = get("fiches/" + pair.getKey());
            assertEquals(301, page.statusCode(), pair.getKey());
            assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/fiches/" + pair.getValue()), pair.getKey());
            HttpResponse<String> api = get("api/v1/sheets/" + pair.getKey());
            assertEquals(301, api.statusCode(), pair.getKey());
            assertTrue(api.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/sheets/" + pair.getValue()), pair.getKey());
        }
    }

    @Test
    void aMalformedAuthorizationHeaderIsA400WithAFrenchMessage() throws Exception {
        for (String header : new String[] {"Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString("sans-deux-points".getBytes())}) {
            for (String path : new String[] {"", "api/v1/search?size=0", "health/ready"}) {
                HttpResponse<String> answer = get(path, "Authorization", header);
                assertEquals(400, answer.statusCode(), path + " with " + header + ": " + answer.body());
                assertTrue(answer.body().contains("En-tête Authorization illisible"), answer.body());
            }
        }
    }

    @Test
    void theSheetPageShowsTitleFieldsAndRenderedBody() throws Exception {
        HttpResponse<String> response = get("fiches/" + SHEET);

        assertEquals(200, response.statusCode());
        String html = response.body();
        assertTrue(html.contains("lang=\"fr\""));
        assertTrue(html.contains("<h1>Zirond'aile, une halte-garderie itinérante en Lorraine rurale</h1>"), html);
        assertTrue(html.contains("Fiche expérience"));
        assertTrue(html.contains("Petite enfance"), "theme shown with its French label");
        assertTrue(html.contains("10 280 heures de garde"));
        assertTrue(html.contains("href=\"/fiches/litinerance-des-services\""), "wiki link rendered");
        assertFalse(html.matches("(?s).*<script(?![^>]*\\ssrc=)(?![^>]*type=\"application/ld\\+json\")[^>]*>.*"),
                "no inline script, only script files (and structured data, which never runs)");
        assertTrue(html.contains("Fiches qui citent celle-ci"));
        assertTrue(html.contains("Fiches proches"));
    }

    @Test
    void themesAndTerritoriesAreServedWithTheirSheetCounts() throws Exception {
        HttpResponse<String> themes = get("api/v1/themes");
        assertEquals(200, themes.statusCode());
        var list = json(themes.body()).getJsonArray("themes");
        assertEquals(18, list.size());
        assertEquals("Information et orientation", list.getJsonObject(0).getString("label"));

        HttpResponse<String> byName = get("api/v1/territories?q=" + java.net.URLEncoder.encode("bourg d'oi", "UTF-8"));
        assertEquals(200, byName.statusCode());
        assertEquals("commune:38052", json(byName.body()).getJsonArray("territories").getJsonObject(0).getString("key"));
        HttpResponse<String> byPostcode = get("api/v1/territories?q=38520");
        assertTrue(byPostcode.body().contains("Le Bourg-d'Oisans"));
        assertEquals(400, get("api/v1/territories?q=a").statusCode());
    }

    @Test
    void anUnknownSheetPageIsAFrench404() throws Exception {
        HttpResponse<String> response = get("fiches/fiche-inconnue");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("Page introuvable"));
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void theHomePageLeadsToThePublishedSheetsThroughTheSearch() throws Exception {
        HttpResponse<String> response = get("");
        // The counts come from the search index, built in the background at first start.
        // Other test classes share the data folder and may have added sheets: any non-zero count will do.
        for (long deadline = System.nanoTime() + 180_000_000_000L; !response.body().matches("(?s).*>[1-9][0-9]* fiches publiées<.*")
                && System.nanoTime() < deadline; response = get("")) {
            Thread.sleep(250);
        }

        assertEquals(200, response.statusCode());
        assertTrue(response.body().matches("(?s).*>[1-9][0-9]* fiches publiées<.*"), "the count, not the list of every sheet");
        assertTrue(response.body().contains("href=\"/recherche?sort=date\""));
        boolean reached = false;
        for (int page = 1; page <= 40 && !reached; page++) {
            HttpResponse<String> results = get("recherche?sort=title&page=" + page);
            assertEquals(200, results.statusCode());
            reached = results.body().contains("href=\"/fiches/" + SHEET + "\"");
        }
        assertTrue(reached, "the search pages, in title order, reach every sheet");
    }

    @Test
    void everySheetOfTheCorpusIsServedByTheApi() throws Exception {
        java.util.List<String> failures = new java.util.ArrayList<>();
        int count = 0;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("essaim.content.dir", "content"), "fiches"))) {
            for (var file : files.sorted().toList()) {
                String slug = file.getFileName().toString().replaceFirst("\\.md$", "");
                HttpResponse<String> response = get("api/v1/sheets/" + slug);
                count++;
                if (response.statusCode() != 200 || !json(response.body()).getString("slug").equals(slug)) {
                    failures.add(slug + " → " + response.statusCode());
                }
            }
        }
        assertTrue(count >= 80, "corpus size " + count);
        assertEquals(java.util.List.of(), failures);
    }

    @Test
    void anonymousReadersGetNoSessionCookie() throws Exception {
        for (String path : new String[] {"", "recherche?q=services&theme=6", "fiches/" + SHEET, "themes/6",
                "territoires/departement:05", "fiches/fiche-inconnue", "fiches/" + SHEET + "/historique",
                "api/v1/search?q=services", "api/v1/sheets/" + SHEET, "api/v1/themes"}) {
            HttpResponse<String> answer = get(path);
            assertTrue(answer.statusCode() == 200 || answer.statusCode() == 404, path + " → " + answer.statusCode());
            assertEquals(java.util.List.of(), answer.headers().allValues("Set-Cookie"), path);
        }
    }

    @Test
    void theSessionCookieOfALoginCarriesEachAttributeOnce() throws Exception {
        for (boolean proxiedHttps : new boolean[] {false, true}) {
            String[] proxy = proxiedHttps ? new String[] {"X-Forwarded-Proto", "https"} : new String[0];
            HttpResponse<String> form = get("connexion", proxy);
            String cookie = form.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("the login form keeps its state"));
            java.util.regex.Matcher state = java.util.regex.Pattern
                    .compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
            assertTrue(state.find(), form.body());
            String body = "connexion=connexion&retour=&nom=admin&motdepasse=" + ADMIN_PASSWORD
                    + "&seconnecter=Se+connecter&jakarta.faces.ViewState=" + java.net.URLEncoder.encode(state.group(1), "UTF-8");
            HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base.toString()).resolve("connexion"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie.split(";")[0])
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (proxiedHttps) {
                login.header("X-Forwarded-Proto", "https");
            }
            HttpResponse<String> answer = http.send(login.build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(302, answer.statusCode(), answer.body());
            java.util.List<String> cookies = answer.headers().allValues("Set-Cookie");
            assertEquals(1, cookies.size(), cookies.toString());
            java.util.List<String> attributes = java.util.Arrays.stream(cookies.get(0).split(";")).map(String::strip).toList();
            assertEquals(1, attributes.stream().filter(a -> a.equalsIgnoreCase("SameSite=Lax")).count(), cookies.get(0));
            assertEquals(1, attributes.stream().filter(a -> a.equalsIgnoreCase("HttpOnly")).count(), cookies.get(0));
            assertEquals(proxiedHttps ? 1 : 0, attributes.stream().filter(a -> a.equalsIgnoreCase("Secure")).count(), cookies.get(0));
            assertTrue(attributes.stream().noneMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith("samesite=") && !a.equalsIgnoreCase("SameSite=Lax")));
            assertFalse(cookies.get(0).split(";")[0].equals(cookie.split(";")[0]), "a new session id at login");
            if (proxiedHttps) {
                assertTrue(answer.headers().firstValue("Location").orElseThrow().startsWith("https://"),
                        "behind a TLS proxy the redirect stays on https");
            }
        }
    }

    private static String basic(String name, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long median(java.util.List<Long> values) {
        java.util.List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void anUnknownAccountTakesAsLongToRefuseAsAWrongPassword() throws Exception {
        int tries = 8; // each account once: under the account and address locks
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < tries; i++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/v1/accounts"))
                    .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"temps-" + run + "-" + i
                            + "\",\"password\":\"un-long-mot-de-passe\",\"roles\":[\"contributor\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        }
        java.util.List<Long> unknown = new java.util.ArrayList<>();
        java.util.List<Long> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < tries; i++) {
            long start = System.nanoTime();
            HttpResponse<String> a = get("api/v1/search?size=0", "Authorization", basic("inconnu-" + run + "-" + i, "un-long-mot-de-passe"));
            unknown.add(System.nanoTime() - start);
            start = System.nanoTime();
            HttpResponse<String> b = get("api/v1/search?size=0", "Authorization", basic("temps-" + run + "-" + i, "pas-le-bon-mot-de-passe"));
            wrong.add(System.nanoTime() - start);
            assertEquals(401, a.statusCode(), a.body());
            assertEquals(401, b.statusCode(), b.body());
            assertEquals(a.body(), b.body(), "the same answer");
        }
        double ratio = (double) median(unknown) / median(wrong);
        assertTrue(ratio > 0.5 && ratio < 2, "unknown " + unknown + " ns, wrong password " + wrong + " ns: ratio " + ratio);
    }

    @Test
    void aProgramSendingTheSameRightCredentialsIsNotSlowedDown() throws Exception {
        // More requests than the allowance of password checks of an address in a minute: the right
        // credentials are hashed once, then remembered.
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> answer = get("api/v1/accounts", "Authorization", basic("admin", ADMIN_PASSWORD));
            assertEquals(200, answer.statusCode(), "request " + (i + 1) + ": " + answer.body());
        }
    }

    /** Last: it spends this address's allowance of password checks. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aFloodOfWrongPasswordsCostsAtMostTheAllowanceOfSlowHashes() throws Exception {
        int checked = 0;
        HttpResponse<String> refused = null;
        long end = System.nanoTime() + 8_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            HttpResponse<String> answer = get("api/v1/search?size=0", "Authorization", basic("devine-" + i, "mauvais-" + i));
            if (answer.statusCode() == 401) {
                checked++;
            } else {
                assertEquals(429, answer.statusCode(), answer.body());
                refused = answer;
            }
        }
        // 30 checks at once, then one every 2 seconds.
        assertTrue(checked <= 30 + 4 + 1, checked + " passwords hashed in 8 s");
        assertTrue(refused != null, "the flood is refused");
        assertTrue(refused.body().contains("réessayez dans"), refused.body());
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }
}
