package fr.essaim.web;

import static fr.essaim.support.Api.ADMIN;
import static fr.essaim.support.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import fr.essaim.support.Api;
import fr.essaim.support.Browsers;
import fr.essaim.support.Deployed;
import fr.essaim.support.MailBox;
import fr.essaim.support.WriterPages;

/**
 * The editor in headless Chromium on a real Payara Micro: a contributor writes a sheet with the
 * theme checkboxes, the recommended plan and the « [[ » completion, leaves before saving and finds
 * the draft again, submits; an editor publishes. Once with the mouse, once with the keyboard alone;
 * axe-core, field errors and the page at 1280 and 375 px.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WritingPagesIT {

    private static final String PASSWORD = "mot-de-passe-long-1";
    private static final String GARAGE = "garage-solidaire-du-hainaut";
    private static final String GARAGE_TITLE = "Garage Solidaire du Hainaut, des voitures à bas coût pour retrouver un emploi";
    private static final String INES_MAIL = "ines.martin@mairie-de-saint-bonnet.fr";
    private static final String OSCAR_MAIL = "oscar.leroy@reseau-rural.fr";

    @ArquillianResource
    private URL base;

    private Api api;

    @Deployment(testable = false)
    static WebArchive application() throws InterruptedException {
        return Deployed.application();
    }

    private static MailBox mails;

    @BeforeAll
    static void start() {
        mails = MailBox.start();
    }

    @AfterAll
    static void stop() {
        mails.close();
    }

    @BeforeEach
    void accounts() throws Exception {
        api = Api.ready(base);
        for (String[] account : new String[][] {{"ines", "\"contributor\"", INES_MAIL}, {"oscar", "\"editor\",\"contributor\"", OSCAR_MAIL}}) {
            HttpResponse<String> created = api.send("POST", "api/v1/accounts", ADMIN, "application/json",
                    "{\"name\":\"" + account[0] + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[" + account[1] + "],\"email\":\""
                            + account[2] + "\"}");
            assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
        }
    }

    /** Chromium that lets the test answer the « leave this page? » question itself. */
    private static WebDriver chromium(int width, int height) {
        ChromeOptions options = Browsers.options(width, height);
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        WebDriver browser = Browsers.chromium(options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    // ----- the journey with the mouse

    @Test
    void aContributorWritesWithCheckboxesPlanAndWikiCompletionLeavesFindsTheDraftAndAnEditorPublishes() throws Exception {
        String title = "Navette solidaire du Champsaur";
        WebDriver browser = chromium(1280, 1400);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            logIn(browser, "ines");
            browser.get(api.uri("fiches/nouvelle").toString());
            browser.findElement(By.cssSelector("input.champ-title")).sendKeys(title);
            browser.findElement(By.cssSelector("textarea.champ-summary")).sendKeys("Un minibus relie les hameaux aux services.");
            theme(browser, "3").click();
            theme(browser, "6").click();
            browser.findElement(By.cssSelector("input.champ-porteur-nom")).sendKeys("Communauté de communes du Champsaur");
            browser.findElement(By.cssSelector("input.champ-porteur-type")).sendKeys("intercommunalité");
            browser.findElement(By.cssSelector("input.source-titre")).sendKeys("Compte rendu du conseil communautaire");

            browser.findElement(By.id("outil-plan")).click();
            String plan = text(browser);
            for (String section : List.of("Contexte", "Objectifs", "Description", "Résultats", "Facteurs clés de succès",
                    "Pour aller plus loin")) {
                assertTrue(plan.contains("## " + section + "\n"), section + " in the recommended plan: " + plan);
            }
            browser.findElement(By.id("texte")).sendKeys("Une navette relie les hameaux, comme le ");
            browser.findElement(By.id("outil-fiche")).click();
            WebElement box = browser.findElement(By.id("lien-fiche-recherche"));
            assertEquals(box, browser.switchTo().activeElement(), "the completion takes the focus");
            box.sendKeys("garage solid");
            wait.until(ExpectedConditions.attributeToBe(box, "aria-expanded", "true"));
            browser.findElement(By.xpath("//ul[@id='lien-fiche-choix']/li[normalize-space()='" + GARAGE_TITLE + "']")).click();
            browser.findElement(By.id("texte")).sendKeys(" du Hainaut.");
            assertTrue(text(browser).contains("## Contexte\n\nUne navette relie les hameaux, comme le [[" + GARAGE_TITLE + "]] du Hainaut."),
                    text(browser));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#apercu a.wikilink[href$='/fiches/" + GARAGE + "']")));
            // Typing « [[ » opens the same completion; Escape goes back to the text where it was.
            WebElement area = browser.findElement(By.id("texte"));
            area.sendKeys(" [[");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lien-fiche")));
            assertEquals(box, browser.switchTo().activeElement(), "typing [[ opens the completion");
            box.sendKeys(Keys.ESCAPE);
            assertEquals(area, browser.switchTo().activeElement(), "Escape goes back to the text");
            area.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE);

            // Leaving before saving asks first; the text is still there when one comes back.
            String typed = text(browser);
            leaveByTheHomeLink(browser);
            comeBackSubmitAndPublish(browser, wait, title, typed, false);
        } finally {
            browser.quit();
        }
    }

    /** The editor opened again finds the draft; the contributor submits it and an editor publishes it. */
    private void comeBackSubmitAndPublish(WebDriver browser, WebDriverWait wait, String title, String typed, boolean keyboard)
            throws Exception {
        browser.get(api.uri("fiches/nouvelle").toString());
        draftIsBack(browser, wait, title, typed);
        if (keyboard) {
            type(browser, tabTo(browser, "#commentaire"), "Proposition au clavier");
            tabTo(browser, "#soumettre").sendKeys(Keys.ENTER);
        } else {
            browser.findElement(By.id("commentaire")).sendKeys("Première proposition");
            browser.findElement(By.id("soumettre")).click();
        }
        String slug = submitted(browser, wait, "ines");
        editorIsTold(slug, title);
        publishAsEditor(browser, wait, slug, keyboard);
        assertPublished(slug, title);
        authorIsTold(browser, slug, title);
    }

    /**
     * Whether the page would ask « leave this page? »: chromedriver answers that question itself, so
     * the test asks the page's own handler through the event the browser sends before leaving.
     */
    private static boolean leavingAsks(WebDriver browser) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;");
    }

    /** With unsaved changes, leaving asks first; then the person leaves by a link of the page. */
    private static void leaveByTheHomeLink(WebDriver browser) {
        assertTrue(leavingAsks(browser), "unsaved changes: the page asks before leaving");
        browser.findElement(By.cssSelector("a.brand")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/fiches/")));
    }

    private static WebElement theme(WebDriver browser, String code) {
        return browser.findElement(By.cssSelector(".cases-themes input[type=checkbox][value='" + code + "']"));
    }

    private static String text(WebDriver browser) {
        return browser.findElement(By.id("texte")).getAttribute("value").replace("\r\n", "\n");
    }

    /** The editor opened again shows the draft kept in the browser, says so, and can discard it. */
    private static void draftIsBack(WebDriver browser, WebDriverWait wait, String title, String typed) {
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("brouillon-restaure")));
        assertTrue(notice.getText().startsWith("Brouillon restauré"), notice.getText());
        assertTrue(browser.findElements(By.id("abandonner-brouillon")).size() == 1, "a way to discard the draft");
        assertEquals(typed, text(browser));
        assertEquals(title, browser.findElement(By.cssSelector("input.champ-title")).getAttribute("value"));
        assertTrue(theme(browser, "3").isSelected() && theme(browser, "6").isSelected() && !theme(browser, "1").isSelected(),
                "the ticked themes are back");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#apercu a.wikilink[href$='/fiches/" + GARAGE + "']")));
        assertTrue(leavingAsks(browser), "the restored draft is not saved yet");
    }

    /** After « soumettre »: the history page, and the draft gone from the browser. Returns the new sheet's slug. */
    private String submitted(WebDriver browser, WebDriverWait wait, String author) throws Exception {
        wait.until(ExpectedConditions.urlContains("/historique"));
        assertTrue(browser.getPageSource().contains("soumis à relecture"));
        String slug = browser.getCurrentUrl().replaceAll(".*/fiches/([^/]+)/historique.*", "$1");
        assertNull(((JavascriptExecutor) browser).executeScript(
                "return localStorage.getItem('essaim.brouillon." + author + ".nouvelle')"), "a saved draft is no longer kept");
        return slug;
    }

    /** The editors are told by mail that a proposal waits, with a link to review it. */
    private void editorIsTold(String slug, String title) throws Exception {
        MimeMessage digest = awaitMail(OSCAR_MAIL, "« " + title + " »");
        assertTrue(MailBox.text(digest).contains("relecture?fiche=" + slug), MailBox.text(digest));
    }

    /** The author is told by mail that the sheet is published, and « Mes fiches » shows it so. */
    private void authorIsTold(WebDriver browser, String slug, String title) throws Exception {
        MimeMessage published = awaitMail(INES_MAIL, "« " + title + " » est publiée");
        assertTrue(MailBox.text(published).contains("fiches/" + slug), MailBox.text(published));
        browser.manage().deleteAllCookies();
        logIn(browser, "ines");
        browser.get(api.uri("mes-fiches").toString());
        WebElement entry = browser.findElement(By.cssSelector(".groupe-published li[data-slug='" + slug + "']"));
        assertEquals("Publiée", entry.findElement(By.cssSelector(".etat")).getText(), entry.getText());
    }

    /** Waits (up to a minute: editors get at most one digest per period) for a mail to this address that says this. */
    private static MimeMessage awaitMail(String address, String saying) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage mail : mails.to(address)) {
                if (mail.getSubject().contains(saying) || MailBox.text(mail).contains(saying)) {
                    return mail;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail to " + address + " saying " + saying);
    }

    private void publishAsEditor(WebDriver browser, WebDriverWait wait, String slug, boolean keyboard) throws Exception {
        browser.manage().deleteAllCookies();
        if (keyboard) {
            logInWithKeys(browser, "oscar");
            browser.get(api.uri("relecture").toString());
            tabTo(browser, "a.proposition[href$='fiche=" + slug + "']").sendKeys(Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".diff ins")));
            type(browser, tabTo(browser, "#commentaire-relecture"), "Relu, merci.");
            tabTo(browser, "#publier").sendKeys(Keys.ENTER);
        } else {
            logIn(browser, "oscar");
            browser.get(api.uri("relecture").toString());
            browser.findElement(By.cssSelector("a.proposition[href$='fiche=" + slug + "']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".diff ins")));
            browser.findElement(By.id("commentaire-relecture")).sendKeys("Relu, merci.");
            browser.findElement(By.id("publier")).click();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info"), "est publiée"));
    }

    /** Published with the ticked themes, and its wiki link leads to the sheet chosen in the completion. */
    private void assertPublished(String slug, String title) throws Exception {
        HttpResponse<String> response = api.getAs("api/v1/sheets/" + slug, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonObject sheet = json(response);
        assertEquals(title, sheet.getString("title"));
        assertEquals("[3, 6]", sheet.getJsonObject("fields").getJsonArray("themes").toString().replace(",", ", "));
        JsonObject link = sheet.getJsonArray("links").getJsonObject(0);
        assertEquals(GARAGE, link.getString("slug"));
        assertTrue(link.getBoolean("exists"));
        assertTrue(sheet.getString("html").contains("href=\"/fiches/" + GARAGE + "\""), sheet.getString("html"));
        assertTrue(sheet.getString("markdown").contains("## Facteurs clés de succès"), "the plan was saved");
    }

    // ----- the same journey with the keyboard alone

    @Test
    void theSameJourneyWorksWithTheKeyboardAloneAndSurvivesAClosedTab() throws Exception {
        String title = "Épicerie mobile du Dévoluy";
        WebDriver browser = chromium(1280, 1400);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            logInWithKeys(browser, "ines");
            browser.get(api.uri("fiches/nouvelle").toString());
            type(browser, tabTo(browser, "input.champ-title"), title);
            type(browser, tabTo(browser, "textarea.champ-summary"), "Une épicerie itinérante passe chaque semaine dans les villages.");
            tabTo(browser, ".cases-themes input[value='3']").sendKeys(Keys.SPACE);
            tabTo(browser, ".cases-themes input[value='6']").sendKeys(Keys.SPACE);
            type(browser, tabTo(browser, "input.champ-porteur-nom"), "Commune du Dévoluy");
            type(browser, tabTo(browser, "input.champ-porteur-type"), "commune");
            type(browser, tabTo(browser, "input.source-titre"), "Bulletin municipal");
            tabTo(browser, "#outil-plan").sendKeys(Keys.ENTER);
            assertEquals(browser.findElement(By.id("texte")), browser.switchTo().activeElement(), "back in the text");
            keys(browser, "Une épicerie passe au village, comme le ");
            tabBackTo(browser, "#outil-fiche").sendKeys(Keys.SPACE);
            keys(browser, "garage solid");
            WebElement box = browser.findElement(By.id("lien-fiche-recherche"));
            wait.until(ExpectedConditions.attributeToBe(box, "aria-expanded", "true"));
            keys(browser, Keys.ARROW_DOWN);
            String active = box.getAttribute("aria-activedescendant");
            assertEquals("true", browser.findElement(By.id(active)).getAttribute("aria-selected"));
            for (int i = 0; i < 10 && !browser.findElement(By.id(box.getAttribute("aria-activedescendant"))).getText()
                    .equals(GARAGE_TITLE); i++) {
                keys(browser, Keys.ARROW_DOWN);
            }
            keys(browser, Keys.ENTER);
            assertEquals(browser.findElement(By.id("texte")), browser.switchTo().activeElement(), "back in the text after Enter");
            keys(browser, " de Valenciennes.");
            String typed = text(browser);
            assertTrue(typed.contains("comme le [[" + GARAGE_TITLE + "]] de Valenciennes."), typed);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#apercu a.wikilink[href$='/fiches/" + GARAGE + "']")));

            // The tab is closed before saving; a new one opens the editor again.
            String first = browser.getWindowHandle();
            browser.switchTo().newWindow(WindowType.TAB);
            String second = browser.getWindowHandle();
            browser.switchTo().window(first);
            closeTab(browser);
            browser.switchTo().window(second);
            comeBackSubmitAndPublish(browser, wait, title, typed, true);
        } finally {
            browser.quit();
        }
    }

    /** Closes the current tab, answering « leave » if the page asks first. */
    private static void closeTab(WebDriver browser) {
        try {
            browser.close();
        } catch (org.openqa.selenium.UnhandledAlertException asked) {
            browser.switchTo().alert().accept();
        }
        try {
            browser.switchTo().alert().accept();
        } catch (org.openqa.selenium.NoAlertPresentException | org.openqa.selenium.NoSuchWindowException gone) {
            // closed without a question left open
        }
    }

    /** Presses Tab until the focus is on an element matching the selector, as a keyboard user would. */
    private static WebElement tabTo(WebDriver browser, String selector) {
        return tab(browser, selector, Keys.TAB);
    }

    private static WebElement tabBackTo(WebDriver browser, String selector) {
        return tab(browser, selector, Keys.chord(Keys.SHIFT, Keys.TAB));
    }

    private static WebElement tab(WebDriver browser, String selector, CharSequence key) {
        for (int i = 0; i < 250; i++) {
            WebElement focused = browser.switchTo().activeElement();
            if ((Boolean) ((JavascriptExecutor) browser).executeScript("return arguments[0].matches(arguments[1])", focused, selector)) {
                return focused;
            }
            keys(browser, key);
        }
        throw new AssertionError(selector + " cannot be reached with Tab");
    }

    private static void keys(WebDriver browser, CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private static void type(WebDriver browser, WebElement focused, String text) {
        assertEquals(focused, browser.switchTo().activeElement());
        keys(browser, text);
    }

    private void logIn(WebDriver browser, String name) {
        browser.get(api.uri("connexion").toString());
        browser.findElement(By.id("nom")).sendKeys(name);
        browser.findElement(By.id("motdepasse")).sendKeys(PASSWORD);
        browser.findElement(By.id("seconnecter")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("connexion")));
    }

    private void logInWithKeys(WebDriver browser, String name) {
        browser.get(api.uri("connexion").toString());
        type(browser, tabTo(browser, "#nom"), name);
        type(browser, tabTo(browser, "#motdepasse"), PASSWORD);
        keys(browser, Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("connexion")));
    }

    // ----- errors, accessibility, sizes

    @Test
    void errorsShowNextToTheirFieldsInFrenchAndAreAnnounced() throws Exception {
        WebDriver browser = chromium(1280, 1400);
        try {
            logIn(browser, "ines");
            browser.get(api.uri("fiches/nouvelle").toString());
            browser.findElement(By.id("brouillon")).click();
            WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("erreurs")));
            assertEquals("alert", summary.getAttribute("role"));
            assertEquals(summary, browser.switchTo().activeElement(), "the summary takes the focus");
            WebElement title = browser.findElement(By.cssSelector("input.champ-title"));
            assertEquals("true", title.getAttribute("aria-invalid"));
            WebElement error = browser.findElement(By.id(title.getAttribute("aria-describedby")));
            assertTrue(error.getText().contains("champ obligatoire"), error.getText());
            assertEquals("false", browser.findElement(By.cssSelector("input.champ-funding")).getAttribute("aria-invalid"));
            WebElement link = summary.findElement(By.cssSelector("a[href='#champ-title']"));
            assertTrue(link.getText().startsWith("Titre : champ obligatoire"), link.getText());
            link.click();
            assertEquals(title, browser.switchTo().activeElement(), "the summary's link leads into the field");
            assertEquals("", WriterPages.axeViolations(browser, "editeur-erreurs"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void axeFindsNoViolationOnTheEditorAndItFitsA375PxScreen() throws Exception {
        WebDriver browser = chromium(1280, 1000);
        try {
            logIn(browser, "ines");
            StringBuilder report = new StringBuilder();
            browser.get(api.uri("fiches/nouvelle").toString());
            report.append(WriterPages.axeViolations(browser, "editeur-nouvelle"));
            assertEquals(List.of(), WriterPages.enumWordsShown(browser), "editeur-nouvelle");
            browser.get(api.uri("fiches/" + GARAGE + "/modifier").toString());
            report.append(WriterPages.axeViolations(browser, "editeur-modifier"));
            assertEquals(List.of(), WriterPages.enumWordsShown(browser), "editeur-modifier");
            WebElement title = browser.findElement(By.cssSelector("input.champ-title"));
            assertEquals(GARAGE_TITLE, title.getAttribute("value"));
            assertTrue(width(browser, title, "scrollWidth") <= width(browser, title, "clientWidth"),
                    "the whole title shows at 1280 px: " + width(browser, title, "scrollWidth") + " > " + width(browser, title, "clientWidth"));
            WebElement text = browser.findElement(By.id("texte"));
            WebElement preview = browser.findElement(By.id("apercu"));
            assertTrue(preview.getLocation().getX() > text.getLocation().getX() + text.getSize().getWidth()
                    && preview.getLocation().getY() < text.getLocation().getY() + text.getSize().getHeight(), "the preview beside the text");
            WriterPages.screenshot(browser, "editeur-1280");

            browser.manage().window().setSize(new Dimension(375, 900));
            for (String path : List.of("fiches/nouvelle", "fiches/" + GARAGE + "/modifier")) {
                browser.get(api.uri(path).toString());
                long scroll = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
                System.out.println("Éditeur à 375 px (/" + path + ") : scrollWidth " + scroll);
                assertTrue(scroll <= 375, path + " scrolls sideways: " + scroll);
            }
            text = browser.findElement(By.id("texte"));
            preview = browser.findElement(By.id("apercu"));
            assertTrue(preview.getLocation().getY() > text.getLocation().getY() + text.getSize().getHeight() - 5,
                    "on a phone the preview comes under the text");
            WriterPages.screenshot(browser, "editeur-375");
            assertEquals("", report.toString());
        } finally {
            browser.quit();
        }
    }

    private static long width(WebDriver browser, WebElement element, String property) {
        return (Long) ((JavascriptExecutor) browser).executeScript("return arguments[0]." + property, element);
    }

    @Test
    void aSaveThatCannotReachTheServerLosesNothing() throws Exception {
        String sheet = "zirondaile-halte-garderie-itinerante";
        ChromeDriver browser = (ChromeDriver) chromium(1280, 1400);
        try {
            int revisions = revisionCount(sheet);
            logIn(browser, "ines");
            browser.get(api.uri("fiches/" + sheet + "/modifier").toString());
            browser.findElement(By.id("texte")).sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n\nAjout écrit pendant une coupure.");
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            browser.setNetworkConditions(offline);
            browser.findElement(By.id("brouillon")).click();
            // The browser shows its own « no connection » page instead of the answer.
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> b.findElements(By.id("texte")).isEmpty());
            browser.deleteNetworkConditions();

            browser.get(api.uri("fiches/" + sheet + "/modifier").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("brouillon-restaure"), "Brouillon restauré"));
            assertTrue(text(browser).endsWith("Ajout écrit pendant une coupure."), text(browser));
            assertEquals(revisions, revisionCount(sheet), "nothing reached the server");
            browser.findElement(By.id("abandonner-brouillon")).click();
        } finally {
            browser.quit();
        }
    }

    private int revisionCount(String sheet) throws Exception {
        return json(api.getAs("api/v1/sheets/" + sheet + "/revisions", Api.basic("oscar", PASSWORD))).getJsonArray("revisions").size();
    }

    @Test
    void discardingTheDraftShowsTheSavedVersionAgain() throws Exception {
        WebDriver browser = chromium(1280, 1400);
        try {
            logIn(browser, "ines");
            browser.get(api.uri("fiches/" + GARAGE + "/modifier").toString());
            String saved = text(browser);
            assertFalse(leavingAsks(browser), "an untouched page lets one leave");
            browser.findElement(By.id("texte")).sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n\nUne phrase jamais enregistrée.");
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> (Long) ((JavascriptExecutor) b).executeScript(
                    "return Math.round(document.getElementById('apercu').scrollTop)") > 0);
            leaveByTheHomeLink(browser);
            browser.get(api.uri("fiches/" + GARAGE + "/modifier").toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("brouillon-restaure"), "Brouillon restauré"));
            assertTrue(text(browser).endsWith("Une phrase jamais enregistrée."), text(browser));
            browser.findElement(By.id("abandonner-brouillon")).click();
            assertEquals(saved, text(browser));
            assertFalse(leavingAsks(browser), "nothing left unsaved");
            assertFalse(browser.findElement(By.id("brouillon-restaure")).getText().contains("Brouillon restauré"));
            assertNull(((JavascriptExecutor) browser).executeScript("return localStorage.getItem('essaim.brouillon.ines." + GARAGE + "')"));
            browser.navigate().refresh();
            assertEquals(saved, text(browser), "nothing is restored any more, and leaving did not ask");
        } finally {
            browser.quit();
        }
    }
}
