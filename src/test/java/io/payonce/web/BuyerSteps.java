package io.payonce.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.function.BooleanSupplier;

/** What a buyer does in the browser, step by step. Waiting goes through Playwright, so route handlers keep running. */
final class BuyerSteps {
    static final double TIMEOUT_MS = 30_000;

    private BuyerSteps() {}

    /** On the cashier: "Continue to …", then the simulator's Pay or Fail button, then back to our return page. */
    static void payAtSimulator(Page page, String button) {
        page.locator("#pay-redirect").click();
        page.waitForURL("**/sim/checkout/**");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
        page.waitForURL("**/checkout/*/return");
    }

    static void awaitState(Page page, String state) {
        page.waitForSelector("#result[data-state='" + state + "']", new Page.WaitForSelectorOptions().setTimeout(TIMEOUT_MS));
    }

    static void waitUntil(Page page, BooleanSupplier condition) {
        page.waitForCondition(condition, new Page.WaitForConditionOptions().setTimeout(TIMEOUT_MS));
    }

    /** The visible headline of the return page's current state. */
    static String headline(Page page) {
        return page.locator("[data-for]:not([hidden]) .state").innerText().strip();
    }

    static String paymentNoInUrl(Page page) {
        String path = java.net.URI.create(page.url()).getPath();
        return path.replaceFirst("^/checkout/", "").replaceFirst("/.*$", "");
    }
}
