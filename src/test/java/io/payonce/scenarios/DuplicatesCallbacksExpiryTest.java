package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.attempt.AttemptStatus;
import io.payonce.order.OrderStatus;
import io.payonce.shared.Hmac;
import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** M5, M6, M10, M11 and M12: superseded attempts, duplicate successes, callbacks, notifications, expiry. */
@GatewayTest
class DuplicatesCallbacksExpiryTest extends ScenarioSupport {

    @Test
    void m5_m6_two_successes_for_one_order_end_with_one_net_capture_and_no_second_sale() {
        sim.faults(Map.of("closeBlockedForMs", 120_000));
        String orderNo = newOrderNo();
        String late = api.pay(orderNo, 2500, "USD").text("attempt.paymentNo");
        clock.advance(Duration.ofSeconds(11));
        Reply second = api.pay(orderNo, 2500, "USD");
        assertThat(second.text("decision")).isEqualTo("NEW_ATTEMPT");
        assertThat(attempt(orderNo, late).path("superseded").asBoolean()).as("close was refused: superseded (M5)").isTrue();
        String paying = second.text("attempt.paymentNo");

        sim.pay(paying);
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(15));
        sim.pay(late);

        await().atMost(Duration.ofSeconds(20)).until(() -> refunded(late) == 2500);
        JsonNode lateAttempt = attempt(orderNo, late);
        assertThat(lateAttempt.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(lateAttempt.path("duplicate").asBoolean()).isTrue();
        assertThat(captured(late) - refunded(late) + captured(paying) - refunded(paying)).isEqualTo(2500);
        JsonNode refund = api.order(orderNo).body().path("refunds").get(0);
        assertThat(refund.path("kind").asString()).isEqualTo("DUPLICATE");
        await().atMost(Duration.ofSeconds(5)).until(() -> api.order(orderNo).body().path("refunds").get(0).path("status").asString().equals("SUCCEEDED"));
        assertThat(api.order(orderNo).text("status")).as("a duplicate refund is not the merchant's refund").isEqualTo("PAID");
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        assertThat(sales()).extracting(n -> n.path("data").path("paymentNo").asString()).containsExactly(paying);
        assertNoStatusWentBackwards();
        String metrics = new io.payonce.support.GatewayClient(baseUrl(), null).getText("/actuator/prometheus");
        assertThat(metric(metrics, "payonce_duplicates_refunded_total")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "payonce_attempts_total{duplicate=\"true\",status=\"SUCCEEDED\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "payonce_time_to_truth_seconds_count")).isGreaterThanOrEqualTo(1);
    }

    private static double metric(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    @Test
    void m10_the_merchant_gets_one_signed_payment_succeeded_that_verifies_with_its_secret() {
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 1000, "JPY").text("attempt.paymentNo");
        sim.pay(paymentNo);

        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        var delivery = merchantEndpoint.received().getFirst();
        String[] parts = delivery.signature().split(",");
        String t = parts[0].substring(2);
        assertThat(parts[1]).isEqualTo("v1=" + Hmac.sha256Hex(merchant.webhookSecret(), t + "." + delivery.rawBody()));
        JsonNode data = sales().getFirst().path("data");
        assertThat(data.path("merchantOrderNo").asString()).isEqualTo(orderNo);
        assertThat(data.path("amount").asLong()).isEqualTo(1000);
        assertThat(data.path("currency").asString()).isEqualTo("JPY");
    }

    @Test
    void m11_duplicated_callbacks_are_applied_once() {
        sim.faults(Map.of("callbackDuplicateRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 1500, "USD").text("attempt.paymentNo");
        sim.pay(paymentNo);

        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> sales().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sales().size() == 1);
        assertThat(count("select count(*) from channel_callback where payment_no = ? and verified", paymentNo)).isEqualTo(1);
    }

    @Test
    void m11_a_callback_with_a_bad_signature_or_another_amount_is_refused_recorded_and_changes_nothing() throws Exception {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        Reply paid = api.pay(orderNo, 1800, "USD");
        String paymentNo = paid.text("attempt.paymentNo");
        String body = "{\"eventId\":\"evt-forged-" + paymentNo + "\",\"type\":\"payment.paid\",\"paymentNo\":\"" + paymentNo
                + "\",\"channelTxnId\":\"" + paid.text("attempt.channelTxnId") + "\",\"amount\":1,\"currency\":\"USD\",\"status\":\"PAID\",\"paidAt\":\""
                + Instant.now() + "\"}";
        long t = Instant.now().getEpochSecond();

        int badSignature = callback(body, "t=" + t + ",v1=" + Hmac.sha256Hex("not-the-secret", t + "." + body));
        int otherAmount = callback(body, "t=" + t + ",v1=" + Hmac.sha256Hex("sim-dev-webhook-secret", t + "." + body));

        assertThat(badSignature).isEqualTo(400);
        assertThat(otherAmount).isEqualTo(400);
        assertThat(api.order(orderNo).text("status")).isEqualTo("PAYING");
        assertThat(attempt(orderNo, paymentNo).path("status").asString()).isEqualTo("PENDING");
        assertThat(jdbc.sql("select reject_reason from channel_callback where not verified and body like ?")
                .param("%" + paymentNo + "%").query(String.class).list())
                .hasSize(2).anySatisfy(reason -> assertThat(reason).contains("amount 1 USD"));
    }

    @Test
    void m12_an_expired_order_is_closed_at_the_channel_and_the_merchant_told() {
        String orderNo = newOrderNo();
        Reply reply = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", 600, "currency", "USD",
                "channel", "sim", "expireSeconds", 2));
        String paymentNo = reply.text("attempt.paymentNo");

        awaitOrder(orderNo, o -> o.text("status").equals("CLOSED"), Duration.ofSeconds(15));

        assertThat(sim.ledgerLine(paymentNo).path("status").asString()).isEqualTo("CLOSED");
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications("payment.closed").size() == 1);
        Reply again = api.pay(orderNo, 600, "USD");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("order_closed");
    }

    @Test
    void m12_m6_a_success_the_gateway_could_not_confirm_before_expiry_is_refunded_and_never_reported_as_a_sale() {
        sim.faults(Map.of("callbackDropRate", 1.0, "queryErrorRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", 900, "currency", "USD",
                "channel", "sim", "expireSeconds", 2)).text("attempt.paymentNo");
        assertThat(sim.pay(paymentNo).status()).isEqualTo(200);
        awaitOrder(orderNo, o -> o.text("status").equals("CLOSED"), Duration.ofSeconds(15));

        sim.faults(Map.of("queryErrorRate", 0.0));

        await().atMost(Duration.ofSeconds(20)).until(() -> refunded(paymentNo) == 900);
        assertThat(attempt(orderNo, paymentNo).path("duplicate").asBoolean()).isTrue();
        assertThat(api.order(orderNo).text("status")).isEqualTo("CLOSED");
        assertThat(sales()).isEmpty();
    }

    private int callback(String body, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/channels/sim/notify"))
                .header("Content-Type", "application/json").header("Sim-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private JsonNode attempt(String orderNo, String paymentNo) {
        for (JsonNode attempt : api.order(orderNo).body().path("attempts")) {
            if (attempt.path("paymentNo").asString().equals(paymentNo)) return attempt;
        }
        throw new AssertionError("no attempt " + paymentNo);
    }

    private void assertNoStatusWentBackwards() {
        List<Map<String, Object>> rows = jdbc.sql("select entity, from_status, to_status from status_history where from_status is not null")
                .query().listOfRows();
        assertThat(rows).allSatisfy(row -> {
            String from = (String) row.get("from_status");
            String to = (String) row.get("to_status");
            if (from.equals(to)) return;
            switch ((String) row.get("entity")) {
                case "attempt" -> assertThat(AttemptStatus.valueOf(from).canMoveTo(AttemptStatus.valueOf(to))).as(from + "->" + to).isTrue();
                case "order" -> assertThat(OrderStatus.valueOf(from).canMoveTo(OrderStatus.valueOf(to))).as(from + "->" + to).isTrue();
                default -> assertThat(from).isEqualTo("PENDING");
            }
        });
    }
}
