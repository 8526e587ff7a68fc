package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Found by the chaos suite: a superseded attempt (M5) whose late success pays the order left the
 * order's newer attempt open and payable at the channel for its whole poll schedule. Once the
 * order is paid, its other live attempt is superseded and closed at the channel on the fast
 * schedule, so the buyer cannot pay it any more.
 */
@GatewayTest
class PaidOrderClosesItsOtherAttemptTest extends ScenarioSupport {

    @Override
    Map<String, Object> policy() {
        return Map.of("pollSchedule", "1h,2h"); // without the fix the newer attempt would stay open an hour
    }

    @Test
    void when_a_superseded_attempt_pays_the_order_the_newer_attempt_is_closed_at_the_channel() {
        sim.faults(Map.of("closeBlockedForMs", 120_000, "callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String first = api.pay(orderNo, 3100, "USD").text("attempt.paymentNo");
        clock.advance(Duration.ofSeconds(11));
        Reply again = api.pay(orderNo, 3100, "USD");
        String second = again.text("attempt.paymentNo");
        assertThat(again.text("decision")).isEqualTo("NEW_ATTEMPT");

        sim.faults(Map.of("closeBlockedForMs", 0));
        sim.pay(first); // the buyer pays the old tab; the fast schedule of the superseded attempt finds it

        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(15)).until(() -> sim.ledgerLine(second).path("status").asString().equals("CLOSED"));
        JsonNode newer = attempt(orderNo, second);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempt(orderNo, second).path("status").asString().equals("CLOSED"));
        assertThat(newer.path("superseded").asBoolean()).isTrue();
        assertThat(sim.submitForm("/sim/checkout/" + sim.ledgerLine(second).path("channelTxnId").asString() + "/pay").status())
                .as("the buyer can no longer pay the newer attempt").isEqualTo(409);
        assertThat(api.order(orderNo).text("status")).isEqualTo("PAID");
    }

    private JsonNode attempt(String orderNo, String paymentNo) {
        for (JsonNode attempt : api.order(orderNo).body().path("attempts")) {
            if (attempt.path("paymentNo").asString().equals(paymentNo)) return attempt;
        }
        throw new AssertionError("no attempt " + paymentNo + " in " + orderNo);
    }
}
