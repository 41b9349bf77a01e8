package fr.essaim.web;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.basic;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import fr.essaim.support.Deployed;
import fr.essaim.support.Api;
import fr.essaim.support.Browsers;

/** Accounts, permissions, the editorial workflow and conflicting edits, over HTTP on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WorkflowIT {

    static final String PASSWORD = "mot-de-passe-long-1";

    @ArquillianResource
    private URL base;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    static final String CLAIRE = basic("claire", PASSWORD);
    static final String EMILE = basic("emile", PASSWORD);
    static final String CAMILLE = basic("camille", PASSWORD);

    /** The accounts of the tests: created once, the 409 of a second creation is expected. */
    @BeforeEach
    void accounts() throws Exception {
        api = Api.ready(base);
        for (String[] account : new String[][] {{"claire", "contributor"}, {"camille", "contributor"}, {"emile", "editor"}}) {
            HttpResponse<String> created = api.send("POST", "api/v1/accounts", ADMIN, "application/json",
                    "{\"name\":\"" + account[0] + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + account[1] + "\""
                            + (account[1].equals("editor") ? ",\"contributor\"" : "") + "]}");
            assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        }
    }

    static String sheet(String title, String body) {
        return "---\nkind: experience\ntitle: \"" + title + "\"\nsummary: Une expérience écrite par les tests.\n"
                + "territories: [departement:05]\nthemes: [3]\nporteur:\n  name: Communauté de communes du Guillestrois\n"
                + "  actorType: intercommunalité\nstatus: expérimentation\nsources:\n  - title: Notes de terrain\n    year: 2024\n---\n"
                + body + "\n";
    }

    /** Creates a draft as Claire and returns its slug. */
    String draft(String title, String body) throws Exception {
        HttpResponse<String> created = api.send("POST", "api/v1/sheets", CLAIRE, "text/markdown", sheet(title, body));
        assertEquals(201, created.statusCode(), created.body());
        return json(created).getString("slug");
    }

    String published(String title, String body) throws Exception {
        String slug = draft(title, body);
        assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/publish", EMILE, "application/json", "{}").statusCode());
        return slug;
    }

    long searchTotal(String query) throws Exception {
        HttpResponse<String> response = api.getAs("api/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&size=5", null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getInt("total");
    }

    // ----- permissions

    @Test
    void permissionMatrix() throws Exception {
        String draftOfClaire = draft("Matrice brouillon de Claire", "Texte.");
        String publishedSheet = published("Matrice fiche publiée", "Texte publié.");
        String etag = api.getAs("api/v1/sheets/" + publishedSheet, null).headers().firstValue("ETag").orElseThrow();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonyme", null);
        callers.put("contributeur", CLAIRE);
        callers.put("relecteur", EMILE);
        callers.put("admin", ADMIN);
        record Action(String label, String method, String path, String type, String body, String[] headers, int... expected) {
        }
        String[] none = {};
        List<Action> actions = List.of(
                new Action("POST /api/v1/sheets", "POST", "api/v1/sheets", "text/markdown", sheet("Matrice création", "x"), none,
                        401, 201, 201, 201),
                new Action("PUT /api/v1/sheets/{slug} (If-Match)", "PUT", "api/v1/sheets/" + publishedSheet, "text/markdown",
                        sheet("Matrice fiche publiée", "changement"), new String[] {"If-Match", etag}, 401, 200, 412, 412),
                new Action("POST …/submit (brouillon de la contributrice)", "POST", "api/v1/sheets/" + draftOfClaire + "/submit",
                        "application/json", "{}", none, 401, 200, 409, 409),
                new Action("POST …/reject", "POST", "api/v1/sheets/" + publishedSheet + "/reject", "application/json",
                        "{\"comment\":\"non\"}", none, 401, 403, 200, 409),
                new Action("POST …/publish", "POST", "api/v1/sheets/" + draftOfClaire + "/publish", "application/json", "{}",
                        none, 401, 403, 200, 409),
                new Action("POST …/unpublish", "POST", "api/v1/sheets/" + draftOfClaire + "/unpublish", "application/json", "{}",
                        none, 401, 403, 200, 409),
                new Action("POST /api/v1/tokens", "POST", "api/v1/tokens", "application/json", "{}", none, 401, 201, 201, 201),
                new Action("GET /api/v1/accounts", "GET", "api/v1/accounts", null, null, none, 401, 403, 403, 200),
                new Action("POST /api/v1/accounts", "POST", "api/v1/accounts", "application/json",
                        "{\"name\":\"matrice\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"contributor\"]}", none, 401, 403, 403, 201),
                new Action("PUT /api/v1/accounts/{name}", "PUT", "api/v1/accounts/camille", "application/json",
                        "{\"roles\":[\"contributor\"]}", none, 401, 403, 403, 200),
                new Action("POST /api/v1/import", "POST", "api/v1/import", "application/json", "[]", none, 401, 403, 403, 400),
                new Action("GET /api/v1/export", "GET", "api/v1/export", null, null, none, 401, 403, 403, 200),
                new Action("GET /fiches/nouvelle", "GET", "fiches/nouvelle", null, null, none, 302, 200, 200, 200),
                new Action("GET /fiches/{slug}/modifier", "GET", "fiches/" + publishedSheet + "/modifier", null, null, none,
                        302, 200, 200, 200),
                new Action("GET /relecture", "GET", "relecture", null, null, none, 302, 403, 200, 200),
                new Action("GET /admin", "GET", "admin", null, null, none, 302, 403, 403, 200),
                new Action("GET /mes-fiches", "GET", "mes-fiches", null, null, none, 302, 200, 200, 200),
                new Action("GET /fiches/{slug}/historique", "GET", "fiches/" + publishedSheet + "/historique", null, null, none,
                        200, 200, 200, 200));
        StringBuilder table = new StringBuilder("| action | anonyme | contributeur | relecteur | admin |\n|---|---|---|---|---|\n");
        List<String> failures = new ArrayList<>();
        for (Action action : actions) {
            table.append("| ").append(action.label());
            int i = 0;
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                HttpResponse<String> response = api.send(action.method(), action.path(), caller.getValue(), action.type(),
                        action.body(), action.headers());
                int expected = action.expected()[i++];
                table.append(" | ").append(response.statusCode());
                if (response.statusCode() != expected) {
                    failures.add(action.label() + " par " + caller.getKey() + " : " + response.statusCode() + " au lieu de "
                            + expected + " — " + response.body().substring(0, Math.min(300, response.body().length())));
                }
                if (response.statusCode() == 401 && action.path().startsWith("api/")) {
                    assertTrue(response.body().startsWith("{"), "JSON for the API: " + response.body());
                }
                if (response.statusCode() == 403 && !action.path().startsWith("api/")) {
                    assertTrue(response.body().contains("Accès refusé"), "a French page: " + response.body());
                }
                if (response.statusCode() == 302) {
                    assertTrue(response.headers().firstValue("Location").orElseThrow().contains("/connexion?retour="));
                }
            }
            table.append(" |\n");
        }
        System.out.println("Matrice des permissions :\n" + table);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aContributorCanNeverPublishEvenTheirOwnSheet() throws Exception {
        String slug = draft("Jamais publiée par Claire", "Texte.");
        assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/submit", CLAIRE, "application/json", "{}").statusCode());
        HttpResponse<String> refused = api.send("POST", "api/v1/sheets/" + slug + "/publish", CLAIRE, "application/json", "{}");
        assertEquals(403, refused.statusCode());
        assertTrue(json(refused).getString("error").contains("rôle"), refused.body());
        assertEquals(404, api.getAs("api/v1/sheets/" + slug, null).statusCode());
    }

    @Test
    void aWriteWithoutDeclaredRolesAndACrossSiteWriteAreRefused() throws Exception {
        HttpResponse<String> crossSite = api.send("POST", "api/v1/sheets", CLAIRE, "text/markdown", sheet("Intrusion", "x"),
                "Origin", "https://malveillant.example");
        assertEquals(403, crossSite.statusCode());
        assertTrue(json(crossSite).getString("error").contains("autre site"));
    }

    @Test
    void tokensAreShownOnceListedAndRevocable() throws Exception {
        HttpResponse<String> created = api.send("POST", "api/v1/tokens", CAMILLE, "application/json", "{\"label\":\"script\"}");
        assertEquals(201, created.statusCode(), created.body());
        String token = json(created).getString("token");
        long id = json(created).getJsonNumber("id").longValue();
        String bearer = "Bearer " + token;

        HttpResponse<String> written = api.send("POST", "api/v1/sheets", bearer, "application/json",
                "{\"fields\":{\"kind\":\"notion\",\"title\":\"Notion écrite avec un jeton\",\"summary\":\"Résumé.\","
                        + "\"themes\":[1],\"sources\":[{\"title\":\"Note\"}]},\"body\":\"Le **texte**.\",\"comment\":\"par script\"}");
        assertEquals(201, written.statusCode(), written.body());
        assertEquals("draft", json(written).getString("state"));

        HttpResponse<String> list = api.getAs("api/v1/tokens", CAMILLE);
        assertTrue(list.body().contains("\"label\":\"script\""), list.body());
        assertFalse(list.body().contains(token), "the value is never shown again");
        assertEquals(403, api.send("POST", "api/v1/tokens", bearer, "application/json", "{}").statusCode(),
                "a token does not make tokens");
        assertEquals(404, api.send("DELETE", "api/v1/tokens/" + id, CLAIRE, null, (String) null).statusCode(), "not Claire's token");
        assertEquals(204, api.send("DELETE", "api/v1/tokens/" + id, CAMILLE, null, (String) null).statusCode());
        assertEquals(401, api.send("POST", "api/v1/sheets", bearer, "text/markdown", sheet("Après révocation", "x")).statusCode());
    }

    @Test
    void aDisabledAccountCannotWriteAnyMore() throws Exception {
        assertEquals(201, api.send("POST", "api/v1/accounts", ADMIN, "application/json",
                "{\"name\":\"partant\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"contributor\"]}").statusCode());
        assertEquals(200, api.send("PUT", "api/v1/accounts/partant", ADMIN, "application/json", "{\"disabled\":true}").statusCode());
        assertEquals(401, api.send("POST", "api/v1/sheets", basic("partant", PASSWORD), "text/markdown", sheet("Partant", "x"))
                .statusCode());
        HttpResponse<String> weak = api.send("POST", "api/v1/accounts", ADMIN, "application/json",
                "{\"name\":\"faible\",\"password\":\"court\",\"roles\":[\"contributor\"]}");
        assertEquals(400, weak.statusCode());
        assertTrue(json(weak).getString("error").contains("trop court"));
    }

    // ----- visibility

    @Test
    void draftsPendingAndRejectedRevisionsAreSeenOnlyByTheirAuthorAndEditors() throws Exception {
        String word = "zygomorphe";
        String linked = published("Fiche citée par un brouillon", "Texte de la fiche citée.");
        String slug = draft("Brouillon " + word, "Le mot " + word + " et un lien vers [[" + linked + "]].");
        for (String step : List.of("draft", "submit", "reject")) {
            if (step.equals("submit")) {
                assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/submit", CLAIRE, "application/json", "{}").statusCode());
            }
            if (step.equals("reject")) {
                assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/reject", EMILE, "application/json",
                        "{\"comment\":\"Sources à préciser.\"}").statusCode());
            }
            assertEquals(404, api.getAs("api/v1/sheets/" + slug, null).statusCode(), step);
            assertEquals(404, api.getAs("fiches/" + slug, null).statusCode(), step);
            assertEquals(404, api.getAs("fiches/" + slug + "/historique", null).statusCode(), step);
            assertEquals(404, api.getAs("api/v1/sheets/" + slug + "/revisions", null).statusCode(), step);
            assertEquals(404, api.getAs("api/v1/sheets/" + slug + "/revisions/1", CAMILLE).statusCode(), step + ": another contributor");
            assertEquals(200, api.getAs("api/v1/sheets/" + slug + "/revisions/1", CLAIRE).statusCode(), step + ": its author");
            assertEquals(200, api.getAs("api/v1/sheets/" + slug + "/revisions/1", EMILE).statusCode(), step + ": an editor");
            assertEquals(0, searchTotal(word), step);
            assertFalse(api.getAs("api/v1/suggest?q=" + word.substring(0, 5), null).body().contains(slug), step);
            assertFalse(api.getAs("api/v1/sheets/" + linked, null).body().contains(slug), step + ": backlinks");
        }
        String history = api.getAs("api/v1/sheets/" + slug + "/revisions", CLAIRE).body();
        assertTrue(history.contains("\"to\":\"rejected\"") && history.contains("Sources à préciser."), history);
    }

    @Test
    void aPublishedSheetKeepsShowingWhileAChangeIsPendingAndPublishingIsSearchableWithinASecond() throws Exception {
        String slug = draft("Tiers-lieu de Vallouise", "Première version publiée avec le mot quadrilobe.");
        assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/publish", EMILE, "application/json",
                "{\"comment\":\"Relu.\"}").statusCode());
        long start = System.nanoTime();
        Api.within(Duration.ofSeconds(5)).until(() -> searchTotal("quadrilobe") > 0);
        long found = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Publication (réponse de l'API) → recherche : " + found + " ms");
        assertTrue(found < 1000, found + " ms");

        String etag = api.getAs("api/v1/sheets/" + slug, null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> change = api.send("PUT", "api/v1/sheets/" + slug + "?comment=ajout", CLAIRE, "text/markdown",
                sheet("Tiers-lieu de Vallouise", "Version en attente avec le mot pentagramme."), "If-Match", etag);
        assertEquals(200, change.statusCode(), change.body());
        assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/submit", CLAIRE, "application/json", "{}").statusCode());
        JsonObject shown = json(api.getAs("api/v1/sheets/" + slug, null));
        assertTrue(shown.getString("markdown").contains("quadrilobe"), "the published revision still shows");
        assertTrue(api.getAs("fiches/" + slug, null).body().contains("quadrilobe"));
        assertEquals(0, searchTotal("pentagramme"));

        HttpResponse<String> queue = api.getAs("relecture", EMILE);
        assertTrue(queue.body().contains(slug), "in the review queue");
        assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/publish", EMILE, "application/json", "{}").statusCode());
        assertTrue(json(api.getAs("api/v1/sheets/" + slug, null)).getString("markdown").contains("pentagramme"));

        assertEquals(200, api.send("POST", "api/v1/sheets/" + slug + "/unpublish", EMILE, "application/json",
                "{\"comment\":\"retrait\"}").statusCode());
        assertEquals(404, api.getAs("api/v1/sheets/" + slug, null).statusCode());
        String history = api.getAs("api/v1/sheets/" + slug + "/revisions", EMILE).body();
        for (String to : List.of("\"to\":\"draft\"", "\"to\":\"submitted\"", "\"to\":\"published\"", "\"to\":\"withdrawn\"")) {
            assertTrue(history.contains(to), to + " in " + history);
        }
        assertTrue(history.contains("\"actor\":\"emile\"") && history.contains("\"comment\":\"Relu.\""), history);
    }

    // ----- conflicts

    @Test
    void twoEditsFromTheSameBaseNeverLoseText() throws Exception {
        String slug = published("Garage solidaire de l'Argentière", "Ligne un.\n\nLigne deux.");
        String etag = api.getAs("api/v1/sheets/" + slug, null).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> first = api.send("PUT", "api/v1/sheets/" + slug, CLAIRE, "text/markdown",
                sheet("Garage solidaire de l'Argentière", "Ligne un de Claire.\n\nLigne deux."), "If-Match", etag);
        HttpResponse<String> second = api.send("PUT", "api/v1/sheets/" + slug, CAMILLE, "text/markdown",
                sheet("Garage solidaire de l'Argentière", "Ligne un.\n\nLigne deux de Camille."), "If-Match", etag);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(412, second.statusCode(), second.body());
        JsonObject conflict = json(second);
        assertEquals(json(first).getInt("revision"), conflict.getInt("currentRevision"));
        assertTrue(conflict.getString("markdown").contains("Ligne un de Claire."), "the winning text to merge into");
        assertNotEquals(etag, conflict.getString("etag"));

        HttpResponse<String> withoutBase = api.send("PUT", "api/v1/sheets/" + slug, CAMILLE, "text/markdown",
                sheet("Garage solidaire de l'Argentière", "x"));
        assertEquals(428, withoutBase.statusCode());
    }

    @Test
    void anAliasAlreadyTakenIsRefusedWithItsRealReason() throws Exception {
        String owner = published("Maison des services de Briançon", "Texte.");
        String source = sheet("Autre fiche au même alias", "Texte.").replace("themes: [3]", "themes: [3]\naliases: [" + owner + "]");
        HttpResponse<String> refused = api.send("POST", "api/v1/sheets", CLAIRE, "text/markdown", source);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("désigne déjà la fiche") && refused.body().contains(owner), refused.body());
    }

    // ----- writing pages without inline scripts

    @Test
    void theWritingPagesRunWithoutInlineScriptsAndThePreviewComesFromTheApi() throws Exception {
        String slug = published("Fiche pour la politique de sécurité", "Texte.");
        for (String path : List.of("fiches/nouvelle", "fiches/" + slug + "/modifier", "relecture", "admin", "mes-fiches")) {
            HttpResponse<String> page = api.getAs(path, path.equals("relecture") ? EMILE : path.equals("admin") ? ADMIN : CLAIRE);
            assertEquals(200, page.statusCode(), path);
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("aucune");
            assertTrue(policy.contains("script-src 'self';") && !policy.contains("unsafe-inline"), path + " : " + policy);
            org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page.body());
            assertTrue(html.select("script:not([src]):not([type=application/ld+json])").isEmpty(), path + " : inline script");
            assertTrue(html.select("[onclick],[onchange],[onkeyup],[onsubmit],[oninput],[onblur],[onfocus]").isEmpty(),
                    path + " : inline handler");
        }

        assertEquals(401, api.send("POST", "api/v1/sheets/preview", null, "text/markdown", "**gras**").statusCode());
        HttpResponse<String> preview = api.send("POST", "api/v1/sheets/preview", CLAIRE, "text/markdown",
                "Un texte **gras** qui cite [[" + slug + "]] et [[Fiche encore absente]].");
        assertEquals(200, preview.statusCode(), preview.body());
        String html = json(preview).getString("html");
        assertTrue(html.contains("<strong>gras</strong>"), html);
        assertTrue(html.contains("href=\"/fiches/" + slug + "\""), html);
    }

    // ----- wiki links

    @Test
    void aWikiLinkWrittenBeforeItsTargetWorksOnceTheTargetExists() throws Exception {
        String citing = published("Fiche qui cite une fiche future", "Voir [[Épicerie itinérante du Queyras]].");
        JsonObject before = json(api.getAs("api/v1/sheets/" + citing, null));
        assertEquals(false, before.getJsonArray("links").getJsonObject(0).getBoolean("exists"));
        assertTrue(api.getAs("fiches/" + citing, null).body().contains("fiches/nouvelle?titre="), "a red link to the new-sheet form");
        assertEquals(wikiLink(api.getAs("fiches/" + citing, null).body()), wikiLink(before.getString("html")),
                "the API serves the links the page shows");

        String target = published("Épicerie itinérante du Queyras", "Elle existe maintenant.");

        JsonObject after = json(api.getAs("api/v1/sheets/" + citing, null));
        assertEquals(target, after.getJsonArray("links").getJsonObject(0).getString("slug"));
        assertEquals(true, after.getJsonArray("links").getJsonObject(0).getBoolean("exists"));
        assertTrue(api.getAs("api/v1/sheets/" + target, null).body().contains(citing), "backlink");
        assertFalse(api.getAs("fiches/" + citing, null).body().contains("fiches/nouvelle?titre="));
        assertEquals("/fiches/" + target, wikiLink(after.getString("html")));
        assertEquals(wikiLink(api.getAs("fiches/" + citing, null).body()), wikiLink(after.getString("html")));
    }

    /** Where the one wiki link of a sheet's text leads. */
    private static String wikiLink(String html) {
        return org.jsoup.Jsoup.parse(html).selectFirst("a.wikilink").attr("href");
    }

    // ----- throttling

    @Test
    void repeatedWrongPasswordsGet429AndTheRightOneWorksAfterTheDelay() throws Exception {
        assertEquals(201, api.send("POST", "api/v1/accounts", ADMIN, "application/json",
                "{\"name\":\"thomas\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"contributor\"]}").statusCode());
        HttpResponse<String> response = null;
        int attempts = 0;
        while (attempts < 10) {
            attempts++;
            response = api.send("POST", "api/v1/tokens", basic("thomas", "mauvais-" + attempts), "application/json", "{}");
            if (response.statusCode() == 429) {
                break;
            }
            assertEquals(401, response.statusCode());
        }
        assertEquals(429, response.statusCode(), "locked after " + attempts + " failures");
        assertTrue(attempts <= 5, attempts + " attempts");
        HttpResponse<String> rightButLocked = api.send("POST", "api/v1/tokens", basic("thomas", PASSWORD), "application/json", "{}");
        assertEquals(429, rightButLocked.statusCode(), "not even checked while locked");
        long retryAfter = Long.parseLong(rightButLocked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        // The lock ends when Retry-After said: the right password works again, without anyone unlocking it.
        Api.within(Duration.ofSeconds(retryAfter + 2)).until(() -> api.send("POST", "api/v1/tokens", basic("thomas", PASSWORD),
                "application/json", "{}").statusCode() == 201);
    }

    // ----- the login form

    @Test
    void theLoginFormSetsASafeSignInCookieThatAPlantedOneCannotReplace() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        cookies.getCookieStore().add(api.uri(""), new java.net.HttpCookie("essaim_connexion", "plante-par-un-autre"));
        HttpResponse<String> planted = browser.send(HttpRequest.newBuilder(api.uri("relecture")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, planted.statusCode(), "a cookie the database does not know signs nobody in");
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(api.uri("connexion?retour=/relecture")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode());
        HttpResponse<String> wrong = postForm(browser, form.body(), "emile", "pas-le-bon");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Identifiant ou mot de passe incorrect"), wrong.body());

        HttpResponse<String> right = postForm(browser, wrong.body(), "emile", PASSWORD);
        assertEquals(302, right.statusCode(), right.body());
        assertTrue(right.headers().firstValue("Location").orElseThrow().endsWith("/relecture"));
        String signIn = right.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("essaim_connexion="))
                .findFirst().orElseThrow();
        assertTrue(signIn.contains("HttpOnly") && signIn.contains("SameSite=Lax") && !signIn.contains("plante-par-un-autre"), signIn);
        HttpResponse<String> queue = browser.send(HttpRequest.newBuilder(api.uri("relecture")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, queue.statusCode());
        assertTrue(queue.body().contains("Relecture"));
    }

    // ----- in a browser

    static WebDriver chromium() {
        return Browsers.chromium(1280, 2000);
    }

    @Test
    void theEditorPageShowsAStaleSaveAsAConflictKeepsTheTextAndOffersTheMergeWhenChangesDoNotOverlap() throws Exception {
        String body = "Ligne un.\n\nLigne deux.\n\nLigne trois.\n\nLigne quatre.";
        String apart = published("Atelier vélo de Guillestre", body);
        String together = published("Atelier vélo de Vars", body);
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            logIn(browser, "claire");

            // Claire opens the editor; Camille saves a change on another line before Claire saves hers.
            browser.get(api.uri("fiches/" + apart + "/modifier").toString());
            changeThroughTheApi(apart, "Ligne quatre.", "Ligne quatre, corrigée par Camille.");
            String mine = "Ligne un.\n\nLigne deux, réécrite par Claire.\n\nLigne trois.\n\nLigne quatre.";
            replaceText(browser, mine, "réécrite par Claire");
            browser.findElement(By.id("brouillon")).click();

            WebElement conflict = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conflit")));
            assertTrue(conflict.getText().contains("Modification concurrente"), conflict.getText());
            assertTrue(conflict.findElement(By.cssSelector(".diff")).getText().contains("corrigée par Camille"),
                    "the other person's change is shown: " + conflict.getText());
            assertEquals(mine, browser.findElement(By.id("texte")).getAttribute("value").replace("\r\n", "\n"),
                    "the user's own text is intact in the form");
            String merged = browser.findElement(By.id("texte-fusionne")).getText();
            assertTrue(merged.contains("Ligne deux, réécrite par Claire.") && merged.contains("Ligne quatre, corrigée par Camille."),
                    merged);
            assertEquals(2, revisionCount(apart), "nothing saved over Camille's revision");
            browser.findElement(By.id("enregistrer-fusion")).click();
            wait.until(ExpectedConditions.urlContains("/historique"));
            String saved = json(api.getAs("api/v1/sheets/" + apart + "/revisions/3", CLAIRE)).getString("markdown");
            assertTrue(saved.contains("Ligne deux, réécrite par Claire.") && saved.contains("Ligne quatre, corrigée par Camille."),
                    saved);

            // The same line changed by both: no merged text, Claire's text still there to rework.
            browser.get(api.uri("fiches/" + together + "/modifier").toString());
            changeThroughTheApi(together, "Ligne deux.", "Ligne deux selon Camille.");
            String clashing = "Ligne un.\n\nLigne deux selon Claire.\n\nLigne trois.\n\nLigne quatre.";
            replaceText(browser, clashing, "selon Claire");
            browser.findElement(By.id("brouillon")).click();
            conflict = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("conflit")));
            assertTrue(conflict.getText().contains("touchent les mêmes lignes"), conflict.getText());
            assertTrue(browser.findElements(By.id("texte-fusionne")).isEmpty(), "no merged text when changes overlap");
            assertEquals(clashing, browser.findElement(By.id("texte")).getAttribute("value").replace("\r\n", "\n"));
            assertEquals(2, revisionCount(together));
        } finally {
            browser.quit();
        }
    }

    /** Camille edits the published text of a sheet through the API, from its ETag. */
    private void changeThroughTheApi(String slug, String line, String replacement) throws Exception {
        HttpResponse<String> shown = api.getAs("api/v1/sheets/" + slug, null);
        String markdown = json(shown).getString("markdown");
        assertTrue(markdown.contains(line), markdown);
        HttpResponse<String> saved = api.send("PUT", "api/v1/sheets/" + slug, CAMILLE, "text/markdown",
                markdown.replace(line, replacement), "If-Match", shown.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, saved.statusCode(), saved.body());
    }

    private int revisionCount(String slug) throws Exception {
        HttpResponse<String> revisions = api.getAs("api/v1/sheets/" + slug + "/revisions", EMILE);
        assertEquals(200, revisions.statusCode(), revisions.body());
        return json(revisions).getJsonArray("revisions").size();
    }

    /** Types a new text and waits for the preview to show its change, as a person would before saving. */
    private static void replaceText(WebDriver browser, String text, String change) {
        WebElement area = browser.findElement(By.id("texte"));
        area.clear();
        area.sendKeys(text);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("apercu"), change));
    }

    @Test
    void aContributorWritesWithPreviewAndAutocompleteAndAnEditorPublishesAfterReadingTheDiff() throws Exception {
        WebDriver browser = chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            logIn(browser, "claire");
            browser.get(api.uri("fiches/nouvelle").toString());
            browser.findElement(By.cssSelector("input.champ-title")).sendKeys("Navette numérique du Guillestrois");
            // Another kind brings its own fields and keeps what was typed; then back to an experience.
            new Select(browser.findElement(By.id("type"))).selectByValue("notion");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input.champ-porteur-nom")));
            assertEquals("Navette numérique du Guillestrois",
                    browser.findElement(By.cssSelector("input.champ-title")).getAttribute("value"));
            new Select(browser.findElement(By.id("type"))).selectByValue("experience");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input.champ-porteur-nom")));
            browser.findElement(By.cssSelector(".champ-summary")).sendKeys("Un minibus équipé relie les hameaux aux services.");
            browser.findElement(By.cssSelector(".cases-themes input[type=checkbox][value='3']")).click();
            WebElement territory = browser.findElement(By.cssSelector("input.territoires-recherche"));
            territory.sendKeys("Guillestre");
            WebElement suggestion = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector(".territoires-suggestions li[data-cle='commune:05065']")));
            suggestion.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".territoires-choisis"), "Guillestre"));
            browser.findElement(By.cssSelector("input.champ-porteur-nom")).sendKeys("Communauté de communes du Guillestrois");
            browser.findElement(By.cssSelector("input.champ-porteur-type")).sendKeys("intercommunalité");
            new Select(browser.findElement(By.cssSelector("select.champ-status"))).selectByValue("expérimentation");
            browser.findElement(By.cssSelector("input.source-titre")).sendKeys("Compte rendu du conseil communautaire");
            browser.findElement(By.id("texte")).sendKeys("## Contexte\n\nUne navette **hexagonale** relie les hameaux.");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#apercu strong")));
            assertEquals("hexagonale", browser.findElement(By.cssSelector("#apercu strong")).getText(), "live preview");
            assertEquals("Contexte", browser.findElement(By.cssSelector("#apercu h2")).getText());
            browser.findElement(By.id("commentaire")).sendKeys("Première proposition");
            browser.findElement(By.id("soumettre")).click();
            wait.until(ExpectedConditions.urlContains("/historique"));
            assertTrue(browser.getPageSource().contains("soumis à relecture"), browser.getPageSource());
            String slug = browser.getCurrentUrl().replaceAll(".*/fiches/([^/]+)/historique.*", "$1");
            assertEquals(0, searchTotal("hexagonale"), "not public before review");

            browser.manage().deleteAllCookies();
            logIn(browser, "emile");
            browser.get(api.uri("relecture").toString());
            browser.findElement(By.cssSelector("a.proposition[href$='fiche=" + slug + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".diff ins")));
            assertTrue(browser.findElement(By.cssSelector(".diff")).getText().contains("hexagonale"), "the diff shows the text");
            browser.findElement(By.id("commentaire-relecture")).sendKeys("Relu, merci.");
            browser.findElement(By.id("publier")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info"), "est publiée"));
            long start = System.nanoTime();
            Api.within(Duration.ofSeconds(5)).until(() -> searchTotal("hexagonale") > 0);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("Publication (navigateur) → recherche : " + millis + " ms");
            assertTrue(millis < 1000, millis + " ms");
            browser.get(api.uri("fiches/" + slug).toString());
            assertTrue(browser.getPageSource().contains("hexagonale"));
        } finally {
            browser.quit();
        }
    }

    private void logIn(WebDriver browser, String name) {
        browser.get(api.uri("connexion").toString());
        browser.findElement(By.id("nom")).sendKeys(name);
        browser.findElement(By.id("motdepasse")).sendKeys(PASSWORD);
        browser.findElement(By.id("seconnecter")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("connexion")));
    }

    static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private HttpResponse<String> postForm(HttpClient browser, String page, String name, String password) throws Exception {
        Matcher state = VIEW_STATE.matcher(page);
        assertTrue(state.find(), page);
        String body = "connexion=connexion&nom=" + name + "&motdepasse=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&retour=%2Frelecture&seconnecter=Se+connecter&jakarta.faces.ViewState="
                + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(api.uri("connexion.xhtml")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
