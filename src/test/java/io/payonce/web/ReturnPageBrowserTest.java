package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.payonce.support.Browser;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The return page (M9) in a real browser, in the seed-000 conditions: the channel's callbacks are
 * lost and the merchant's own poll is an hour away, so only the page's pull can find the truth,
 * while the network between the buyer and us fails (Playwright aborts or answers 500 to /status).
 */
@GatewayTest
class ReturnPageBrowserTest extends BuyerPagesSupport {
    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    /** Fails /status requests while the network is "down": the first two never reach us, later ones answer 500. */
    private static final class FlakyStatus {
        final AtomicBoolean healthy = new AtomicBoolean(false);
        final List<String> failures = new CopyOnWriteArrayList<>();
        final int networkErrors;

        FlakyStatus(int networkErrors) {
            this.networkErrors = networkErrors;
        }

        void install(Page page, String paymentNo) {
            page.route("**/checkout/" + paymentNo + "/status", route -> {
                if (healthy.get()) {
                    route.resume();
                } else if (failures.size() < networkErrors) {
                    failures.add("network");
                    route.abort("failed");
                } else {
                    failures.add("500");
                    route.fulfill(new Route.FulfillOptions().setStatus(500).setContentType("application/json")
                            .setBody("{\"error\":{\"code\":\"internal_error\",\"message\":\"injected by the test\"}}"));
                }
            });
        }
    }

    @Test
    void callbacks_lost_and_the_first_status_requests_failing_the_page_says_still_confirming_recovers_to_paid_and_reports_every_failure() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        var reply = pay(orderNo, 4999, "USD");
        String paymentNo = reply.text("attempt.paymentNo");
        FlakyStatus network = new FlakyStatus(2);
        try (BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            network.install(page, paymentNo);
            page.navigate(reply.text("checkoutUrl"));
            BuyerSteps.payAtSimulator(page, "Pay");
            BuyerSteps.waitUntil(page, () -> network.failures.size() >= 3);

            assertThat(page.locator("#result").getAttribute("data-state")).isEqualTo("checking");
            assertThat(BuyerSteps.headline(page)).isEqualTo("Still confirming — don't pay again");
            assertThat(page.locator("#try-again").isVisible()).as("no way to pay again while we do not know").isFalse();
            Browser.screenshot(page, "return-confirming");

            network.healthy.set(true);
            BuyerSteps.awaitState(page, "paid");
            assertThat(BuyerSteps.headline(page)).isEqualTo("Paid");
            int failed = network.failures.size();
            BuyerSteps.waitUntil(page, () -> clientEvents(paymentNo).size() == failed);
        }

