package io.payonce.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What "the same seed replays the same fault schedule" rests on, and that an episode's fault ends with it. */
class FaultPlanTest {
    static final TimeScale SCALE = new TimeScale(5);

    @Test
    void the_same_seed_draws_the_same_plan_and_the_same_buyers_and_another_seed_does_not() {
        assertThat(FaultPlan.draw(7, SCALE)).isEqualTo(FaultPlan.draw(7, SCALE));
        assertThat(FaultPlan.draw(7, SCALE).fingerprint()).isEqualTo(FaultPlan.draw(7, SCALE).fingerprint())
                .isNotEqualTo(FaultPlan.draw(8, SCALE).fingerprint());
        assertThat(BuyerPlan.draw(7, 42, "s7")).isEqualTo(BuyerPlan.draw(7, 42, "s7")).isNotEqualTo(BuyerPlan.draw(8, 42, "s8"));
    }

    @Test
    void every_seed_gets_every_kind_of_fault_a_kill_and_a_database_restart() {
        for (long seed = 1; seed <= 20; seed++) {
            FaultPlan plan = FaultPlan.draw(seed, SCALE);
            assertThat(plan.episodes()).hasSize(10);
            assertThat(plan.gatewayKills()).isNotEmpty();
            assertThat(plan.postgresRestarts()).isNotEmpty();
            assertThat(plan.merchantOutages()).extracting(FaultPlan.Outage::answer).containsExactlyInAnyOrder(0, 500);
            plan.episodes().forEach(e -> assertThat(e.to()).isLessThanOrEqualTo(FaultPlan.CHAOS_WINDOW));
        }
    }

    @Test
    void a_fault_is_on_during_its_episode_and_back_to_the_baseline_after_it() {
        FaultPlan plan = FaultPlan.draw(3, SCALE);
        FaultPlan.Episode slow = plan.episodes().stream().filter(e -> e.name().equals("queries slow")).findFirst().orElseThrow();

        Map<String, Object> during = plan.simulatorFaultsAt(slow.from().plus(Duration.ofMinutes(1)));
        Map<String, Object> after = plan.simulatorFaultsAt(slow.to());

        assertThat(during.get("queryLatencyMs")).isEqualTo(slow.faults().get("queryLatencyMs"));
        assertThat(after.get("queryLatencyMs")).isEqualTo(0);
        assertThat(after).containsKeys(FaultPlan.SIMULATOR_FAULTS.toArray(String[]::new));
    }
}
