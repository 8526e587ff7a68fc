package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * M8 at scale: the sweeper reads a bounded slice of PENDING attempts per run (here 2) from a
 * cursor, so a million pending attempts cost each run what a few do, and still every lost check
 * is found within pending ÷ slice runs.
 */
@GatewayTest
@TestPropertySource(properties = "payonce.sweeper.scan-limit=2")
class SweeperCursorTest extends ScenarioSupport {
    @Autowired MeterRegistry meters;

    @Test
    void m8_a_sweeper_reading_two_attempts_per_run_still_finds_all_five_lost_checks() {
        List<String> paymentNos = new ArrayList<>();
        for (int i = 0; i < 5; i++) paymentNos.add(api.pay(newOrderNo(), 500 + i, "USD").text("attempt.paymentNo"));
        for (String paymentNo : paymentNos) {
            jdbc.sql("delete from scheduled_tasks where task_name = 'attempt-check' and task_instance = ?").param(paymentNo).update();
            jdbc.sql("update payment_attempt set created_at = created_at - interval '5 minutes' where payment_no = ?").param(paymentNo).update();
        }
        double runsBefore = runs();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> paymentNos.stream()
                .allMatch(p -> count("select count(*) from scheduled_tasks where task_name = 'attempt-check' and task_instance = ?", p) == 1));

        double runs = runs() - runsBefore;
        assertThat(runs).as("several runs were needed").isGreaterThanOrEqualTo(3);
        assertThat(meters.counter("payonce.sweeper.attempts.scanned").count())
                .as("no run read more than its slice").isLessThanOrEqualTo(2 * meters.timer("payonce.sweeper.run").count());
    }

    private double runs() {
        return meters.timer("payonce.sweeper.run").count();
    }
}