        List<JsonNode> events = clientEvents(paymentNo).reversed();
        assertThat(events).extracting(e -> e.path("attempt").asInt())
                .as("one report per failed request, numbered as the page polled").containsExactly(
                        IntStream.rangeClosed(1, network.failures.size()).boxed().toArray(Integer[]::new));
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.path("kind").asString()).isEqualTo("status_request_failed");
            assertThat(event.path("page").asString()).isEqualTo("return");
            assertThat(event.path("url").asString()).isEqualTo("/checkout/" + paymentNo + "/status");
            assertThat(event.path("elapsedMs").isIntegralNumber()).as("timing of the failed request").isTrue();
            assertThat(event.path("elapsedMs").asLong()).isBetween(0L, 10_000L);
            assertThat(event.path("browser").asString()).startsWith("HeadlessChrome ");
            assertThat(event.path("userAgent").asString()).contains("HeadlessChrome/");
            if (network.failures.get(i).equals("network")) {
                assertThat(event.path("httpStatus").asInt()).isZero();
                assertThat(event.path("message").asString()).as("the browser's own message").isEqualTo("TypeError: Failed to fetch");
            } else {
                assertThat(event.path("httpStatus").asInt()).isEqualTo(500);
                assertThat(event.path("message").asString()).startsWith("HTTP 500");
            }
        }
        JsonNode groups = admin.get("/v1/admin/client-events?page=return&browser=HeadlessChrome&paymentNo=" + paymentNo).body().path("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("count").asInt()).isEqualTo(network.failures.size());
        assertThat(capturedForOrder(orderNo)).isEqualTo(4999);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
    }

    @Test
    void a_reload_in_the_middle_continues_the_poll_schedule_and_loses_no_report() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        var reply = pay(orderNo, 2500, "USD");
        String paymentNo = reply.text("attempt.paymentNo");
        FlakyStatus network = new FlakyStatus(Integer.MAX_VALUE);
        try (BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            network.install(page, paymentNo);
            page.navigate(reply.text("checkoutUrl"));
            BuyerSteps.payAtSimulator(page, "Pay");
            BuyerSteps.waitUntil(page, () -> network.failures.size() >= 2);
            page.waitForTimeout(300); // the second failure is queued; the third poll is a second away
            int pollsBeforeReload = pollNumber(page, paymentNo);

            page.reload();

            assertThat(page.locator("#result").getAttribute("data-state")).as("the truth from the server: not known yet")
                    .isEqualTo("checking");
            BuyerSteps.waitUntil(page, () -> network.failures.size() >= pollsBeforeReload + 2);
            assertThat(pollNumber(page, paymentNo)).as("the schedule went on, it did not start again")
                    .isGreaterThanOrEqualTo(pollsBeforeReload + 2);
            network.healthy.set(true);
            BuyerSteps.awaitState(page, "paid");
            int failed = network.failures.size();
            BuyerSteps.waitUntil(page, () -> clientEvents(paymentNo).size() == failed);
        }

        assertThat(clientEvents(paymentNo).reversed()).extracting(e -> e.path("attempt").asInt())
                .as("reports from before and after the reload, each poll once")
                .containsExactly(IntStream.rangeClosed(1, network.failures.size()).boxed().toArray(Integer[]::new));
        assertThat(capturedForOrder(orderNo)).isEqualTo(2500);
    }

    @Test
    void a_failed_attempt_says_not_paid_try_again_and_the_button_starts_a_new_attempt_through_the_duplicate_rules() {
        String orderNo = newOrderNo();
        var reply = pay(orderNo, 1250, "EUR");
        String first = reply.text("attempt.paymentNo");
        try (BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            page.navigate(reply.text("checkoutUrl"));
            BuyerSteps.payAtSimulator(page, "Fail");
            BuyerSteps.awaitState(page, "failed");
            assertThat(BuyerSteps.headline(page)).isEqualTo("Not paid — try again");
            Browser.screenshot(page, "return-not-paid");
            Page staleTab = phone.newPage();
            staleTab.navigate(page.url());
            BuyerSteps.awaitState(staleTab, "failed");

            page.locator("#try-again").click();
            page.waitForURL(url -> url.matches(".*/checkout/p[a-z0-9]+$") && !url.endsWith(first));
            String second = BuyerSteps.paymentNoInUrl(page);
            assertThat(page.locator("#attempts").innerText()).isEqualTo("Payment attempt 2 of 3");
            BuyerSteps.payAtSimulator(page, "Pay");
            BuyerSteps.awaitState(page, "paid");

            staleTab.locator("#try-again").click();
            staleTab.waitForURL("**/checkout/" + second + "/return");
            BuyerSteps.awaitState(staleTab, "paid");
            staleTab.navigate(reply.text("checkoutUrl") + "/return");
            BuyerSteps.awaitState(staleTab, "paid");
            assertThat(BuyerSteps.headline(staleTab)).as("the first attempt's page shows the order paid").isEqualTo("Paid");
        }
        assertThat(api.order(orderNo).body().path("attempts")).as("the stale tab's click made no attempt").hasSize(2);
        assertThat(sim.ledgerLine(first).path("capturedAmount").asLong()).isZero();
        assertThat(capturedForOrder(orderNo)).as("captured once").isEqualTo(1250);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
    }

    private static int pollNumber(Page page, String paymentNo) {
        Object attempt = page.evaluate("p => JSON.parse(sessionStorage.getItem('payonce.poll.' + p)).attempt", paymentNo);
        return ((Number) attempt).intValue();
    }
}
