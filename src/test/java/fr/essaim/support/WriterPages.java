package fr.essaim.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests check on the pages of the people who write: signing in through the form,
 * axe-core under the WCAG 2.1 A and AA rules, no English state, role or kind shown, no sideways
 * scroll on a phone, and screenshots under target/screenshots.
 */
public final class WriterPages {

    /**
     * The enum names of the code that a French page must never show: review and sheet states, roles,
     * and the kind keys that are not French words ({@code innovation}, {@code notion} and
     * {@code dispositif} are). Case matters: « Administration » is French, « admin » is not.
     */
    public static final Pattern ENUM_WORDS = Pattern.compile("\\b(DRAFT|SUBMITTED|REJECTED|SUPERSEDED|PUBLISHED|ARCHIVED"
            + "|WITHDRAWN|UNPUBLISHED|contributor|editor|admin|experience|vademecum)\\b");
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /**
     * The text a reader sees or hears: the page's text, button labels, placeholders, titles and
     * ARIA labels. Left out: what people typed and named (account names, the Markdown source of a
     * diff, marked {@code translate="no"}) and code samples.
     */
    private static final String READABLE_TEXT = "const body = document.body.cloneNode(true);"
            + "body.querySelectorAll('[translate=no], code, pre, script, style, template').forEach(e => e.remove());"
            + "const parts = [body.innerText];"
            + "body.querySelectorAll('input[type=submit], input[type=button], button').forEach(e => parts.push(e.value || ''));"
            + "body.querySelectorAll('[placeholder], [title], [aria-label], img[alt]').forEach(e => parts.push("
            + "e.getAttribute('placeholder') || '', e.getAttribute('title') || '', e.getAttribute('aria-label') || '',"
            + "e.getAttribute('alt') || ''));"
            + "parts.push(document.title); return parts.join('\\n');";

    private WriterPages() {
    }

    /** Signs in through /connexion with the keyboard: name, Tab, password, Enter. */
    public static void signIn(WebDriver browser, String base, String name, String password) {
        browser.get(base + "connexion");
        browser.findElement(By.id("nom")).sendKeys(name + "\t" + password + "\n");
        waiting(browser).until(ExpectedConditions.not(ExpectedConditions.urlContains("/connexion")));
    }

    public static void signOut(WebDriver browser, String base) {
        browser.manage().deleteAllCookies();
        browser.get(base);
    }

    public static WebDriverWait waiting(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** The enum names the current page shows as text, with a little context each; empty when none. */
    public static List<String> enumWordsShown(WebDriver browser) {
        String text = (String) ((JavascriptExecutor) browser).executeScript(READABLE_TEXT);
        List<String> found = new ArrayList<>();
        Matcher word = ENUM_WORDS.matcher(text);
        while (word.find()) {
            found.add("« " + text.substring(Math.max(0, word.start() - 30), Math.min(text.length(), word.end() + 30))
                    .replaceAll("\\s+", " ") + " »");
        }
        return found;
    }

    /** The WCAG 2.1 A/AA violations axe-core finds on the current page, one line each; empty when none. */
    public static String axeViolations(WebDriver browser, String name) {
        return Browsers.axeViolations(browser, name, WCAG_21_AA);
    }

    /** How far the current page scrolls sideways: its scroll width beyond the window's width. */
    public static long sidewaysScroll(WebDriver browser) {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    public static long scrollWidth(WebDriver browser) {
        return (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;");
    }

    /** The whole page, as tall as it is (up to 5000 px), as target/screenshots/{name}.png. */
    public static void screenshot(WebDriver browser, String name) throws IOException {
        Browsers.screenshot(browser, name);
    }
}
