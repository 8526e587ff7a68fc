package io.payonce.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.chaos.ChaosSettings.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeded chaos suite (docs/CHAOS.md). With no properties it is the small CI version: a few
 * hundred orders over two seeds, each run with at least one SIGKILL of the gateway and one restart
 * of its PostgreSQL, in PayOnce mode (asserted) and in the seed-000 naive mode (reported). A
 * bigger run: {@code ./payonce chaos --orders 2000 --seeds 1,2,3}.
 */
class ChaosSuiteTest {

    @Test
    void payonce_keeps_every_invariant_under_seeded_chaos_and_the_naive_design_is_reported_beside_it() throws Exception {
        ChaosSettings settings = ChaosSettings.fromSystemProperties();

        List<RunResult> results = ChaosSuite.run(settings);

        String summary = ChaosReport.summary(settings, results);
        ChaosReport.write(settings, summary, ChaosReport.details(results));
        System.out.println(summary);
        for (RunResult run : results) {
            assertThat(run.gatewayStarts()).as("seed %d %s: the gateway was killed and restarted", run.seed(), run.mode())
                    .isGreaterThanOrEqualTo(2);
            assertThat(run.postgresRestarts()).as("seed %d %s: PostgreSQL was restarted", run.seed(), run.mode()).isPositive();
            assertThat(run.orders()).as("seed %d %s: orders reached the gateway", run.seed(), run.mode())
                    .isGreaterThan(run.plannedOrders() / 2);
            // invariants over orders nobody paid prove nothing: buyers must have reached the channel and paid
            assertThat(run.paid()).as("seed %d %s: orders were paid", run.seed(), run.mode())
                    .isGreaterThan(run.orders() / 10);
        }
        results.stream().filter(run -> run.mode() == Mode.PAYONCE).forEach(run -> assertThat(run.passed())
                .as("PayOnce broke an invariant under seed %d; replay with: %s%n%s", run.seed(),
                        settings.replayCommand(run.seed(), run.mode()), summary)
                .isTrue());
    }
}
