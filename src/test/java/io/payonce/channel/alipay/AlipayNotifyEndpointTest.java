package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import io.payonce.support.MerchantReceiver;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /channels/alipay/notify as Alipay calls it: a form body that must reach the parser exactly
 * as sent, the reply Alipay expects ("success" or "fail"), and the inbox's de-duplication on notify_id.
 */
@GatewayTest
class AlipayNotifyEndpointTest extends AlipayTestSupport {
    MerchantReceiver merchantEndpoint;
    GatewayClient api;
    String orderNo;
    String paymentNo;

    @BeforeEach
    void aPaymentPaidAtAlipayWhoseNotificationWeDeliverOurselves() {
        merchantEndpoint = MerchantReceiver.start();
        api = GatewayClient.newMerchant(baseUrl(), Map.of("name", "Alipay Shop", "notifyUrl", merchantEndpoint.url(),
                "pollSchedule", "1h,2h")).api();
        SERVER.dropNotifications(true);
        orderNo = "order-" + System.nanoTime();
        GatewayClient.Reply created = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", 3300,
                "currency", "CNY", "channel", "alipay", "subject", "Tea * cups ~ 茶"));
        paymentNo = created.text("attempt.paymentNo");
        open(created.text("attempt.action.url"));
        SERVER.pay(paymentNo);
    }

    @AfterEach
    void stopEndpoint() {
        merchantEndpoint.close();
    }

    HttpResponse<String> deliver(String body) {
        return postForm(baseUrl() + "/channels/alipay/notify", body);
    }

    /** Percent-encodes everything but letters, digits and -_. with lower-case hex: valid, but not what Java (or Spring) writes. */
    static String unusualForm(Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> {
            StringBuilder encoded = new StringBuilder(name).append('=');
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_' || c == '.') encoded.append(c);
                else encoded.append('%').append(String.format("%02x", b & 0xff));
            }
            form.add(encoded.toString());
        });
        return form.toString();
    }

    @Test
    void theRawFormBodyReachesTheParserExactlyAndAReplayedNotifyIdChangesNothing() {
        Map<String, String> fields = SERVER.notifier.lastFields(paymentNo);
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("sign", AlipayWire.sign(AlipayWire.signContent(fields, AlipayWire.NOTIFY_UNSIGNED), ALIPAY_KEYS.getPrivate()));
        String body = unusualForm(signed);

        HttpResponse<String> first = deliver(body);
        HttpResponse<String> replay = deliver(body);

        assertThat(body).contains("%20").contains("%2a").contains("%e8");
        assertThat(first.body()).isEqualTo("success");
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(replay.body()).as("a replay is acknowledged, so Alipay stops").isEqualTo("success");
        assertThat(jdbc.sql("select body from channel_callback where channel = 'alipay' and event_id = ? and verified")
                .param(fields.get("notify_id")).query(String.class).list()).as("stored once, byte for byte as sent").containsExactly(body);
        assertThat(api.order(orderNo).text("status")).isEqualTo("PAID");
        await().atMost(Duration.ofSeconds(10)).until(() -> merchantEndpoint.received().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> merchantEndpoint.received().size() == 1);
    }

    @Test
    void aNotificationWithAnotherAmountIsAnsweredFailAndChangesNothing() {
        Map<String, String> cheaper = SERVER.notifier.lastFields(paymentNo);
        cheaper.put("total_amount", "0.33");

        HttpResponse<String> refused = deliver(AlipayWire.signedForm(cheaper, ALIPAY_KEYS.getPrivate()));
        HttpResponse<String> genuine = deliver(AlipayWire.signedForm(SERVER.notifier.lastFields(paymentNo), ALIPAY_KEYS.getPrivate()));

        assertThat(refused.body()).isEqualTo("fail");
        assertThat(jdbc.sql("select reject_reason from channel_callback where channel = 'alipay' and not verified and body like ?")
                .param("%total_amount=0.33%").query(String.class).single()).isEqualTo("total_amount 0.33 is not the 33.00 we sent");
        assertThat(genuine.body()).isEqualTo("success");
        assertThat(api.order(orderNo).text("status")).isEqualTo("PAID");
    }
}
