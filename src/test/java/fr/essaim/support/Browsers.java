package fr.essaim.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver} when present. */
public final class Browsers {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

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
}
