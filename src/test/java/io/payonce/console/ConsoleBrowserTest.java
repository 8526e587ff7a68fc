package io.payonce.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.payonce.shared.ShiftableClock;
import io.payonce.support.Browser;
import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.SimulatorClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Whole stories in Debian's Chromium: an operator signs in and finds a late duplicate refunded,
 * re-sends a dead notification, reads the buyer pages' errors; an admin creates a merchant and
 * sees its key once; a bad policy changes nothing; an operator cannot touch keys. Saves the
 * README's screenshots as docs/screenshots/console-*.png.
 */
@GatewayTest
@TestPropertySource(properties = "payonce.notify.retry-schedule=200ms,200ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // so the queue's screenshot also shows the buyer pages' errors
class ConsoleBrowserTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static Browser browser;

    @LocalServerPort int port;
    @Autowired ShiftableClock clock;
    @Autowired JdbcClient jdbc;
    SimulatorClient sim;
    MerchantReceiver receiver;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @BeforeEach
    void simulatorAndReceiver() {
        sim = new SimulatorClient(baseUrl());
        sim.resetFaults();
        receiver = MerchantReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        sim.resetFaults();
    }

    @Test
    @Order(2)
    void an_operator_finds_a_duplicate_paid_late_in_the_queue_as_refunded_and_reads_its_order_timeline() {
        GatewayClient api = merchant("Late Duplicate Shop", receiver.url()).api();
        sim.faults(Map.of("closeBlockedForMs", 120_000));
        String orderNo = "dup-" + System.nanoTime();
        String late = api.pay(orderNo, 2500, "USD").text("attempt.paymentNo");
        clock.advance(Duration.ofSeconds(11));
        String paying = api.pay(orderNo, 2500, "USD").text("attempt.paymentNo");
        sim.pay(paying);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.order(orderNo).text("status").equals("PAID"));
        sim.pay(late);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(api.order(orderNo).body().path("refunds").path(0).path("status").asString()));

        try (BrowserContext context = browser.desktop()) {
            Page page = signIn(context, ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/console/queues");
            Locator row = page.locator("#duplicates tr", new Page.LocatorOptions().setHasText(late));
            assertThat(row).hasCount(1);
            assertThat(row).containsText("REFUNDED");
            assertThat(row).containsText("25.00 USD");
            Browser.screenshot(page, "console-queues");

            row.getByText(orderNo).click();
            assertThat(page.locator("h1")).containsText(orderNo);
            Locator timeline = page.locator("ol.timeline");
            assertThat(timeline).containsText("duplicate success");
            assertThat(timeline).containsText("paid the order");
            assertThat(timeline).containsText("callback received (sim)");
            assertThat(timeline).containsText("query at sim");
            assertThat(timeline.locator("li.refund")).not().hasCount(0);
            assertThat(timeline.locator("li.notification")).not().hasCount(0);
            assertThat(page.locator("table").first()).containsText("duplicate");
            Browser.screenshot(page, "console-order-timeline");

            page.navigate(baseUrl() + "/console/orders");
            page.fill("input[name=q]", orderNo);
            page.click("form.filters button[type=submit]");
            assertThat(page.locator("table.orders tbody tr")).hasCount(1);
            assertThat(page.locator("table.orders tbody")).containsText("duplicate refunded");
            page.navigate(baseUrl() + "/console/orders");
            Browser.screenshot(page, "console-orders");

            page.navigate(baseUrl() + "/console/dashboard");
            assertThat(page.locator(".stat.duplicate .n")).not().hasText("0");
            assertThat(page.locator("svg.chart")).hasCount(4);
            Browser.screenshot(page, "console-dashboard");
        }
    }

    @Test
    void an_operator_resends_a_dead_notification_and_the_merchant_receives_it() {
        receiver.answerWith(500);
        GatewayClient api = merchant("Dead Letter Shop", receiver.url()).api();
        String orderNo = "dead-" + System.nanoTime();
        String paymentNo = api.pay(orderNo, 1200, "EUR").text("attempt.paymentNo");
        sim.pay(paymentNo);
        await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(notificationStatus(paymentNo)));
        String notificationId = notificationId(paymentNo);
        int deliveriesBefore = receiver.received().size();
        receiver.answerWith(204);

        try (BrowserContext adminContext = browser.desktop(); BrowserContext operatorContext = browser.desktop()) {
            String operator = addOperator(signIn(adminContext, ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD), "OPERATOR");
            Page page = signIn(operatorContext, operator, "operator-password-1");
            page.navigate(baseUrl() + "/console/queues");
            Locator row = page.locator("#dead-notifications tr[data-notification='" + notificationId + "']");
            assertThat(row).containsText("HTTP 500");
            row.getByText("Re-send").click();

            assertThat(page.locator(".notice")).containsText("is being sent again");
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(notificationStatus(paymentNo)));
            assertThat(receiver.received()).hasSize(deliveriesBefore + 1);
            assertThat(receiver.received().getLast().rawBody()).contains(orderNo, "payment.succeeded");
            page.reload();
            assertThat(page.locator("#dead-notifications tr[data-notification='" + notificationId + "']")).hasCount(0);
            page.navigate(baseUrl() + "/console/orders/" + orderId(paymentNo));
            assertThat(page.locator("ol.timeline")).containsText("resent by an operator");
            assertThat(page.locator("ol.timeline")).containsText("attempt 1 failed: HTTP 500");
        }
    }

    @Test
    @Order(1)
    void the_return_pages_own_errors_show_in_the_console_grouped_by_page_and_browser() {
        GatewayClient api = merchant("Flaky Network Shop", null).api();
        String paymentNo = api.pay("flaky-" + System.nanoTime(), 700, "USD").text("attempt.paymentNo");

        try (BrowserContext iphone = browser.phone(); BrowserContext desktop = browser.desktop()) {
            iphone.setExtraHTTPHeaders(Map.of("User-Agent", SAFARI_IPHONE));
            for (BrowserContext buyer : new BrowserContext[] {iphone, desktop}) {
                // counted per browser: a closed page's last reports (sendBeacon) may still be arriving
                String userAgent = buyer == iphone ? "%iPhone%" : "%HeadlessChrome%";
                long before = clientEvents(paymentNo, userAgent);
                Page page = buyer.newPage();
                page.route("**/checkout/*/status", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                        .setStatus(503).setBody("unavailable")));
                page.navigate(baseUrl() + "/checkout/" + paymentNo + "/return");
                // Playwright for Java runs route handlers only inside its own calls: wait in the page, not in awaitility
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (clientEvents(paymentNo, userAgent) <= before && System.nanoTime() < deadline) page.waitForTimeout(200);
                assertThat(clientEvents(paymentNo, userAgent)).as("the page reported its failed status requests").isGreaterThan(before);
                page.close();
            }
        }

        try (BrowserContext context = browser.desktop()) {
            Page page = signIn(context, ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/console/queues#client-errors");
            Locator groups = page.locator("#client-errors tr.client-error-group");
            Locator safari = groups.filter(new Locator.FilterOptions().setHasText("Safari (iOS)"));
            Locator chrome = groups.filter(new Locator.FilterOptions().setHasText("Chrome headless (Linux)"));
            assertThat(safari).hasCount(1);
            assertThat(chrome).hasCount(1);
            assertThat(safari).containsText("status_request_failed");
            assertThat(safari).containsText("HTTP 503");
            assertThat(safari.locator("td").first()).hasText("return");
            assertThat(chrome).containsText(paymentNo);
        }
    }

    @Test
    void an_admin_creates_a_merchant_sees_its_key_once_and_a_bad_policy_changes_nothing() {
        try (BrowserContext context = browser.desktop()) {
            Page page = signIn(context, ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/console/merchants");
            page.getByText("New merchant").click();
            String name = "Browser Shop " + NAMES.incrementAndGet();
            page.fill("input[name=name]", name);
            page.fill("input[name=notifyUrl]", receiver.url());
            page.getByText("Create merchant").click();

            String apiKey = page.locator("#api-key").textContent();
            assertThat(apiKey).startsWith("sk_");
            assertThat(page.locator("#webhook-secret")).containsText("whsec_");
            assertThat(new GatewayClient(baseUrl(), apiKey).order("no-such-order").status()).as("the key works").isEqualTo(404);
            Browser.screenshot(page, "console-merchant-key-once");
            String merchantPath = page.url().substring(baseUrl().length());
            String merchantId = merchantPath.substring(merchantPath.lastIndexOf('/') + 1);

            page.reload();
            assertThat(page.locator("#api-key")).hasCount(0);
            assertThat(page.locator("#no-key")).isVisible();
            assertThat(page.content()).doesNotContain(apiKey);

            page.getByText("Edit policy").click();
            page.fill("input[name=maxAttempts]", "99");
            page.fill("input[name=pollSchedule]", "5s,soon");
            page.getByText("Save policy").click();
            assertThat(page.locator(".field-error[data-field=maxAttempts]")).hasText("max attempts must be a whole number from 1 to 20");
            assertThat(page.locator(".field-error[data-field=pollSchedule]")).containsText("'soon'");
            assertThat(page.locator(".problem")).containsText("Nothing was saved");
            assertThat(jdbc.sql("select max_attempts from merchant where merchant_id = ?").param(merchantId).query(Integer.class).single())
                    .isEqualTo(3);
            assertThat(jdbc.sql("select poll_schedule from merchant where merchant_id = ?").param(merchantId).query(String.class).single())
                    .doesNotContain("soon");

            page.fill("input[name=maxAttempts]", "5");
            page.fill("input[name=pollSchedule]", "5s,30s,5m");
            page.getByText("Save policy").click();
            assertThat(page.locator(".notice")).containsText("Policy saved");
            assertThat(page.locator("#max-attempts")).hasText("5");

            page.onDialog(dialog -> dialog.accept());
            page.getByText("Rotate API key").click();
            String rotated = page.locator("#api-key").textContent();
            assertThat(rotated).startsWith("sk_").isNotEqualTo(apiKey);
            assertThat(new GatewayClient(baseUrl(), apiKey).order("no-such-order").status()).as("the old key is dead").isEqualTo(401);
            assertThat(new GatewayClient(baseUrl(), rotated).order("no-such-order").status()).isEqualTo(404);

            page.navigate(baseUrl() + "/console/merchants");
            assertThat(page.locator("table")).containsText(name);
            Browser.screenshot(page, "console-merchants");
        }
    }

    @Test
    void an_operator_can_neither_see_nor_rotate_keys_nor_open_admin_pages() {
        GatewayClient.Merchant merchant = merchant("Guarded Shop", null);
        try (BrowserContext adminContext = browser.desktop(); BrowserContext operatorContext = browser.desktop()) {
            String operator = addOperator(signIn(adminContext, ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD), "OPERATOR");
            Page page = signIn(operatorContext, operator, "operator-password-1");

            page.navigate(baseUrl() + "/console/merchants/" + merchant.merchantId());
            assertThat(page.locator("h1")).hasText("Guarded Shop");
            assertThat(page.locator("#no-key")).isVisible();
            assertThat(page.getByText("Rotate API key")).hasCount(0);
            assertThat(page.getByText("Edit policy")).hasCount(0);
            assertThat(page.locator("header nav")).not().containsText("Operators");

            String csrf = page.locator("input[name=_csrf]").first().getAttribute("value");
            APIResponse forced = operatorContext.request().post(baseUrl() + "/console/merchants/" + merchant.merchantId() + "/rotate-api-key",
                    RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)).setMaxRedirects(0));
            assertThat(forced.status()).isEqualTo(403);
            assertThat(merchant.api().order("no-such-order").status()).as("the key was not rotated").isEqualTo(404);

            page.navigate(baseUrl() + "/console/merchants/new");
            assertThat(page.locator("h1")).hasText("Not allowed");
            page.navigate(baseUrl() + "/console/operators");
            assertThat(page.locator("h1")).hasText("Not allowed");
        }
    }

    private Page signIn(BrowserContext context, String username, String password) {
        Page page = context.newPage();
        page.navigate(baseUrl() + "/console/orders");
        assertThat(page).hasURL(baseUrl() + "/console/login");
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", password);
        page.click("button[type=submit]");
        assertThat(page.locator("header .who")).containsText(username);
        return page;
    }

    /** The admin adds an operator through the Operators page; its password is operator-password-1. */
    private String addOperator(Page adminPage, String role) {
        String username = "ops-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        adminPage.navigate(baseUrl() + "/console/operators");
        adminPage.fill("input[name=username]", username);
        adminPage.selectOption("select[name=role]", role);
        adminPage.fill("input[name=password]", "operator-password-1");
        adminPage.getByText("Add operator").click();
        assertThat(adminPage.locator(".notice")).containsText(username);
        return username;
    }

    private GatewayClient.Merchant merchant(String name, String notifyUrl) {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("name", name,
                "pollSchedule", "1s,1s,1s,2s,2s,3s,5s", "supersededPollSchedule", "500ms,1s,1s,2s,3s"));
        if (notifyUrl != null) fields.put("notifyUrl", notifyUrl);
        return GatewayClient.newMerchant(baseUrl(), fields);
    }

    private String notificationStatus(String paymentNo) {
        return jdbc.sql("""
                select n.status from notification n join payment_attempt a on a.order_id = n.order_id
                where a.payment_no = ? and n.type = 'payment.succeeded'""").param(paymentNo).query(String.class).optional().orElse(null);
    }

    private String notificationId(String paymentNo) {
        return jdbc.sql("""
                select n.notification_id from notification n join payment_attempt a on a.order_id = n.order_id
                where a.payment_no = ? and n.type = 'payment.succeeded'""").param(paymentNo).query(String.class).single();
    }

    private long orderId(String paymentNo) {
        return jdbc.sql("select order_id from payment_attempt where payment_no = ?").param(paymentNo).query(Long.class).single();
    }

    private long clientEvents(String paymentNo, String userAgentLike) {
        return jdbc.sql("select count(*) from client_event where payment_no = ? and user_agent like ?")
                .param(paymentNo).param(userAgentLike).query(Long.class).single();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
