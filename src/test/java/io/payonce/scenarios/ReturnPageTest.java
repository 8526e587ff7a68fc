package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** M9 and the seed-000 story: polls are slow here (first one after an hour), so only the page and M3 can find the truth. */
@GatewayTest
class ReturnPageTest extends ScenarioSupport {

    @Override
    Map<String, Object> policy() {
        return Map.of("pollSchedule", "1h,2h");
    }

    @Test
    void m9_the_return_page_pull_asks_the_channel_at_most_once_per_two_seconds() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 990, "USD").text("attempt.paymentNo");
        var page = new io.payonce.support.GatewayClient(baseUrl(), null);

        assertThat(page.get("/checkout/" + paymentNo + "/status").text("result")).isEqualTo("checking");
        sim.pay(paymentNo);
        String right_after = page.get("/checkout/" + paymentNo + "/status").text("result");
        await().atMost(Duration.ofSeconds(6)).until(() -> page.get("/checkout/" + paymentNo + "/status").text("result").equals("paid"));

        assertThat(right_after).as("a second pull within 2 s does not query the channel again").isEqualTo("checking");
        Reply event = page.post("/checkout/" + paymentNo + "/client-events",
                Map.of("kind", "status_request_failed", "message", "TypeError: Failed to fetch"));
        assertThat(event.status()).isEqualTo(204);
        assertThat(count("select count(*) from client_event where payment_no = ? and kind = 'status_request_failed'", paymentNo)).isEqualTo(1);
    }

    @Test
    void seed_000_callbacks_lost_and_page_pull_failing_the_buyer_pays_and_asks_again_four_minutes_later() {
        sim.faults(Map.of("callbackDropRate", 1.0, "queryErrorRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 4999, "USD").text("attempt.paymentNo");
        var page = new GatewayClient(baseUrl(), null);
        sim.pay(paymentNo);
        assertThat(page.get("/checkout/" + paymentNo + "/status").text("result")).as("the page cannot learn the truth").isEqualTo("checking");
        sim.faults(Map.of("queryErrorRate", 0.0));
        clock.advance(Duration.ofMinutes(4));

        Reply again = api.pay(orderNo, 4999, "USD");

        assertThat(again.text("decision")).isEqualTo("ALREADY_PAID");
        assertThat(sim.ledger().stream().filter(l -> l.path("capturedAmount").asLong() > 0
                && api.order(orderNo).body().path("attempts").findValuesAsString("paymentNo").contains(l.path("paymentNo").asString())))
                .hasSize(1);
        assertThat(captured(paymentNo)).isEqualTo(4999);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sales().size() == 1);
    }

    @Test
    void pending_attempts_show_in_the_age_gauge() {
        api.pay(newOrderNo(), 123, "USD");
        var scrape = new GatewayClient(baseUrl(), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape.getText("/actuator/prometheus").lines()
                .filter(l -> l.startsWith("payonce_attempts_pending{age=\"under_1m\"} "))
                .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1));
    }
}
