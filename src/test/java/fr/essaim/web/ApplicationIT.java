package fr.essaim.web;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.basic;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import fr.essaim.support.Deployed;
import fr.essaim.support.Api;

/**
 * The packaged application on a real Payara Micro: it migrates its database, imports the corpus
 * and serves sheets through the API and the pages.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ApplicationIT {

    private static final String SHEET = "zirondaile-halte-garderie-itinerante";
    @ArquillianResource
    private URL base;

    private Api api;

    @BeforeEach
    void awaitReady() throws Exception {
        api = Api.ready(base);
    }

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return api.get(path, headers);
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
        assertEquals(2003, sheet.getJsonObject("fields").getInt("startYear"));
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
    void aSearchAskedAgainIsGivenFromTheKeptAnswerWithTheSameBytesAndHeaders() throws Exception {
        String path = "api/v1/search?q=cr%C3%A8che&theme=6&sort=title&size=3";
        HttpResponse<String> computed = get(path);
        HttpResponse<String> kept = get(path);

        assertEquals(200, kept.statusCode());
        assertEquals(computed.body(), kept.body());
        for (String header : java.util.List.of("ETag", "Cache-Control", "Vary", "Content-Type", "Content-Length",
                "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Content-Security-Policy",
                "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")) {
            assertEquals(computed.headers().allValues(header), kept.headers().allValues(header), header);
        }
        String etag = kept.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> held = get(path, "If-None-Match", "\"autre\", " + etag);
        assertEquals(304, held.statusCode());
        assertTrue(held.body().isEmpty());
        assertEquals(etag, held.headers().firstValue("ETag").orElseThrow());
        assertEquals("*", held.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(200, get(path, "If-None-Match", "\"autre\"").statusCode());
        // What the REST resource decides is still decided there: CSV, refusals.
        HttpResponse<String> csv = get(path, "Accept", "text/csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"), csv.headers().toString());
        assertEquals(400, get("api/v1/search?q=cr%C3%A8che&theme=6&sort=title&size=101").statusCode());
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
        int published = json(get("api/v1/search?size=0")).getInt("total");
        HttpResponse<String> response = get("");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains(">" + published + " fiches publiées<"),
                "the count of the published sheets, not the list of every sheet");
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
    void theSignInCookieOfALoginCarriesEachAttributeOnce() throws Exception {
        for (boolean proxiedHttps : new boolean[] {false, true}) {
            String[] proxy = proxiedHttps ? new String[] {"X-Forwarded-Proto", "https"} : new String[0];
            HttpResponse<String> form = get("connexion", proxy);
            assertEquals(java.util.List.of(), form.headers().allValues("Set-Cookie"), "the form's state is in the page, not in a session");
            java.util.regex.Matcher state = java.util.regex.Pattern
                    .compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
            assertTrue(state.find(), form.body());
            String body = "connexion=connexion&retour=&nom=admin&motdepasse=" + Api.ADMIN_PASSWORD
                    + "&seconnecter=Se+connecter&jakarta.faces.ViewState=" + java.net.URLEncoder.encode(state.group(1), "UTF-8");
            HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base.toString()).resolve("connexion"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (proxiedHttps) {
                login.header("X-Forwarded-Proto", "https");
            }
            HttpResponse<String> answer = api.client().send(login.build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(302, answer.statusCode(), answer.body());
            java.util.List<String> cookies = answer.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("essaim_connexion=")).toList();
            assertEquals(1, cookies.size(), answer.headers().allValues("Set-Cookie").toString());
            java.util.List<String> attributes = java.util.Arrays.stream(cookies.get(0).split(";")).map(String::strip).toList();
            assertEquals(1, attributes.stream().filter(a -> a.equalsIgnoreCase("SameSite=Lax")).count(), cookies.get(0));
            assertEquals(1, attributes.stream().filter(a -> a.equalsIgnoreCase("HttpOnly")).count(), cookies.get(0));
            assertEquals(proxiedHttps ? 1 : 0, attributes.stream().filter(a -> a.equalsIgnoreCase("Secure")).count(), cookies.get(0));
            assertTrue(attributes.stream().noneMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith("samesite=") && !a.equalsIgnoreCase("SameSite=Lax")));
            // Relative: the browser stays on the scheme and host it used, https behind a TLS proxy.
            assertEquals("/", answer.headers().firstValue("Location").orElseThrow());
        }
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
            HttpResponse<String> created = api.send("POST", "api/v1/accounts", ADMIN, "application/json", "{\"name\":\"temps-"
                    + run + "-" + i + "\",\"password\":\"un-long-mot-de-passe\",\"roles\":[\"contributor\"]}");
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
            HttpResponse<String> answer = get("api/v1/accounts", "Authorization", ADMIN);
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

    // ---- Hostile input: stored and reflected scripts, malformed and huge requests ----

    private static final java.util.concurrent.atomic.AtomicInteger HOSTILE = new java.util.concurrent.atomic.AtomicInteger();
    private static final String HOSTILE_WORD = "hostilezq";
    private static final String BACKLINK_TARGET = "litinerance-des-services";

    /** As the administrator. */
    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        return api.send(method, path, ADMIN, contentType, body);
    }

    private static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A sheet with the payload in every free-text field of an experience and in its body. */
    private static String hostileSheet(String label, String payload) {
        String p = yaml(payload);
        return "---\nkind: experience\ntitle: " + yaml("Hostile " + HOSTILE_WORD + " " + label + " " + payload) + "\nsummary: " + p
                + "\nthemes: [1]\nterritoryTypes: [rural]\nporteur:\n  name: " + p + "\n  actorType: association\npartners: [" + p
                + "]\nfunding: " + p + "\nstartYear: 2020\npublics: [" + p + "]\nkeyFigures: [" + p + "]\ncontact: " + p
                + "\nsources:\n  - title: " + p + "\n    publisher: " + p + "\n    year: 2020\n---\n## Contexte\n\nLe mot "
                + HOSTILE_WORD + " relie ces fiches ; voir [[" + BACKLINK_TARGET + "]].\n\n" + payload + "\n\n" + payload + "\n";
    }

    /** The same payload where values are checked: old names, source address, related sheets. */
    private static String hostileCheckedFields(String label, String payload) {
        String p = yaml(payload);
        return "---\nkind: innovation\ntitle: " + yaml("Hostile champs " + label) + "\nsummary: Accroche.\nthemes: [1]\naliases: [" + p
                + "]\nrelatedExperiences: [" + p + "]\nsources:\n  - title: Source\n    url: " + p + "\n    year: 2020\n---\nTexte.\n";
    }

    private static void assertFrench(HttpResponse<String> answer) {
        assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, answer.statusCode() + ": " + answer.body());
        assertTrue(answer.body().matches("(?s).*([àâçéèêëîïôûùœ]|\\b(le|la|les|des|une|un|est|trop|pas|illisible)\\b).*"),
                "a French message: " + answer.body());
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer.body());
    }

    private void assertNoLiveScript(String what, String html) {
        java.util.List<String> problems = fr.essaim.security.HostileInput.liveScripts(html);
        assertEquals(java.util.List.of(), problems, what);
    }

    @Test
    void hostileSheetsFromTheApiAZipAndYesWikiNeverCarryAScript() throws Exception {
        java.util.List<String> payloads = fr.essaim.security.HostileInput.payloads();
        assertTrue(payloads.size() >= 100, payloads.size() + " payloads");
        java.util.List<String> stored = new java.util.ArrayList<>();
        int fieldsPerSheet = 12; // title, summary, porteur, partners, funding, publics, keyFigures, contact, source title and publisher, body twice
        for (int i = 0; i < payloads.size(); i++) {
            HttpResponse<String> created = send("POST", "api/v1/sheets", "text/markdown; charset=UTF-8",
                    hostileSheet("api " + i, payloads.get(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HOSTILE.addAndGet(fieldsPerSheet);
            assertTrue(created.statusCode() == 201 || created.statusCode() == 400, i + ": " + created.statusCode() + " " + created.body());
            if (created.statusCode() == 400) {
                assertFrench(created);
                continue;
            }
            String slug = json(created.body()).getString("slug");
            send("POST", "api/v1/sheets/" + slug + "/submit", "application/json", "{}".getBytes());
            HttpResponse<String> published = send("POST", "api/v1/sheets/" + slug + "/publish", "application/json", "{}".getBytes());
            assertEquals(200, published.statusCode(), slug + ": " + published.body());
            stored.add(slug);

            HttpResponse<String> checked = send("POST", "api/v1/sheets", "text/markdown; charset=UTF-8",
                    hostileCheckedFields("api " + i, payloads.get(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HOSTILE.addAndGet(3);
            assertTrue(checked.statusCode() == 201 || checked.statusCode() == 400, i + ": " + checked.statusCode() + " " + checked.body());
            if (checked.statusCode() == 400) {
                assertFrench(checked);
            }
        }
        assertTrue(stored.size() >= payloads.size() / 2, stored.size() + " of " + payloads.size() + " stored through the API");

        java.io.ByteArrayOutputStream zipBytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipBytes)) {
            for (int i = 0; i < payloads.size(); i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry("fiches/hostile-archive-" + i + ".md"));
                zip.write(hostileSheet("archive " + i, payloads.get(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                HOSTILE.addAndGet(fieldsPerSheet);
            }
        }
        HttpResponse<String> zipped = send("POST", "api/v1/import", "application/zip", zipBytes.toByteArray());
        assertEquals(200, zipped.statusCode(), zipped.body());
        JsonObject zipReport = json(zipped.body());
        assertEquals(payloads.size(), zipReport.getInt("imported") + zipReport.getInt("updated") + zipReport.getInt("unchanged")
                + zipReport.getInt("refused"), zipped.body());
        for (int i = 0; i < payloads.size(); i++) {
            if (get("api/v1/sheets/hostile-archive-" + i).statusCode() == 200) {
                stored.add("hostile-archive-" + i);
            }
        }

        jakarta.json.JsonObjectBuilder wiki = Json.createObjectBuilder();
        for (int i = 0; i < payloads.size(); i++) {
            String payload = payloads.get(i);
            wiki.add("HostileWiki" + i, Json.createObjectBuilder().add("bf_titre", "Hostile " + HOSTILE_WORD + " wiki " + i + " " + payload)
                    .add("bf_contenu", "<p>" + payload + "</p><p>Le mot " + HOSTILE_WORD + " et " + payload + "</p>")
                    .add("bf_chapeau", payload).add("bf_source", payload).add("bf_site_internet", "javascript:alert(1)")
                    .add("checkboxListeThemes", "1").add("id_fiche", "HostileWiki" + i).add("id_typeannonce", "1")
                    .add("date_creation_fiche", "2020-01-01 10:00:00").add("date_maj_fiche", "2020-01-01 10:00:00")
                    .add("statut_fiche", "1"));
            HOSTILE.addAndGet(5);
        }
        HttpResponse<String> yesWiki = send("POST", "api/v1/import", "application/json",
                wiki.build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, yesWiki.statusCode(), yesWiki.body());
        JsonObject wikiReport = json(yesWiki.body());
        assertEquals(payloads.size(), wikiReport.getInt("imported") + wikiReport.getInt("updated") + wikiReport.getInt("unchanged")
                + wikiReport.getInt("refused"), yesWiki.body());

        // Every published hostile sheet, whatever its way in, through the search.
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        java.util.concurrent.atomic.AtomicInteger snippets = new java.util.concurrent.atomic.AtomicInteger();
        int expected = stored.size() + wikiReport.getInt("imported") + wikiReport.getInt("updated");
        // Within the time the index takes to apply the publications.
        Api.within(java.time.Duration.ofSeconds(60)).until(() -> {
            found.clear();
            snippets.set(0);
            for (int page = 1; page <= 10; page++) {
                HttpResponse<String> results = get("api/v1/search?size=100&q=" + HOSTILE_WORD + "&page=" + page);
                assertEquals(200, results.statusCode(), results.body());
                var hits = json(results.body()).getJsonArray("hits");
                for (var hit : hits) {
                    found.add(hit.asJsonObject().getString("slug"));
                    if (hit.asJsonObject().containsKey("snippet") && !hit.asJsonObject().isNull("snippet")) {
                        assertNoLiveScript("snippet of " + hit.asJsonObject().getString("slug"), hit.asJsonObject().getString("snippet"));
                        snippets.incrementAndGet();
                    }
                }
                if (hits.size() < 100) {
                    break;
                }
            }
            return found.containsAll(stored) && found.size() >= expected;
        });
        assertEquals(java.util.List.of(), stored.stream().filter(slug -> !found.contains(slug)).toList(),
                "nothing lost: every stored sheet is found");
        assertEquals(expected, found.size(), "every hostile sheet published, and no other, is found");

        for (String slug : found) {
            HttpResponse<String> page = get("fiches/" + slug);
            assertEquals(200, page.statusCode(), slug);
            assertNoLiveScript("page " + slug, page.body());
            HttpResponse<String> api = get("api/v1/sheets/" + slug);
            assertEquals(200, api.statusCode(), slug);
            assertNoLiveScript("API html of " + slug, json(api.body()).getString("html"));
        }
        HttpResponse<String> target = get("fiches/" + BACKLINK_TARGET);
        assertNoLiveScript("backlinks", target.body());
        assertTrue(target.body().contains("Hostile " + HOSTILE_WORD), "the hostile sheets are listed as backlinks");
        assertTrue(json(get("api/v1/sheets/" + BACKLINK_TARGET).body()).getJsonArray("backlinks").size() >= stored.size() / 2);
        for (int page = 1; page <= 4; page++) {
            HttpResponse<String> results = get("recherche?q=" + HOSTILE_WORD + "&page=" + page);
            assertEquals(200, results.statusCode());
            assertNoLiveScript("search page " + page, results.body());
        }
        HttpResponse<String> feed = get("feeds/fiches.atom?q=" + HOSTILE_WORD);
        assertEquals(200, feed.statusCode());
        assertEquals(java.util.List.of(), fr.essaim.security.HostileInput.liveScriptsInFeed(feed.body()), "feed");
        assertNoLiveScript("home", get("").body());
        System.out.printf("Entrées hostiles : %d fiches trouvées et vérifiées (pages, API, %d extraits de recherche, liens entrants, flux), "
                + "%d entrées hostiles envoyées jusqu'ici%n", found.size(), snippets.get(), HOSTILE.get());
    }

    @Test
    void hostileQueryStringsAreNeverReflectedAsAScript() throws Exception {
        for (String payload : fr.essaim.security.HostileInput.payloads()) {
            String q = java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8);
            String segment = q.replace("+", "%20");
            for (String path : new String[] {"recherche?q=" + q, "recherche?theme=" + q + "&territory=" + q + "&sort=" + q + "&page=" + q,
                    "themes/" + segment, "territoires/" + segment, "fiches/" + segment, "connexion?retour=" + q}) {
                HttpResponse<String> answer = get(path);
                HOSTILE.incrementAndGet();
                assertTrue(answer.statusCode() < 500, path + " → " + answer.statusCode());
                assertNoLiveScript(path, answer.body());
            }
            HttpResponse<String> feed = get("feeds/fiches.atom?q=" + q);
            HOSTILE.incrementAndGet();
            assertTrue(feed.statusCode() < 500, "feed → " + feed.statusCode());
            assertEquals(java.util.List.of(), feed.statusCode() == 200 ? fr.essaim.security.HostileInput.liveScriptsInFeed(feed.body())
                    : fr.essaim.security.HostileInput.liveScripts(feed.body()), "feed for " + payload);
            for (String path : new String[] {"api/v1/search?q=" + q + "&theme=" + q, "api/v1/suggest?q=" + q,
                    "api/v1/territories?q=" + q}) {
                HttpResponse<String> answer = get(path);
                HOSTILE.incrementAndGet();
                assertTrue(answer.statusCode() < 500, path + " → " + answer.statusCode());
                if (answer.statusCode() >= 400) {
                    assertFrench(answer);
                }
                String type = answer.headers().firstValue("Content-Type").orElse("");
                assertFalse(type.startsWith("text/html"), path + " answers " + type);
            }
        }
        System.out.println("Entrées hostiles envoyées jusqu'ici : " + HOSTILE.get());
    }

    private static byte[] zipOf(java.util.Map<String, byte[]> entries) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void malformedHugeAndBombRequestsAreRefusedWithAFrenchMessageAndLoseNothing() throws Exception {
        String valid = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("essaim.content.dir", "content"),
                "fiches", SHEET + ".md"));
        String laughs = "---\nkind: notion\nsummary: x\nthemes: [1]\nsources: [{title: x, year: 2020}]\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ntitle: *f\n---\nTexte.\n";
        String notion = "---\nkind: notion\ntitle: Notion %s\nsummary: Accroche.\nthemes: [1]\nsources: [{title: Source, year: 2020}]\n---\n%s\n";
        java.util.Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("YAML bomb", laughs.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("5 000 nested quotes", notion.formatted("citations", ">".repeat(5_000) + " x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("3 000 nested lists", notion.formatted("listes", "- ".repeat(3_000) + "x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("3 000 nested numbered lists", notion.formatted("listes numérotées", "1. ".repeat(3_000) + "x")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("2 000 quotes of lists", notion.formatted("citations de listes", "> - ".repeat(2_000) + "x")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("300 indented lists", notion.formatted("listes indentées", java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> " ".repeat(i * 2) + "- x").collect(java.util.stream.Collectors.joining("\n")))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("20 000 brackets", notion.formatted("crochets", "[".repeat(20_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("nested HTML", notion.formatted("html", "<div>".repeat(20_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("bad UTF-8", new byte[] {'-', '-', '-', '\n', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'});
        bodies.put("no front matter", "juste du texte".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("unclosed front matter", "---\nkind: notion\ntitle: x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("2 000-character title", notion.formatted("t".repeat(2_000), "x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bodies.put("control characters", notion.formatted("\u0000\u0007", "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (var body : bodies.entrySet()) {
            HttpResponse<String> answer = send("POST", "api/v1/sheets", "text/markdown; charset=UTF-8", body.getValue());
            HOSTILE.incrementAndGet();
            if (body.getKey().equals("nested HTML") && answer.statusCode() == 201) {
                continue; // HTML is not nested Markdown: stored, sanitized
            }
            assertFrench(answer);
            assertEquals(400, answer.statusCode(), body.getKey() + ": " + answer.body());
        }

        long start = System.nanoTime();
        HttpResponse<String> unclosedLinks = send("POST", "api/v1/sheets", "text/markdown; charset=UTF-8",
                notion.formatted("liens", "[a](b ".repeat(80_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HOSTILE.incrementAndGet();
        assertTrue(unclosedLinks.statusCode() == 201 || unclosedLinks.statusCode() == 400, unclosedLinks.body());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the work on one sheet is bounded");

        java.util.Map<String, String[]> json = new java.util.LinkedHashMap<>();
        json.put("truncated JSON", new String[] {"application/json", "{\"markdown\": "});
        json.put("not an object", new String[] {"application/json", "[1, 2, 3]"});
        json.put("nested JSON", new String[] {"application/json", "[".repeat(50_000)});
        json.put("wrong field types", new String[] {"application/json", "{\"fields\": 3, \"body\": []}"});
        json.put("unknown media type", new String[] {"application/x-nimportequoi", "x"});
        for (var body : json.entrySet()) {
            HttpResponse<String> answer = send("POST", "api/v1/sheets", body.getValue()[0],
                    body.getValue()[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            HOSTILE.incrementAndGet();
            assertFrench(answer);
        }

        // Bodies beyond the 600 kB of a sheet and the 20 MiB of an archive, announced as 1 GiB: the
        // answer comes once the limit is read, without the rest.
        for (String[] limit : new String[][] {{"api/v1/sheets", "text/markdown", "700000"}, {"api/v1/import", "application/zip", String.valueOf((20 << 20) + 200_000)}}) {
            String answer = raw("POST /" + limit[0] + " HTTP/1.1", "Content-Type: " + limit[1] + "\r\nContent-Length: " + (1L << 30)
                    + "\r\nAuthorization: " + ADMIN, Integer.parseInt(limit[2]));
            HOSTILE.incrementAndGet();
            assertTrue(answer.startsWith("HTTP/1.1 413"), limit[0] + ": " + answer);
            assertTrue(answer.contains("trop volumineu") || answer.contains("Trop volumineu") || answer.contains("au plus"), answer);
        }
        String hugeHeader = raw("GET / HTTP/1.1", "X-Essai: " + "a".repeat(100_000), 0);
        HOSTILE.incrementAndGet();
        assertTrue(hugeHeader.matches("(?s)HTTP/1\\.1 4\\d\\d.*"), "huge header → " + hugeHeader.lines().findFirst().orElse(""));
        // On its own connection: a header block the server refuses would leave the client's HTTP/2
        // header compression out of step for every later request on a shared one.
        String hugeQuery = raw("GET /recherche?q=" + "a".repeat(60_000) + " HTTP/1.1", "Accept: text/html", 0);
        HOSTILE.incrementAndGet();
        assertTrue(hugeQuery.matches("(?s)HTTP/1\\.1 [234]\\d\\d.*"), "huge query → " + hugeQuery.lines().findFirst().orElse(""));

        // One archive: good sheets around a zip bomb, path escapes, a YAML bomb and bad UTF-8.
        java.io.ByteArrayOutputStream bombBytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bombBytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/avant-la-bombe.md"));
            zip.write(notion.formatted("avant la bombe", "Texte.").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/bombe.md"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 2048; i++) { // 2 GiB once inflated
                zip.write(zeros);
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("../../evasion.md"));
            zip.write(valid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("/etc/evasion-absolue.md"));
            zip.write(valid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/../../evasion-masquee.md"));
            zip.write(valid.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/bombe-yaml.md"));
            zip.write(laughs.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/utf8-invalide.md"));
            zip.write(new byte[] {'-', '-', '-', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/citations-imbriquees.md"));
            zip.write(notion.formatted("imbriquée", ">".repeat(5_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("fiches/apres-la-bombe.md"));
            zip.write(notion.formatted("après la bombe", "Texte.").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        HOSTILE.addAndGet(7);
        assertTrue(bombBytes.size() < 5 << 20, "a small archive: " + bombBytes.size());
        HttpResponse<String> bomb = send("POST", "api/v1/import", "application/zip", bombBytes.toByteArray());
        assertTrue(bomb.statusCode() == 200 || bomb.statusCode() == 400 || bomb.statusCode() == 413, bomb.statusCode() + ": " + bomb.body());
        if (bomb.statusCode() == 200) {
            JsonObject report = json(bomb.body());
            java.util.Map<String, String> outcomes = new java.util.HashMap<>();
            for (var file : report.getJsonArray("files")) {
                outcomes.put(file.asJsonObject().getString("path"), file.asJsonObject().getString("outcome"));
            }
            java.util.Set<String> in = java.util.Set.of("imported", "updated", "unchanged");
            assertTrue(in.contains(outcomes.get("fiches/avant-la-bombe.md")), bomb.body());
            assertTrue(in.contains(outcomes.get("fiches/apres-la-bombe.md")), "the bomb does not stop the others: " + bomb.body());
            for (String refused : new String[] {"fiches/bombe.md", "fiches/bombe-yaml.md", "fiches/utf8-invalide.md", "fiches/citations-imbriquees.md"}) {
                assertTrue(java.util.Set.of("refused", "ignored").contains(outcomes.get(refused)), refused + " in " + bomb.body());
            }
            assertTrue(bomb.body().contains("evasion"), "the report names the escaping entries: " + bomb.body());
            assertEquals(200, get("api/v1/sheets/apres-la-bombe").statusCode());
        } else {
            assertFrench(bomb);
        }
        assertEquals(404, get("api/v1/sheets/evasion").statusCode());
        System.out.println("Entrées hostiles envoyées jusqu'ici : " + HOSTILE.get());
    }

    /**
     * A request written on the socket: its line, its headers, then {@code bodyBytes} bytes of body
     * (whatever Content-Length said); the answer read until its JSON or HTML ends, or the server closes.
     */
    private String raw(String requestLine, String headers, int bodyBytes) throws Exception {
        URI uri = URI.create(base.toString());
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n" + headers
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 << 10];
            java.util.Arrays.fill(chunk, (byte) 'a');
            try {
                for (int written = 0; written < bodyBytes; written += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, bodyBytes - written));
                }
                out.flush();
            } catch (java.io.IOException stoppedReading) {
                // The server answered before the whole body: the answer is still there to read.
            }
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
                    int head = text.indexOf("\r\n\r\n");
                    if (head > 0 && (text.endsWith("}") || text.endsWith("</html>") || text.endsWith("\r\n\r\n") && text.contains("Content-Length: 0"))) {
                        break;
                    }
                }
            } catch (java.net.SocketException | java.net.SocketTimeoutException closed) {
                // What was read so far is the answer.
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
