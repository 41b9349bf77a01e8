package fr.essaim.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import fr.essaim.support.Api;
import fr.essaim.support.Browsers;
import fr.essaim.support.Deployed;
import fr.essaim.support.MailBox;
import fr.essaim.support.WriterPages;

/**
 * « Mes fiches » and the review mails on a real Payara Micro sending to a real SMTP server
 * (GreenMail), with editors' digests at most every 20 seconds (ESSAIM_REVIEW_MAIL_EVERY=PT20S in
 * the build): a contributor's proposals, the editor's one digest per period, the author told of a
 * publication and of a refusal with its reason, mails turned off; then every signed-in page in
 * headless Chromium under axe-core, scanned for English enum names, and at 375 px.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MySheetsIT {

    private static final String AUTHOR = "camille-autrice";
    private static final String AUTHOR_PASSWORD = "mot-de-passe-de-camille";
    private static final String AUTHOR_MAIL = "camille.martin@mairie-embrun.fr";
    private static final String REVIEWER = "dominique-relectrice";
    private static final String REVIEWER_PASSWORD = "mot-de-passe-de-dominique";
    private static final String REVIEWER_MAIL = "dominique.roux@reseau-rural.fr";
    private static final Duration DIGEST_PERIOD = Duration.ofSeconds(20);
    /** Two turns of the review mails and of the outbox, and then some: what has not come by then is not coming. */
    private static final long QUIET_MILLIS = 7_000;
    private static final String REASON = "Il manque la source : ajoutez le rapport d'activité 2023 de la communauté de communes.";

    private static MailBox mails;
    private static WebDriver browser;
    /** The sheets of the journey, shared with the page checks: draft, published, refused, waiting. */
    private static final Map<String, String> SLUGS = new LinkedHashMap<>();

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    @BeforeAll
    static void start() {
        mails = MailBox.start();
        browser = Browsers.chromium(1280, 1000);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        mails.close();
    }

    @Test
    @Order(1)
    void proposalsMailTheEditorOncePerPeriodAndTheAuthorOfEachDecision() throws Exception {
        Api api = Api.ready(base);
        account(api, AUTHOR, AUTHOR_PASSWORD, AUTHOR_MAIL, "contributor");
        account(api, REVIEWER, REVIEWER_PASSWORD, REVIEWER_MAIL, "editor", "contributor");
        String author = Api.basic(AUTHOR, AUTHOR_PASSWORD);
        String reviewer = Api.basic(REVIEWER, REVIEWER_PASSWORD);

        SLUGS.put("draft", write(api, author, "Bus des services du Champsaur"));
        SLUGS.put("published", write(api, author, "Garage solidaire du Hainaut"));
        SLUGS.put("refused", write(api, author, "Épicerie itinérante du Dévoluy"));
        SLUGS.put("waiting", write(api, author, "Tiers-lieu numérique de Guillestre"));
        Thread.sleep(QUIET_MILLIS);
        assertEquals(0, mails.to(REVIEWER_MAIL).size(), "drafts are nobody's business but their author's");

        // The first digest is claimed after this moment, the second a whole period after the first.
        long submittedAt = System.nanoTime();
        submit(api, author, SLUGS.get("published"));
        MimeMessage first = mails.await(REVIEWER_MAIL, 1).get(0);
        long firstAfter = Duration.ofNanos(System.nanoTime() - submittedAt).toMillis();
        String digest = MailBox.text(first);
        assertTrue(first.getSubject().contains("1 nouvelle proposition attend votre relecture"), first.getSubject());
        assertTrue(digest.contains("« Garage solidaire du Hainaut », proposée par " + AUTHOR), digest);
        assertTrue(digest.contains(mailBase() + "relecture?fiche=" + SLUGS.get("published")), digest);
        assertTrue(MailBox.html(first).contains("<html lang=\"fr\">"));

        // Two more proposals within the period: nothing until it has passed, then one digest with both.
        submit(api, author, SLUGS.get("refused"));
        submit(api, author, SLUGS.get("waiting"));
        Thread.sleep(QUIET_MILLIS);
        assertEquals(1, mails.to(REVIEWER_MAIL).size(), "at most one digest per period");

        // The editor reviews and publishes with the keyboard alone.
        WriterPages.signIn(browser, base.toString(), REVIEWER, REVIEWER_PASSWORD);
        browser.get(base + "relecture");
        tabTo(link -> link.getAttribute("href") != null && link.getAttribute("href").endsWith("fiche=" + SLUGS.get("published")));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        WriterPages.waiting(browser).until(ExpectedConditions.urlContains("fiche=" + SLUGS.get("published")));
        tabTo(field -> "commentaire-relecture".equals(field.getAttribute("id")));
        browser.switchTo().activeElement().sendKeys("Relue, merci pour les chiffres.");
        tabTo(button -> "publier".equals(button.getAttribute("id")));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        WriterPages.waiting(browser).until(ExpectedConditions.urlContains("fait=publiee"));
        assertEquals(200, api.get("fiches/" + SLUGS.get("published")).statusCode(), "published for every reader");

        MimeMessage published = mails.await(AUTHOR_MAIL, 1).get(0);
        assertTrue(published.getSubject().contains("« Garage solidaire du Hainaut » est publiée"), published.getSubject());
        assertTrue(MailBox.text(published).contains(mailBase() + "fiches/" + SLUGS.get("published")), MailBox.text(published));

        // The editor refuses another, saying why: the author's mail says it too.
        browser.get(base + "relecture?fiche=" + SLUGS.get("refused"));
        browser.findElement(By.id("commentaire-relecture")).sendKeys(REASON);
        browser.findElement(By.id("refuser")).click();
        WriterPages.waiting(browser).until(ExpectedConditions.urlContains("fait=refusee"));
        MimeMessage refused = mails.await(AUTHOR_MAIL, 2).get(1);
        assertTrue(refused.getSubject().contains("« Épicerie itinérante du Dévoluy » est refusée"), refused.getSubject());
        assertTrue(MailBox.text(refused).contains(REASON), MailBox.text(refused));
        assertTrue(MailBox.html(refused).contains("rapport d&apos;activité 2023") || MailBox.html(refused).contains("rapport d'activité 2023"),
                MailBox.html(refused));
        assertTrue(MailBox.text(refused).contains(mailBase() + "fiches/" + SLUGS.get("refused") + "/modifier"));

        // Once the period has passed, the proposals that came meanwhile come in a second digest.
        MimeMessage second = mails.await(REVIEWER_MAIL, 2).get(1);
        long secondAfter = Duration.ofNanos(System.nanoTime() - submittedAt).toMillis();
        System.out.println("Synthèses de relecture reçues " + firstAfter + " ms et " + secondAfter
                + " ms après la 1re proposition (période " + DIGEST_PERIOD.toMillis() + " ms)");
        assertTrue(secondAfter >= DIGEST_PERIOD.toMillis(), "not before the period has passed: " + secondAfter + " ms");
        assertTrue(MailBox.text(second).contains("« Tiers-lieu numérique de Guillestre », proposée par " + AUTHOR + " (nouvelle)"),
                MailBox.text(second));
        Thread.sleep(QUIET_MILLIS);
        assertEquals(2, mails.to(REVIEWER_MAIL).size(), "nothing new waits: no third digest");
        assertEquals(2, mails.to(AUTHOR_MAIL).size(), "one mail per decision");
    }

    @Test
    @Order(2)
    void mySheetsListsEachSheetWithWhatToDoNextAndTurnsTheMailsOff() throws Exception {
        Api api = Api.ready(base);
        WriterPages.signOut(browser, base.toString());
        WriterPages.signIn(browser, base.toString(), AUTHOR, AUTHOR_PASSWORD);
        browser.findElement(By.cssSelector("nav.compte a[href='/mes-fiches']")).click();
        WriterPages.waiting(browser).until(ExpectedConditions.urlContains("/mes-fiches"));
        assertEquals("Mes fiches", browser.findElement(By.tagName("h1")).getText());

        assertEntry("groupe-draft", "draft", "Brouillon", "Continuer la rédaction", "/modifier");
        assertEntry("groupe-waiting", "waiting", "En relecture", "Modifier la proposition", "/modifier");
        WebElement refused = assertEntry("groupe-refused", "refused", "Refusée", "Corriger et proposer à nouveau", "/modifier");
        assertTrue(refused.getText().contains("Motif du refus :") && refused.getText().contains(REASON), refused.getText());
        assertEntry("groupe-published", "published", "Publiée", "Voir la fiche", SLUGS.get("published"));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("modifiée le "), "dates of the last edit");
        assertEquals(AUTHOR_MAIL, browser.findElement(By.id("courriel")).getAttribute("value"));

        assertEquals("", WriterPages.axeViolations(browser, "mes-fiches"));
        assertEquals(List.of(), WriterPages.enumWordsShown(browser), "mes-fiches");
        WriterPages.screenshot(browser, "mes-fiches-1280");
        try {
            browser.manage().window().setSize(new Dimension(375, 812));
            browser.navigate().refresh();
            assertTrue(WriterPages.scrollWidth(browser) <= 375, "Mes fiches at 375 px: " + WriterPages.scrollWidth(browser));
            WriterPages.screenshot(browser, "mes-fiches-375");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }

        // A wrong address is refused next to its field, in French; then the mails are turned off.
        WebElement address = browser.findElement(By.id("courriel"));
        address.clear();
        address.sendKeys("camille@");
        browser.findElement(By.id("enregistrer")).click();
        WriterPages.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("courriel-erreur"),
                "Adresse électronique invalide"));
        address = browser.findElement(By.id("courriel"));
        address.clear();
        address.sendKeys(AUTHOR_MAIL);
        WebElement wanted = browser.findElement(By.id("recevoir"));
        assertTrue(wanted.isSelected());
        wanted.click();
        browser.findElement(By.id("enregistrer")).click();
        WriterPages.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "vous ne recevrez plus"));
        assertFalse(browser.findElement(By.id("recevoir")).isSelected(), "the choice is stored");

        String author = Api.basic(AUTHOR, AUTHOR_PASSWORD);
        String reviewer = Api.basic(REVIEWER, REVIEWER_PASSWORD);
        submit(api, author, SLUGS.get("draft"));
        HttpResponse<String> refusal = api.send("POST", "api/v1/sheets/" + SLUGS.get("draft") + "/reject", reviewer,
                "application/json", "{\"comment\":\"Trop court pour une fiche expérience.\"}");
        assertEquals(200, refusal.statusCode(), refusal.body());
        Thread.sleep(QUIET_MILLIS);
        assertEquals(2, mails.to(AUTHOR_MAIL).size(), "no mail once they are turned off");
        browser.navigate().refresh();
        assertTrue(browser.findElement(By.cssSelector(".groupe-refused")).getText().contains("Trop court pour une fiche expérience."));

        // The same list through the API, for the author only.
        assertEquals(401, api.get("api/v1/me/sheets").statusCode());
        HttpResponse<String> mine = api.getAs("api/v1/me/sheets", author);
        assertEquals(200, mine.statusCode(), mine.body());
        Map<String, String> groups = new LinkedHashMap<>();
        Json.createReader(new StringReader(mine.body())).readObject().getJsonArray("sheets").forEach(sheet ->
                groups.put(sheet.asJsonObject().getString("slug"), sheet.asJsonObject().getString("group")));
        assertEquals(Map.of(SLUGS.get("draft"), "refused", SLUGS.get("published"), "published",
                SLUGS.get("refused"), "refused", SLUGS.get("waiting"), "waiting"), groups);
    }

    @Test
    @Order(3)
    void everySignedInPageIsFrenchPassesAxeAndFitsAPhone() throws Exception {
        Api.ready(base);
        WriterPages.signOut(browser, base.toString());
        browser.get(base + "connexion");
        StringBuilder violations = new StringBuilder();
        Map<String, List<String>> english = new LinkedHashMap<>();
        check("connexion", violations, english, true);
        WriterPages.signIn(browser, base.toString(), "admin", Api.ADMIN_PASSWORD);
        String waiting = SLUGS.get("waiting");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("relecture", "relecture");
        pages.put("relecture-proposition", "relecture?fiche=" + waiting);
        pages.put("historique", "fiches/" + SLUGS.get("published") + "/historique");
        pages.put("diff", "fiches/" + waiting + "/diff?de=0&a=1");
        pages.put("admin", "admin");
        pages.put("mes-fiches-admin", "mes-fiches");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.get(base + page.getValue());
            check(page.getKey(), violations, english, true);
        }
        // The editor's own pages: only the scan for English names here, their layout is tested with them.
        for (String path : List.of("fiches/nouvelle", "fiches/" + waiting + "/modifier")) {
            browser.get(base + path);
            check(path, violations, english, false);
        }
        assertEquals("", violations.toString());
        assertEquals(Map.of(), english, "enum names shown as text");

        browser.get(base + "admin");
        String dashboard = browser.findElement(By.cssSelector("section.admin table.liste")).getText();
        assertTrue(dashboard.toLowerCase().contains("expérience"), dashboard);
        assertTrue(dashboard.contains("Publiée"), dashboard);
        String latest = browser.findElement(By.cssSelector("ul.dernieres-modifications")).getText();
        assertTrue(latest.contains("Garage solidaire du Hainaut") && latest.contains(AUTHOR), latest);
        assertFalse(browser.findElement(By.tagName("main")).getText().contains("Import du corpus"));

        try {
            browser.manage().window().setSize(new Dimension(375, 812));
            for (String path : List.of("connexion", "relecture", "relecture?fiche=" + waiting, pages.get("historique"),
                    pages.get("diff"), "admin", "mes-fiches")) {
                browser.get(base + path);
                long width = WriterPages.scrollWidth(browser);
                System.out.println("375 px : /" + path + " scrollWidth " + width);
                assertTrue(width <= 375, "/" + path + " is " + width + " px wide at 375 px");
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    // ----- helpers

    private static void check(String name, StringBuilder violations, Map<String, List<String>> english, boolean axe) {
        WriterPages.waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        if (axe) {
            violations.append(WriterPages.axeViolations(browser, name));
        }
        List<String> shown = WriterPages.enumWordsShown(browser);
        if (!shown.isEmpty()) {
            english.put(name, shown);
        }
    }

    private static WebElement assertEntry(String group, String sheet, String state, String action, String target) {
        WebElement item = browser.findElement(By.cssSelector("." + group + " li[data-slug='" + SLUGS.get(sheet) + "']"));
        assertTrue(item.findElement(By.cssSelector(".etat")).getText().equals(state), item.getText());
        WebElement next = item.findElement(By.cssSelector(".suite a"));
        assertTrue(next.getText().startsWith(action), next.getText());
        assertTrue(next.getAttribute("href").contains(target), next.getAttribute("href"));
        return item;
    }

    /** Presses Tab until the focused element is the one looked for (at most 200 times). */
    private static void tabTo(java.util.function.Predicate<WebElement> wanted) {
        for (int i = 0; i < 200; i++) {
            WebElement focused = browser.switchTo().activeElement();
            if (wanted.test(focused)) {
                return;
            }
            focused.sendKeys(Keys.TAB);
        }
        throw new AssertionError("élément introuvable au clavier sur " + browser.getCurrentUrl());
    }

    /** Where the links of the mails lead without ESSAIM_PUBLIC_URL: the node itself, never a request's Host. */
    private String mailBase() {
        return "http://localhost:" + base.getPort() + "/";
    }

    private static void account(Api api, String name, String password, String email, String... roles) throws Exception {
        String list = String.join("\",\"", roles);
        HttpResponse<String> created = api.send("POST", "api/v1/accounts", Api.ADMIN, "application/json",
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\",\"roles\":[\"" + list + "\"],\"email\":\""
                        + email + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(email, Json.createReader(new StringReader(created.body())).readObject().getString("email"));
    }

    private static String write(Api api, String authorization, String title) throws Exception {
        String source = "---\nkind: experience\ntitle: \"" + title + "\"\nsummary: Une expérience proposée pour la relecture.\n"
                + "territories: [departement:05]\nthemes: [6]\nporteur:\n  name: Communauté de communes\n"
                + "  actorType: intercommunalité\nstatus: expérimentation\nsources:\n  - title: Notes de terrain\n    year: 2024\n---\n"
                + "## Contexte\n\nUne description de l'expérience.\n";
        HttpResponse<String> created = api.send("POST", "api/v1/sheets", authorization, "text/markdown", source);
        assertEquals(201, created.statusCode(), created.body());
        return Json.createReader(new StringReader(created.body())).readObject().getString("slug");
    }

    private static void submit(Api api, String authorization, String slug) throws Exception {
        HttpResponse<String> submitted = api.send("POST", "api/v1/sheets/" + slug + "/submit", authorization,
                "application/json", "{}");
        assertEquals(200, submitted.statusCode(), submitted.body());
    }
}
