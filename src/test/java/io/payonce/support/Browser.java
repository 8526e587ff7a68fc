package io.payonce.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Headless Debian Chromium driven by Playwright. Playwright's own browser download is skipped
 * (no network here): {@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} is set by surefire, and
 * {@code .ci/run} installs the {@code chromium} package. Flags as on this machine's probe:
 * without the background-networking ones Chromium keeps dialling hosts it cannot reach.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("payonce.chromium", "/usr/bin/chromium"));
    public static final Path SCREENSHOTS = Path.of("docs/screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium package (.ci/run does)");
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A fresh context (own cookies and storage), desktop-sized. */
    public BrowserContext desktop() {
        return browser.newContext(new NewContextOptions().setViewportSize(1280, 900));
    }

    /** A fresh context the size of a phone, with touch. */
    public BrowserContext phone() {
        return browser.newContext(new NewContextOptions().setViewportSize(390, 844).setIsMobile(true).setHasTouch(true)
                .setDeviceScaleFactor(2));
    }

    /** Saves a full-page screenshot as docs/screenshots/{name}.png for the README. */
    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
