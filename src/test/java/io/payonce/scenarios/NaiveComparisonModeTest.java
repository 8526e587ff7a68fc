package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * What the chaos suite's naive row measures, shown once on purpose: with
 * {@code payonce.comparison.naive-mode=true} the gateway behaves as the seed-000 design did. The
 * buyer who paid and comes back is given a new attempt without the channel being asked, pays
 * again, and the second capture is flagged but never refunded.
 */
@GatewayTest
@TestPropertySource(properties = "payonce.comparison.naive-mode=true")
class NaiveComparisonModeTest extends ScenarioSupport {

    @Override
    Map<String, Object> policy() {
        return Map.of("pollSchedule", "1h,2h");
    }

    @Test
    void in_naive_mode_the_seed_000_buyer_is_charged_twice_and_nothing_is_refunded() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String first = api.pay(orderNo, 4999, "USD").text("attempt.paymentNo");
        sim.pay(first);
        clock.advance(Duration.ofMinutes(4));

        Reply again = api.pay(orderNo, 4999, "USD");
        String second = again.text("attempt.paymentNo");
        sim.pay(second);
        api.post("/v1/payments/" + orderNo + "/sync", Map.of());

        assertThat(again.text("decision")).as("re-issued without asking the channel").isEqualTo("NEW_ATTEMPT");
        assertThat(sim.ledgerLine(first).path("status").asString()).as("the first was never closed").isEqualTo("PAID");
        awaitOrder(orderNo, o -> o.text("status").equals("PAID")
                && o.body().path("attempts").findValuesAsString("status").stream().allMatch("SUCCEEDED"::equals), Duration.ofSeconds(10));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> api.order(orderNo).body().path("refunds").isEmpty());
        assertThat(captured(first) - refunded(first) + captured(second) - refunded(second)).isEqualTo(2 * 4999);
    }
}
