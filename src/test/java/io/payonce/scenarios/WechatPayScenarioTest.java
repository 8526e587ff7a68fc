package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.channel.wechatpay.WechatPayNotification;
import io.payonce.channel.wechatpay.WechatPayProtocolServer;
import io.payonce.channel.wechatpay.WechatPayTestKeys;
import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway on WeChat Pay, over HTTP, against the protocol server: the seed-000 story, WeChat's
 * "no close right after create" rule with a late payment of the old QR code (M5, M6), and
 * notifications refused, replayed and redelivered (M11). Polls are slow (first after an hour), so
 * only M3, the fast schedule of superseded attempts, and notifications find the truth.
 */
@GatewayTest
class WechatPayScenarioTest extends ScenarioSupport {
    static final WechatPayProtocolServer WECHAT = WechatPayProtocolServer.shared();

    @DynamicPropertySource
    static void wechatpay(DynamicPropertyRegistry registry) {
        WechatPayTestKeys.gatewayProperties(WECHAT.baseUrl()).forEach((name, value) -> registry.add(name, () -> value));
    }

    @Override
    Map<String, Object> policy() {
        return Map.of("pollSchedule", "1h,2h");
    }

    @BeforeEach
    void wechatOnTheGatewaysClock() {
        WECHAT.reset();
        WECHAT.useClock(clock);
    }

    @AfterEach
    void resetWechat() {
        WECHAT.reset();
    }

