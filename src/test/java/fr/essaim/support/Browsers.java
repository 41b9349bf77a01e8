package fr.essaim.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver} when present. */
public final class Browsers {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browsers() {
    }

    /** A French browser with a window of this size, quiet: no updates, sync or background traffic. */
    public static ChromeOptions options(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--lang=fr-FR");
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toString());
        }
        return options;
    }

    public static ChromeDriver chromium(int width, int height) {
        return chromium(options(width, height));
    }

    public static ChromeDriver chromium(ChromeOptions options) {
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        if (Files.isExecutable(DRIVER)) {
            service.usingDriverExecutable(new File(DRIVER.toString()));
        }
        return new ChromeDriver(service.build(), options);
    }

    /**
     * The violations axe-core finds on the current page under these tags (every rule when none),
     * one line each with up to three of its elements; empty when none. Prints the counts.
     */
    public static String axeViolations(WebDriver browser, String name, List<String> tags) {
        AxeBuilder axe = new AxeBuilder();
        if (!tags.isEmpty()) {
            axe.withTags(tags);
        }
        Results results = axe.analyze(browser);
        List<Rule> violations = results.getViolations();
        System.out.println("axe " + name + " : " + violations.size() + " violation(s), " + results.getPasses().size()
                + " règles respectées");
        StringBuilder report = new StringBuilder();
        for (Rule rule : violations) {
            report.append(name).append(": ").append(rule.getId()).append(" — ").append(rule.getHelp()).append(" — ")
                    .append(rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget()))
                            .collect(Collectors.joining(" ; "))).append('\n');
        }
        return report.toString();
    }

    /** The whole page, as tall as it is (up to 5000 px), as target/screenshots/{name}.png. */
    public static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(5000, height + 120)));
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(window);
        }
    }
}
