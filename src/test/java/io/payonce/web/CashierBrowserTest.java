package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.payonce.support.Browser;
import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cashier in a real browser (Debian chromium): on a phone and on a desktop, then paying at the simulator. */
@GatewayTest
class CashierBrowserTest extends BuyerPagesSupport {
    private static final int PHONE_WIDTH_PX = 390;
    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    @Test
    void a_buyer_on_a_phone_opens_the_cashier_pays_on_the_simulators_page_and_comes_back_to_paid() {
        String orderNo = newOrderNo();
        GatewayClient.Reply reply = pay(orderNo, 1999, "USD");
        String paymentNo = reply.text("attempt.paymentNo");
        try (BrowserContext phone = browser.phone()) {
            Page page = phone.newPage();
            page.navigate(reply.text("checkoutUrl"));

            assertThat(page.locator("#merchant").innerText()).isEqualTo("Tea House");
            assertThat(page.locator("#subject").innerText()).isEqualTo("Oolong tea, 250 g");
            assertThat(page.locator("#amount").innerText()).isEqualToIgnoringWhitespace("19.99USD");
            assertThat(page.locator("#pay-redirect").innerText()).isEqualTo("Continue to PayOnce Simulator");
            assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue()).as("no sideways scrolling on a phone")
                    .isEqualTo(PHONE_WIDTH_PX);
            BoundingBox button = page.locator("#pay-redirect").boundingBox();
            assertThat(button.x + button.width).isLessThanOrEqualTo(PHONE_WIDTH_PX);
            assertThat(button.height).as("a thumb-sized button").isGreaterThanOrEqualTo(44);
            Browser.screenshot(page, "cashier-phone");

            BuyerSteps.payAtSimulator(page, "Pay");
            BuyerSteps.awaitState(page, "paid");

            assertThat(page.url()).endsWith("/checkout/" + paymentNo + "/return");
            assertThat(BuyerSteps.headline(page)).isEqualTo("Paid");
            assertThat(page.locator("#back").getAttribute("href")).isEqualTo("https://shop.example/orders/" + orderNo);
            Browser.screenshot(page, "return-paid");
        }
        assertThat(capturedForOrder(orderNo)).isEqualTo(1999);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
    }

    @Test
    void on_a_desktop_the_cashier_is_a_centred_card_and_its_button_leads_to_the_channels_page() {
        GatewayClient.Reply reply = pay(newOrderNo(), 150000, "JPY");
        try (BrowserContext desktop = browser.desktop()) {
            Page page = desktop.newPage();
            page.navigate(reply.text("checkoutUrl"));

            assertThat(page.locator("#amount").innerText()).as("yen have no minor digits").isEqualToIgnoringWhitespace("150,000JPY");
            BoundingBox card = page.locator("main.card").boundingBox();
            assertThat(card.width).isLessThanOrEqualTo(480);
            assertThat(Math.abs(card.x - (1280 - card.x - card.width))).as("centred").isLessThan(2);
            assertThat(page.locator("#pay-redirect").getAttribute("href")).isEqualTo(reply.text("attempt.action.url"));
            assertThat(page.locator("#attempts").innerText()).isEqualTo("Payment attempt 1 of 3");
            Browser.screenshot(page, "cashier-desktop");
        }
    }
}
