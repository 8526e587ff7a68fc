package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import io.payonce.support.MerchantReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole gateway on Alipay, over HTTP: the seed-000 story and Alipay's close rule for exactly-once. */
@GatewayTest
class AlipayGatewayScenariosTest extends AlipayTestSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FAST_POLLS = "1s,1s,1s,2s,2s,3s,5s";

    MerchantReceiver merchantEndpoint;
    GatewayClient api;

    @BeforeEach
    void merchantEndpoint() {
        merchantEndpoint = MerchantReceiver.start();
    }

    @AfterEach
    void stopEndpoint() {
        merchantEndpoint.close();
    }

    void merchant(String pollSchedule) {
        api = GatewayClient.newMerchant(baseUrl(), Map.of("name", "Alipay Tea Shop", "notifyUrl", merchantEndpoint.url(),
                "pollSchedule", pollSchedule, "supersededPollSchedule", "500ms,1s,1s,2s,3s")).api();
    }

    Reply pay(String orderNo, long amountFen, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("merchantOrderNo", orderNo, "amount", amountFen,
                "currency", "CNY", "channel", "alipay", "subject", "龙井茶 Longjing tea"));
        body.putAll(more);
        return api.post("/v1/payments", body);
    }

    static String newOrderNo() {
        return "order-" + System.nanoTime();
    }

    JsonNode attempt(Reply order, String paymentNo) {
        for (JsonNode attempt : order.body().path("attempts")) {
            if (attempt.path("paymentNo").asString().equals(paymentNo)) return attempt;
        }
        throw new AssertionError("no attempt " + paymentNo + " in " + order.body());
    }

    Reply awaitOrder(String orderNo, Predicate<Reply> condition) {
        Reply[] last = new Reply[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> condition.test(last[0] = api.order(orderNo)));
        return last[0];
    }

    List<JsonNode> sales() {
        return merchantEndpoint.received().stream().map(r -> JSON.readTree(r.rawBody()))
                .filter(n -> n.path("type").asString().equals("payment.succeeded")).toList();
    }

    void exactlyOneSaleOf(String paymentNo) {
        await().atMost(Duration.ofSeconds(15)).until(() -> sales().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> sales().size() == 1);
        assertThat(sales().getFirst().path("data").path("paymentNo").asString()).isEqualTo(paymentNo);
    }

    @Test
    void seed_000_on_alipay_notifications_lost_and_the_page_pull_failing_the_buyer_pays_and_asks_again_four_minutes_later() {
        merchant("1h,2h");
        SERVER.dropNotifications(true);
        SERVER.rateLimit(AlipayProtocolServer.RateLimit.BUSY);
        String orderNo = newOrderNo();
        Reply first = pay(orderNo, 4999, Map.of());
        String paymentNo = first.text("attempt.paymentNo");

        assertThat(open(first.text("attempt.action.url")).statusCode()).isEqualTo(200);
        assertThat(pressPay(paymentNo).statusCode()).isEqualTo(200);
        var page = new GatewayClient(baseUrl(), null);
        assertThat(page.get("/checkout/" + paymentNo + "/status").text("result")).as("the page cannot learn the truth").isEqualTo("checking");
        SERVER.rateLimit(AlipayProtocolServer.RateLimit.NONE);
        clock.advance(Duration.ofMinutes(4));
        Reply again = pay(orderNo, 4999, Map.of());

        assertThat(again.text("decision")).isEqualTo("ALREADY_PAID");
        assertThat(again.text("attempt.paymentNo")).isEqualTo(paymentNo);
        List<String> attempts = api.order(orderNo).body().path("attempts").findValuesAsString("paymentNo");
        assertThat(attempts).containsExactly(paymentNo);
        assertThat(SERVER.ledger.all().stream().filter(t -> attempts.contains(t.outTradeNo) && t.paid()))
                .singleElement().satisfies(t -> assertThat(t.total).isEqualByComparingTo("49.99"));
        exactlyOneSaleOf(paymentNo);
    }

    @Test
    void a_buyer_who_switched_away_before_scanning_then_pays_the_old_code_late_is_refunded_and_the_order_is_paid_once() {
        merchant(FAST_POLLS);
        String orderNo = newOrderNo();
        Reply first = pay(orderNo, 2500, Map.of());
        String old = first.text("attempt.paymentNo");
        assertThat(open(first.text("attempt.action.url")).statusCode()).as("the cashier shows its code; nobody scans").isEqualTo(200);

        clock.advance(Duration.ofSeconds(11)); // past the duplicate window: a new attempt, the old one asked and closed first
        Reply second = pay(orderNo, 2500, Map.of());
        String current = second.text("attempt.paymentNo");
        JsonNode oldAfterSwitch = attempt(api.order(orderNo), old);
        open(second.text("attempt.action.url"));
        pressPay(current);
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"));
        SERVER.dropNotifications(true); // only the fast schedule of the superseded attempt can find what follows
        SERVER.pay(old);

        Reply order = awaitOrder(orderNo, o -> attempt(o, old).path("status").asString().equals("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> SERVER.trade(old).orElseThrow().refunded().signum() > 0);

        assertThat(second.text("decision")).isEqualTo("NEW_ATTEMPT");
        assertThat(current).isNotEqualTo(old);
        assertThat(SERVER.calls()).contains(new AlipayProtocolServer.Call("alipay.trade.close", old, "40004 ACQ.TRADE_NOT_EXIST"));
        assertThat(oldAfterSwitch.path("status").asString()).as("\"not exist\" is no proof of closure").isEqualTo("PENDING");
        assertThat(oldAfterSwitch.path("superseded").asBoolean()).isTrue();
        assertThat(attempt(order, old).path("duplicate").asBoolean()).isTrue();
        assertThat(order.text("status")).isEqualTo("PAID");
        assertThat(SERVER.trade(old).orElseThrow().refunded()).isEqualByComparingTo("25.00");
        assertThat(SERVER.trade(current).orElseThrow().refunds).isEmpty();
        exactlyOneSaleOf(current);
    }

    @Test
    void an_attempt_never_scanned_is_closed_for_good_once_the_time_expire_we_sent_has_passed() {
        merchant(FAST_POLLS);
        String orderNo = newOrderNo();
        Reply first = pay(orderNo, 1200, Map.of("expireSeconds", 120));
        String old = first.text("attempt.paymentNo");
        open(first.text("attempt.action.url"));
        clock.advance(Duration.ofSeconds(11));
        String current = pay(orderNo, 1200, Map.of()).text("attempt.paymentNo");
        assertThat(attempt(api.order(orderNo), old).path("status").asString()).isEqualTo("PENDING");

        clock.advance(Duration.ofSeconds(120).plus(Duration.ofMinutes(2)).plusSeconds(5)); // time_expire + clock skew
        Reply order = awaitOrder(orderNo, o -> o.text("status").equals("CLOSED")
                && attempt(o, old).path("status").asString().equals("CLOSED"));

        assertThat(attempt(order, current).path("status").asString()).isEqualTo("CLOSED");
        assertThatThrownBy(() -> SERVER.scan(old)).hasMessageContaining("expired");
        assertThat(sales()).isEmpty();
    }

    @Test
    void a_bad_alipay_option_is_refused_before_an_order_exists_and_a_qr_option_gives_a_qr_code() {
        merchant(FAST_POLLS);
        String orderNo = newOrderNo();

        Reply barcode = pay(orderNo, 800, Map.of("channelOptions", Map.of("tradeType", "BARCODE")));
        Reply stranger = pay(orderNo, 800, Map.of("channelOptions", Map.of("openid", "o123")));

        assertThat(barcode.status()).isEqualTo(400);
        assertThat(barcode.text("error.message")).isEqualTo("channelOptions: tradeType must be PAGE or QR, not BARCODE");
        assertThat(stranger.text("error.message")).isEqualTo("channelOptions: openid is not an Alipay option (only tradeType)");
        assertThat(api.order(orderNo).status()).as("bad input changes nothing").isEqualTo(404);

        Reply qr = pay(orderNo, 800, Map.of("channelOptions", Map.of("tradeType", "QR")));
        assertThat(qr.text("decision")).isEqualTo("NEW_ATTEMPT");
        assertThat(qr.text("attempt.action.type")).isEqualTo("qr");
        assertThat(qr.text("attempt.action.code")).isNotBlank();
    }
}
