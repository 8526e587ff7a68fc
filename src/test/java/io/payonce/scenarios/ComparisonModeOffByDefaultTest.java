package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The chaos suite's naive row runs the gateway with {@code payonce.comparison.naive-mode=true}.
 * Unless someone asks for it, the gateway is the safe one: it asks the channel before re-issuing (M3).
 */
@GatewayTest
class ComparisonModeOffByDefaultTest extends ScenarioSupport {
    @Autowired Environment environment;

    @Override
    Map<String, Object> policy() {
        return Map.of("pollSchedule", "1h,2h"); // no poll gets there first: only M3 can find the truth
    }

    @Test
    void by_default_the_seed_000_buyer_who_paid_and_comes_back_is_told_already_paid() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 4999, "USD").text("attempt.paymentNo");
        sim.pay(paymentNo);
        clock.advance(Duration.ofMinutes(4));

        Reply again = api.pay(orderNo, 4999, "USD");

        assertThat(environment.getProperty("payonce.comparison.naive-mode", Boolean.class)).isFalse();
        assertThat(again.text("decision")).isEqualTo("ALREADY_PAID");
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(1);
        assertThat(captured(paymentNo)).isEqualTo(4999);
    }
}
