package fr.essaim.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import fr.essaim.support.Browsers;
import fr.essaim.support.Deployed;
import fr.essaim.support.Ready;

/**
 * Following a search or a sheet by e-mail on a real Payara Micro, which sends to a real SMTP server
 * (GreenMail, on the port the build gives the application as ESSAIM_SMTP_PORT) with digests every
 * three seconds (ESSAIM_ALERTS_EVERY=PT3S): double opt-in, digests with the search's own results,
 * one-click unsubscribe, bad input, a flood, the administrator's export and erasure, and the pages
 * in Chromium under axe-core.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT {

    private static final int SMTP_PORT = Integer.getInteger("essaim.test.smtp.port", 3925);
    private static final String ADMIN = basic("admin", "mot-de-passe-des-tests");
    private static final String EDITOR = basic("redaction-alertes", "mot-de-passe-long-1");
    /** Longer than two digest periods: what has not come by then is not coming. */
    private static final long QUIET_MILLIS = 8_000;
    private static final Pattern CONFIRM = Pattern.compile("(https?://\\S+/abonnements/confirmer\\?jeton=[\\w-]+)");

    private static GreenMail smtp;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void editor() throws Exception {
        Ready.await(base);
        HttpResponse<String> created = send("POST", "api/v1/accounts", ADMIN, "application/json",
                "{\"name\":\"redaction-alertes\",\"password\":\"mot-de-passe-long-1\",\"roles\":[\"editor\",\"contributor\"]}");
        assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
    }

    @Test
    @Order(1)
    void aConfirmedSearchGetsExactlyItsNewSheetsThenStopsInOneClick() throws Exception {
        String email = "agente.petite-enfance@mairie-embrun.fr";
        HttpResponse<String> asked = send("POST", "api/v1/subscriptions", null, "application/json",
                "{\"email\":\"" + email + "\",\"search\":\"theme=6&territory=departement:05\"}");
        assertEquals(202, asked.statusCode(), asked.body());

        MimeMessage confirmation = awaitMails(email, 1).get(0);
        assertTrue(confirmation.getSubject().contains("confirmez"), confirmation.getSubject());
        assertTrue(Mails.html(confirmation).contains("<html lang=\"fr\">"));
        assertOneClickHeaders(confirmation);
        String link = confirmLink(confirmation);
        assertTrue(link.startsWith(mailBase() + "abonnements/confirmer?jeton="), link);

        // Before the link is followed, a matching publication sends nothing.
        String before = publish("Relais petite enfance du Haut-Embrunais", 6, "departement:05");
        Thread.sleep(QUIET_MILLIS);
        assertEquals(1, mailsTo(email).size(), "nothing but the confirmation before it is confirmed");

        HttpResponse<String> page = get(link);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Confirmer mon abonnement"), "reading the link changes nothing, a button confirms");
        HttpResponse<String> confirmed = send("POST", "abonnements/confirmer", null, "application/x-www-form-urlencoded",
                "jeton=" + token(link));
        assertEquals(303, confirmed.statusCode());
        String manage = confirmed.headers().firstValue("Location").orElseThrow();
        assertTrue(get(manage).body().contains("Abonnement confirmé"));

        String matching = publish("Crèche itinérante du Guillestrois", 6, "departement:05");
        String otherTheme = publish("Maison de santé du Queyras", 3, "departement:05");
        String elsewhere = publish("Crèche parentale de Nancy", 6, "departement:54");

        List<MimeMessage> digests = awaitMails(email, 2).subList(1, 2);
        Thread.sleep(QUIET_MILLIS);
        assertEquals(2, mailsTo(email).size(), "one digest: the publications that the search does not find send nothing");
        MimeMessage digest = digests.get(0);
        String text = Mails.text(digest);
        String html = Mails.html(digest);
        assertOneClickHeaders(digest);

        // The digest lists what /recherche finds with the same parameters among the sheets published since confirmation.
        Set<String> searchFinds = searchSlugs("theme=6&territory=departement:05");
        Set<String> listed = new java.util.TreeSet<>();
        Matcher sheetLinks = Pattern.compile(Pattern.quote(mailBase()) + "fiches/([\\w-]+)").matcher(text);
        while (sheetLinks.find()) {
            listed.add(sheetLinks.group(1));
        }
        Set<String> publishedSince = Set.of(matching, otherTheme, elsewhere);
        assertEquals(publishedSince.stream().filter(searchFinds::contains).collect(Collectors.toCollection(java.util.TreeSet::new)),
                listed);
        assertEquals(Set.of(matching), listed);
        assertTrue(searchFinds.contains(before), "the search finds the earlier sheet, the digest rightly leaves it out");
        assertTrue(html.contains("href=\"" + mailBase() + "fiches/" + matching + "\""), html);
        assertTrue(text.contains("Gérer ou arrêter ce suivi : " + mailBase() + "abonnements/gerer?jeton="), text);
        HttpResponse<String> sheetPage = get(mailBase() + "fiches/" + matching);
        assertEquals(200, sheetPage.statusCode());
        assertTrue(sheetPage.body().contains("Crèche itinérante du Guillestrois"));
        System.out.println("Résumé : " + listed.size() + " fiche listée (" + matching + ") sur " + publishedSince.size()
                + " publiées depuis la confirmation ; la recherche en trouve " + searchFinds.size() + " en tout");

        // One click (RFC 8058) on the List-Unsubscribe address: no later mail, the pages no longer know the address.
        String unsubscribe = digest.getHeader("List-Unsubscribe", null).replaceAll("^<|>$", "");
        HttpResponse<String> oneClick = send("POST", unsubscribe, null, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");
        assertEquals(200, oneClick.statusCode());
        assertEquals(404, get(manage).statusCode());
        publish("Halte-garderie de Briançon", 6, "departement:05");
        Thread.sleep(QUIET_MILLIS);
        assertEquals(2, mailsTo(email).size(), "no mail after the one-click unsubscribe");
        assertEquals(404, send("GET", "api/v1/admin/subscribers?email=" + encode(email), ADMIN, null, null).statusCode(),
                "the address is erased");
    }

    @Test
    @Order(2)
    void badInputIsRefusedInFrenchAndNothingIsStored() throws Exception {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"email\":\"pas-une-adresse\",\"search\":\"theme=6\"}", "Adresse électronique invalide");
        refused.put("{\"email\":\"refus@mairie.fr\",\"search\":\"theme=6&couleur=bleu\"}", "Paramètre de recherche inconnu");
        refused.put("{\"email\":\"refus@mairie.fr\",\"search\":\"theme=99\"}", "Thème inconnu");
        refused.put("{\"email\":\"refus@mairie.fr\",\"search\":\"territory=departement:999\"}", "Territoire inconnu");
        refused.put("{\"email\":\"refus@mairie.fr\",\"sheet\":\"fiche-qui-n-existe-pas\"}", "Fiche inconnue");
        refused.put("{\"email\":\"refus@mairie.fr\"}", "soit une recherche");
        refused.put("{\"email\":\"refus@mairie.fr\",\"search\":\"theme=6\",\"sheet\":\"x\"}", "soit une recherche");
        refused.put("{\"email\":\"refus@mairie.fr\",\"search\":\"theme=6\",\"nom\":\"Claire\"}", "Champ inconnu");
        refused.put("{\"email\":5,\"search\":\"theme=6\"}", "chaîne de caractères");
        refused.put("ceci n'est pas du JSON", "Corps JSON attendu");
        refused.put("[]", "Corps JSON attendu");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            HttpResponse<String> answer = send("POST", "api/v1/subscriptions", null, "application/json", body.getKey());
            assertEquals(400, answer.statusCode(), body.getKey() + " → " + answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            String detail = Json.createReader(new StringReader(answer.body())).readObject().getString("detail");
            assertTrue(detail.contains(body.getValue()), detail);
        }
        HttpResponse<String> form = send("POST", "abonnements", null, "application/x-www-form-urlencoded",
                "email=pas-une-adresse&search=" + encode("theme=6"));
        assertEquals(400, form.statusCode());
        assertTrue(form.body().contains("Adresse électronique invalide"), "a French page with the form to try again");
        assertTrue(form.body().contains("value=\"pas-une-adresse\""));
        assertEquals(404, send("GET", "api/v1/admin/subscribers?email=refus%40mairie.fr", ADMIN, null, null).statusCode(),
                "nothing stored");
        assertEquals(404, get("abonnements/gerer?jeton=1-faux").statusCode());
        assertEquals(404, send("POST", "abonnements/confirmer", null, "application/x-www-form-urlencoded", "jeton=12-faux")
                .statusCode());
        assertEquals(0, mailsTo("refus@mairie.fr").size());
    }

    @Test
    @Order(3)
    void theFollowFormAndTheManagePagesWorkWithoutScriptAndPassAxe() throws Exception {
        String email = "elu.enfance@mairie-guillestre.fr";
        WebDriver browser = browser();
        StringBuilder violations = new StringBuilder();
        try {
            browser.get(base + "recherche?theme=6&territory=departement%3A05");
            violations.append(axe(browser, "recherche-suivre"));
            browser.findElement(By.id("suivre-courriel")).sendKeys(email);
            browser.findElement(By.cssSelector(".follow-form button[type=submit]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.titleContains("Vérifiez votre messagerie"));
            violations.append(axe(browser, "demande-envoyee"));

            String link = confirmLink(awaitMails(email, 1).get(0));
            browser.get(link);
            violations.append(axe(browser, "confirmer"));
            browser.findElement(By.xpath("//button[normalize-space()='Confirmer mon abonnement']")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.tagName("main"), "Abonnement confirmé"));
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("territoire Hautes-Alpes"));
            violations.append(axe(browser, "gerer"));

            browser.findElement(By.cssSelector(".suivis button.secondary")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.titleContains("Désabonnement effectué"));
            violations.append(axe(browser, "termine"));
        } finally {
            browser.quit();
        }
        assertEquals("", violations.toString());
    }

    @Test
    @Order(4)
    void anAdministratorExportsThenErasesAnAddress() throws Exception {
        String email = "secretaire@mairie-veynes.fr";
        String slug = publish("Ludothèque itinérante du Buëch", 6, "departement:05");
        assertEquals(202, send("POST", "api/v1/subscriptions", null, "application/json",
                "{\"email\":\"" + email + "\",\"sheet\":\"" + slug + "\"}").statusCode());
        MimeMessage confirmation = awaitMails(email, 1).get(0);
        assertTrue(Mails.text(confirmation).contains("Fiche « Ludothèque itinérante du Buëch »"));

        assertEquals(401, get("api/v1/admin/subscribers?email=" + encode(email)).statusCode());
        HttpResponse<String> exported = send("GET", "api/v1/admin/subscribers?email=" + encode(email), ADMIN, null, null);
        assertEquals(200, exported.statusCode(), exported.body());
        JsonObject data = Json.createReader(new StringReader(exported.body())).readObject();
        assertEquals(email, data.getString("email"));
        assertEquals(slug, data.getJsonArray("subscriptions").getJsonObject(0).getJsonObject("target").getString("value"));
        assertFalse(data.getJsonArray("mails").isEmpty(), "the confirmation mail is part of the address's data");
        assertEquals(Set.of("email", "createdAt", "subscriptions", "mails"), data.keySet().stream()
                .filter(k -> data.get(k) != JsonValue.NULL).collect(Collectors.toSet()));

        assertEquals(204, send("DELETE", "api/v1/admin/subscribers?email=" + encode(email), ADMIN, null, null).statusCode());
        assertEquals(404, send("GET", "api/v1/admin/subscribers?email=" + encode(email), ADMIN, null, null).statusCode());
        assertEquals(404, get(confirmLink(confirmation)).statusCode(), "the links of its mails are dead");
    }

    @Test
    @Order(5)
    void tenThousandRequestsFromOneClientAreThrottledNeverAnError() throws Exception {
        String email = "inondation@exemple.fr";
        String body = "{\"email\":\"" + email + "\",\"search\":\"theme=6&territory=departement:05\"}";
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Set<String> throttleMessages = ConcurrentHashMap.newKeySet();
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            inFlight.acquire();
            all.add(http.sendAsync(request("POST", "api/v1/subscriptions", null, "application/json", body),
                    HttpResponse.BodyHandlers.ofString()).thenAccept(answer -> {
                        statuses.merge(answer.statusCode(), 1, Integer::sum);
                        if (answer.statusCode() == 429) {
                            throttleMessages.add(answer.headers().firstValue("Content-Type").orElse("") + " "
                                    + Json.createReader(new StringReader(answer.body())).readObject().getString("title"));
                        }
                    }).whenComplete((done, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        System.out.println("10 000 demandes d'un même client en " + seconds + " s : " + statuses);
        assertEquals(Set.of(202, 429), statuses.keySet());
        assertTrue(statuses.get(202) <= ClientThrottle.PER_WINDOW, statuses.toString());
        assertEquals(Set.of("application/problem+json;charset=UTF-8 Trop de requêtes"), throttleMessages);
        Thread.sleep(QUIET_MILLIS);
        assertEquals(1, mailsTo(email).size(), "one confirmation mail");
        JsonObject data = Json.createReader(new StringReader(
                send("GET", "api/v1/admin/subscribers?email=" + encode(email), ADMIN, null, null).body())).readObject();
        assertEquals(1, data.getJsonArray("subscriptions").size(), "one subscription stored");
    }

    // ----- helpers

    /**
     * Where the links of the mails lead: without ESSAIM_PUBLIC_URL, the node itself on the port it
     * listens on, never the Host a request named.
     */
    private String mailBase() {
        return "http://localhost:" + base.getPort() + "/";
    }

    private static WebDriver browser() {
        WebDriver browser = Browsers.chromium(1280, 1000);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    private static String axe(WebDriver browser, String name) {
        return Browsers.axeViolations(browser, name, List.of());
    }

    private static void assertOneClickHeaders(MimeMessage message) throws Exception {
        String header = message.getHeader("List-Unsubscribe", null);
        assertNotNull(header);
        assertTrue(header.matches("<https?://\\S+/abonnements/desabonner\\?jeton=[\\w-]+>"), header);
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
    }

    private static String confirmLink(MimeMessage message) throws Exception {
        Matcher link = CONFIRM.matcher(Mails.text(message));
        assertTrue(link.find(), "a confirmation link");
        return link.group(1);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("jeton=") + "jeton=".length());
    }

    private static List<MimeMessage> mailsTo(String email) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(email)) {
                mails.add(message);
            }
        }
        return mails;
    }

    private static List<MimeMessage> awaitMails(String email, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = mailsTo(email);
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(count + " courriel(s) attendu(s) pour " + email + ", reçu(s) : " + mailsTo(email).size());
    }

    private Set<String> searchSlugs(String parameters) throws Exception {
        HttpResponse<String> answer = get("api/v1/search?" + parameters + "&size=100");
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.createReader(new StringReader(answer.body())).readObject().getJsonArray("hits").stream()
                .map(hit -> hit.asJsonObject().getString("slug")).collect(Collectors.toSet());
    }

    private String publish(String title, int theme, String territory) throws Exception {
        String source = "---\nkind: experience\ntitle: \"" + title + "\"\nsummary: Une expérience écrite pour les alertes.\n"
                + "territories: [" + territory + "]\nthemes: [" + theme + "]\nporteur:\n  name: Communauté de communes\n"
                + "  actorType: intercommunalité\nstatus: expérimentation\nsources:\n  - title: Notes de terrain\n    year: 2024\n---\n"
                + "Une description de l'expérience.\n";
        HttpResponse<String> created = send("POST", "api/v1/sheets", EDITOR, "text/markdown", source);
        assertEquals(201, created.statusCode(), created.body());
        String slug = Json.createReader(new StringReader(created.body())).readObject().getString("slug");
        HttpResponse<String> published = send("POST", "api/v1/sheets/" + slug + "/publish", EDITOR, "application/json", "{}");
        assertEquals(200, published.statusCode(), published.body());
        return slug;
    }

    private HttpRequest request(String method, String path, String authorization, String type, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return request.build();
    }

    private HttpResponse<String> send(String method, String path, String authorization, String type, String body)
            throws Exception {
        return http.send(request(method, path, authorization, type, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null, null);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