    @Test
    void seed_000_on_wechatpay_notifications_lost_and_page_pull_failing_the_buyer_pays_and_asks_again_four_minutes_later() {
        WECHAT.dropNotifications(true);
        WECHAT.failQueries(true);
        String orderNo = newOrderNo();
        Reply first = pay(orderNo, 4999, Map.of());
        String paymentNo = first.text("attempt.paymentNo");
        assertThat(first.text("attempt.action.type")).isEqualTo("qr");
        assertThat(first.text("attempt.action.code")).startsWith("weixin://wxpay/bizpayurl");
        WECHAT.pay(paymentNo);
        var page = new GatewayClient(baseUrl(), null);
        assertThat(page.get("/checkout/" + paymentNo + "/status").text("result")).as("the page cannot learn the truth").isEqualTo("checking");
        WECHAT.failQueries(false);
        clock.advance(Duration.ofMinutes(4));

        Reply again = pay(orderNo, 4999, Map.of());

        assertThat(again.text("decision")).isEqualTo("ALREADY_PAID");
        assertThat(again.text("attempt.paymentNo")).isEqualTo(paymentNo);
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(1);
        assertThat(WECHAT.prepayAnswers(paymentNo)).as("one WeChat Pay order").isEqualTo(1);
        assertThat(WECHAT.captured(paymentNo)).isEqualTo(4999);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sales().size() == 1);
        assertThat(sales().getFirst().path("data").path("currency").asString()).isEqualTo("CNY");
    }

    @Test
    void m5_m6_close_refused_right_after_create_the_buyer_switches_to_jsapi_then_pays_the_old_qr_late_and_is_refunded() {
        WECHAT.refuseCloseWithin(Duration.ofMinutes(5));
        String orderNo = newOrderNo();
        String old = pay(orderNo, 2500, Map.of()).text("attempt.paymentNo");
        clock.advance(Duration.ofSeconds(11));

        Reply switched = pay(orderNo, 2500, Map.of("tradeType", "JSAPI", "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));

        assertThat(switched.text("decision")).isEqualTo("NEW_ATTEMPT");
        assertThat(switched.text("attempt.action.type")).isEqualTo("sdk");
        assertThat(switched.text("attempt.action.package")).startsWith("prepay_id=");
        assertThat(WECHAT.closeRefusals()).as("WeChat Pay refused to close the QR order").isPositive();
        JsonNode superseded = attempt(orderNo, old);
        assertThat(superseded.path("status").asString()).isEqualTo("PENDING");
        assertThat(superseded.path("superseded").asBoolean()).as("kept on the fast schedule (M5)").isTrue();
        String paying = switched.text("attempt.paymentNo");

        WECHAT.pay(paying);
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(15));
        WECHAT.dropNotifications(true);
        WECHAT.pay(old);

        await().atMost(Duration.ofSeconds(30)).until(() -> WECHAT.refunded(old) == 2500);
        JsonNode late = attempt(orderNo, old);
        assertThat(late.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(late.path("duplicate").asBoolean()).isTrue();
        assertThat(WECHAT.captured(old) - WECHAT.refunded(old) + WECHAT.captured(paying) - WECHAT.refunded(paying))
                .as("the buyer paid once, net").isEqualTo(2500);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.order(orderNo).body().path("refunds").get(0).path("status").asString().equals("SUCCEEDED"));
        JsonNode order = api.order(orderNo).body();
        assertThat(order.path("status").asString()).as("a duplicate refund is not the merchant's refund").isEqualTo("PAID");
        assertThat(order.path("refunds").get(0).path("kind").asString()).isEqualTo("DUPLICATE");
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        assertThat(sales()).extracting(n -> n.path("data").path("paymentNo").asString()).containsExactly(paying);
    }

    @Test
    void m11_a_signed_notification_with_another_amount_is_refused_and_recorded_a_replay_is_refused_a_redelivery_applied_once()
            throws Exception {
        WECHAT.dropNotifications(true);
        String orderNo = newOrderNo();
        String paymentNo = pay(orderNo, 1800, Map.of()).text("attempt.paymentNo");
        WECHAT.pay(paymentNo);

        HttpResponse<String> otherAmount = post(WECHAT.paymentNotificationReporting(paymentNo, 1));
        assertThat(otherAmount.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(otherAmount.body()).path("code").asString()).isEqualTo("FAIL");
        assertThat(api.order(orderNo).text("status")).isEqualTo("PAYING");
        assertThat(jdbc.sql("select reject_reason from channel_callback where channel = 'wechatpay' and not verified and payment_no = ?")
                .param(paymentNo).query(String.class).list()).singleElement().asString().contains("amount 1 CNY");

        WechatPayNotification genuine = WECHAT.paymentNotification(paymentNo, Instant.now());
        HttpResponse<String> accepted = post(genuine);
        HttpResponse<String> replayed = post(genuine);
        var redelivered = WECHAT.resendPaymentNotification(paymentNo);

        assertThat(accepted.statusCode()).isEqualTo(204);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("replayed");
        assertThat(redelivered.status()).as("WeChat's own retry, same id, fresh nonce: acknowledged").isEqualTo(204);
        assertThat(api.order(orderNo).text("status")).isEqualTo("PAID");
        assertThat(count("select count(*) from channel_callback where payment_no = ? and verified", paymentNo)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sales().size() == 1);
    }

    @Test
    void channel_options_are_checked_with_field_errors_and_other_options_within_the_window_are_not_a_repeat() {
        String orderNo = newOrderNo();
        Reply missingOpenid = pay(orderNo, 100, Map.of("tradeType", "JSAPI"));
        Reply notAnObject = payRaw(orderNo, "\"JSAPI\"");
        Reply notAString = payRaw(orderNo, "{\"tradeType\":1}");
        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) eleven.put("k" + i, "v");
        Reply tooMany = pay(orderNo, 100, eleven);
        Reply tooLong = pay(orderNo, 100, Map.of("tradeType", "JSAPI", "openid", "o".repeat(129)));
        Reply dollars = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", 100, "currency", "USD", "channel", "wechatpay"));

        assertThat(missingOpenid.status()).isEqualTo(400);
        assertThat(missingOpenid.text("error.message")).startsWith("channelOptions: openid").contains("JSAPI");
        assertThat(notAnObject.text("error.message")).isEqualTo("channelOptions: must be a JSON object of strings");
        assertThat(notAString.text("error.message")).isEqualTo("channelOptions.tradeType: must be a string");
        assertThat(tooMany.text("error.message")).isEqualTo("channelOptions: must have at most 10 keys");
        assertThat(tooLong.text("error.message")).isEqualTo("channelOptions.openid: must be at most 128 characters");
        assertThat(dollars.text("error.message")).isEqualTo("currency: USD is not supported by channel wechatpay");
        assertThat(api.order(orderNo).status()).as("bad input changes nothing").isEqualTo(404);

        String qr = pay(orderNo, 100, Map.of()).text("attempt.paymentNo");
        Reply repeat = pay(orderNo, 100, Map.of());
        Reply inWechat = pay(orderNo, 100, Map.of("tradeType", "JSAPI", "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));

        assertThat(repeat.text("decision")).isEqualTo("REUSED_ATTEMPT");
        assertThat(inWechat.text("decision")).as("another way to pay, not a repeat").isEqualTo("NEW_ATTEMPT");
        assertThat(inWechat.text("attempt.action.type")).isEqualTo("sdk");
        assertThat(attempt(orderNo, qr).path("status").asString()).as("closed at WeChat Pay first (M3)").isEqualTo("CLOSED");
        assertThat(WECHAT.tradeState(qr)).isEqualTo("CLOSED");
        assertThat(jdbc.sql("select channel_options->>'tradeType' from payment_attempt where payment_no = ?")
                .param(inWechat.text("attempt.paymentNo")).query(String.class).single()).isEqualTo("JSAPI");
    }

    private Reply pay(String orderNo, long amount, Map<String, String> channelOptions) {
        return api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", amount, "currency", "CNY",
                "channel", "wechatpay", "subject", "Oolong tea", "channelOptions", channelOptions));
    }

    private Reply payRaw(String orderNo, String channelOptionsJson) {
        return api.postRaw("/v1/payments", "{\"merchantOrderNo\":\"" + orderNo + "\",\"amount\":100,\"currency\":\"CNY\","
                + "\"channel\":\"wechatpay\",\"channelOptions\":" + channelOptionsJson + "}");
    }

    private HttpResponse<String> post(WechatPayNotification notification) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/channels/wechatpay/notify"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(notification.body()));
        notification.headers().forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode attempt(String orderNo, String paymentNo) {
        for (JsonNode attempt : api.order(orderNo).body().path("attempts")) {
            if (attempt.path("paymentNo").asString().equals(paymentNo)) return attempt;
        }
        throw new AssertionError("no attempt " + paymentNo);
    }
}
