package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public contract's refusals and refunds: bad input changes nothing; merchants see only their own. */
@GatewayTest
class ApiContractTest extends ScenarioSupport {

    @Test
    void bad_input_is_refused_with_the_field_and_reason_and_changes_nothing() {
        long ordersBefore = count("select count(*) from payment_order");
        Map<String, Object> good = Map.of("merchantOrderNo", "bad-1", "amount", 100, "currency", "USD", "channel", "sim");

        assertRefused(without(good, "amount"), 400, "amount: is required");
        assertRefused(with(good, "amount", -5), 400, "amount: must be positive");
        assertRefused(with(good, "amount", 0), 400, "amount: must be positive");
        assertRefused(with(good, "amount", 1_000_000_000_000L), 400, "amount: must be at most");
        assertRefused(with(good, "amount", 19.99), 400, "amount: must be a whole number");
        assertRefused(with(good, "amount", "100"), 400, "amount: must be a whole number");
        assertRefused(with(good, "currency", "XYZ"), 400, "currency: XYZ is not an ISO 4217 currency");
        assertRefused(with(good, "currency", "usd"), 400, "currency: must be an ISO 4217 code in upper case");
        assertRefused(with(good, "channel", "paypal"), 400, "channel: must be one of");
        assertRefused(with(good, "merchantOrderNo", "has spaces"), 400, "merchantOrderNo:");
        assertRefused(with(good, "returnUrl", "javascript:alert(1)"), 400, "returnUrl:");
        Reply malformed = api.postRaw("/v1/payments", "{\"merchantOrderNo\": \"bad-1\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("invalid_request");
        Reply huge = api.postRaw("/v1/payments", "{\"merchantOrderNo\":\"bad-1\",\"subject\":\"" + "x".repeat(1_048_576) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("payload_too_large");

        assertThat(count("select count(*) from payment_order")).isEqualTo(ordersBefore);
        assertThat(sim.ledger().stream().filter(l -> l.path("amount").asLong() == 19)).isEmpty();
    }

    @Test
    void the_same_order_number_with_another_amount_is_refused_as_a_mismatch() {
        String orderNo = newOrderNo();
        api.pay(orderNo, 1000, "USD");
        Reply other = api.pay(orderNo, 2000, "USD");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("order_mismatch");
    }

    @Test
    void a_merchant_sees_only_its_own_orders_and_a_missing_key_is_unauthorized() {
        String orderNo = newOrderNo();
        api.pay(orderNo, 1000, "USD");
        GatewayClient other = GatewayClient.newMerchant(baseUrl(), Map.of("name", "Other Shop")).api();

        assertThat(other.order(orderNo).status()).isEqualTo(404);
        assertThat(new GatewayClient(baseUrl(), null).order(orderNo).status()).isEqualTo(401);
        assertThat(new GatewayClient(baseUrl(), "sk_0000_wrong").order(orderNo).status()).isEqualTo(401);
        assertThat(new GatewayClient(baseUrl(), "sk_wrong").post("/v1/admin/merchants", Map.of("name", "x")).status()).isEqualTo(401);
        String realKey = new GatewayClient(baseUrl(), GatewayClient.ADMIN_TOKEN).post("/v1/admin/merchants", Map.of("name", "Third")).text("apiKey");
        String sameKeyIdWrongSecret = realKey.substring(0, realKey.length() - 1) + (realKey.endsWith("0") ? "1" : "0");
        assertThat(new GatewayClient(baseUrl(), realKey).pay(newOrderNo(), 100, "USD").status()).isEqualTo(200);
        assertThat(new GatewayClient(baseUrl(), sameKeyIdWrongSecret).pay(newOrderNo(), 100, "USD").status()).isEqualTo(401);
    }

    @Test
    void merchant_refunds_are_idempotent_partial_and_never_more_than_captured() {
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 1000, "USD").text("attempt.paymentNo");
        sim.pay(paymentNo);
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(10));

        Reply first = refund(orderNo, "refund-a", 300);
        Reply repeat = refund(orderNo, "refund-a", 300);
        Reply tooMuch = refund(orderNo, "refund-b", 701);
        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.text("refundNo")).isEqualTo(first.text("refundNo"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.errorCode()).isEqualTo("refund_exceeds_captured");
        awaitOrder(orderNo, o -> o.text("status").equals("PARTIALLY_REFUNDED"), Duration.ofSeconds(10));
        assertThat(api.get("/v1/refunds/refund-a").text("status")).isEqualTo("SUCCEEDED");

        assertThat(refund(orderNo, "refund-b", 700).status()).isEqualTo(200);
        awaitOrder(orderNo, o -> o.text("status").equals("REFUNDED"), Duration.ofSeconds(10));
        assertThat(refunded(paymentNo)).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications("refund.succeeded").size() == 2);
    }

    @Test
    void a_refund_of_an_unpaid_order_is_refused() {
        String orderNo = newOrderNo();
        api.pay(orderNo, 1000, "USD");
        Reply refused = refund(orderNo, "refund-x", 100);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("order_not_paid");
    }

    @Test
    void close_closes_the_order_and_its_live_attempt_at_the_channel() {
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 1000, "USD").text("attempt.paymentNo");
        Reply closed = api.post("/v1/payments/" + orderNo + "/close", Map.of());
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(sim.ledgerLine(paymentNo).path("status").asString()).isEqualTo("CLOSED");
        assertThat(sim.pay(paymentNo).status()).as("the buyer can no longer pay a closed payment").isNotEqualTo(200);
    }

    @Test
    void sync_queries_the_channel_now() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 1000, "USD").text("attempt.paymentNo");
        sim.pay(paymentNo);
        assertThat(api.post("/v1/payments/" + orderNo + "/sync", Map.of()).text("status")).isEqualTo("PAID");
    }

    private Reply refund(String orderNo, String refundNo, long amount) {
        return api.post("/v1/refunds", Map.of("merchantOrderNo", orderNo, "merchantRefundNo", refundNo, "amount", amount, "reason", "test"));
    }

    private void assertRefused(Map<String, Object> body, int status, String message) {
        Reply reply = api.post("/v1/payments", body);
        assertThat(reply.status()).as(body.toString()).isEqualTo(status);
        assertThat(reply.errorCode()).isEqualTo("invalid_request");
        assertThat(reply.text("error.message")).startsWith(message);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.remove(key);
        return copy;
    }
}
