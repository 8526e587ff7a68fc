package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.payonce.support.Browser;
import io.payonce.support.GatewayTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A QR payment, as with Alipay's or WeChat Pay's Native flow: the simulator is set to answer with a
 * {@code qr} action (its own checkout address), the cashier on a desktop draws it, a phone "scans" it
 * (the test decodes the PNG with zxing) and pays, and the desktop cashier moves on to "paid" by itself.
 * The simulator's queries are slowed past the page's request timeout first, so the cashier's polls time out.
 */
@GatewayTest
@TestPropertySource(properties = {"payonce.sim.action-type=qr", "payonce.pages.poll-request-timeout=1500ms"})
class QrCashierBrowserTest extends BuyerPagesSupport {
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
    void a_desktop_buyer_scans_the_qr_code_pays_on_a_phone_and_the_cashier_moves_on_to_paid() throws Exception {
        String orderNo = newOrderNo();
        var reply = pay(orderNo, 880, "USD");
        String paymentNo = reply.text("attempt.paymentNo");
        assertThat(reply.text("attempt.action.type")).isEqualTo("qr");
        sim.faults(Map.of("queryLatencyMs", 2_500));
        try (BrowserContext desktop = browser.desktop(); BrowserContext phone = browser.phone()) {
            Page cashier = desktop.newPage();
            cashier.navigate(reply.text("checkoutUrl"));
            cashier.waitForFunction("() => document.getElementById('qr').complete && document.getElementById('qr').naturalWidth > 0");

            assertThat(((Number) cashier.evaluate("document.getElementById('qr').naturalWidth")).intValue()).isEqualTo(280);
            String scanned = decode(new BuyerHttp(baseUrl()).bytes("/checkout/" + paymentNo + "/qr.png"));
            assertThat(scanned).isEqualTo(reply.text("attempt.action.code")).contains("/sim/checkout/");
            Browser.screenshot(cashier, "cashier-qr");
            BuyerSteps.waitUntil(cashier, () -> clientEvents(paymentNo).stream().anyMatch(e -> e.path("message").asString().startsWith("TimeoutError")));
            sim.faults(Map.of("queryLatencyMs", 0));

            Page phonePage = phone.newPage();
            phonePage.navigate(scanned);
            phonePage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay").setExact(true)).click();
            BuyerSteps.awaitState(phonePage, "paid");

            cashier.waitForURL("**/checkout/" + paymentNo + "/return", new Page.WaitForURLOptions().setTimeout(BuyerSteps.TIMEOUT_MS));
            BuyerSteps.awaitState(cashier, "paid");
        }
        JsonNode timeout = clientEvents(paymentNo).stream().filter(e -> e.path("message").asString().startsWith("TimeoutError"))
                .findFirst().orElseThrow();
        assertThat(timeout.path("message").asString()).isEqualTo("TimeoutError: timed out after 1500 ms");
        assertThat(timeout.path("page").asString()).isEqualTo("cashier");
        assertThat(timeout.path("httpStatus").asInt()).isZero();
        assertThat(timeout.path("elapsedMs").asLong()).isBetween(1_500L, 5_000L);
        assertThat(capturedForOrder(orderNo)).isEqualTo(880);
    }

    @Test
    void the_qr_image_is_a_fixed_size_png_and_only_for_a_live_attempt() throws Exception {
        String orderNo = newOrderNo();
        var reply = pay(orderNo, 300, "USD");
        String paymentNo = reply.text("attempt.paymentNo");
        BuyerHttp http = new BuyerHttp(baseUrl());

        HttpResponse<byte[]> image = http.bytes("/checkout/" + paymentNo + "/qr.png");
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(png.getWidth()).isEqualTo(280);
        assertThat(png.getHeight()).isEqualTo(280);

        sim.fail(paymentNo);
        awaitResult(paymentNo, "failed");
        assertThat(http.bytes("/checkout/" + paymentNo + "/qr.png").statusCode()).as("an ended attempt's code is not shown").isEqualTo(404);
    }

    private static String decode(HttpResponse<byte[]> png) throws IOException, NotFoundException, ChecksumException, FormatException {
        assertThat(png.statusCode()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
