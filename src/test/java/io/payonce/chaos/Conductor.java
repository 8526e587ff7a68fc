package io.payonce.chaos;

import io.payonce.support.GatewayProcess;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.RestartablePostgres;
import io.payonce.support.SimulatorClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays a {@link FaultPlan} in real time: simulator faults, the merchant's endpoint, SIGKILL and
 * restart of the gateway, restart of its PostgreSQL; at the end of the chaos window, heals all.
 * Steps run one after another, so a restart that takes long delays the next step (the log shows
 * when each really happened).
 */
final class Conductor {
    private record Step(Duration at, String label, Runnable action) {}

    private final FaultPlan plan;
    private final TimeScale scale;
    private final SimulatorClient sim;
    private final MerchantReceiver merchantEndpoint;
    private final GatewayProcess gateway;
    private final RestartablePostgres postgres;
    private final Map<String, Object> designFaults;
    private final List<String> log = new ArrayList<>();

    /** @param designFaults simulator settings that stay on throughout, healing included (the naive design's missing webhook) */
    Conductor(FaultPlan plan, TimeScale scale, SimulatorClient sim, MerchantReceiver merchantEndpoint,
              GatewayProcess gateway, RestartablePostgres postgres, Map<String, Object> designFaults) {
        this.plan = plan;
        this.scale = scale;
        this.sim = sim;
        this.merchantEndpoint = merchantEndpoint;
        this.gateway = gateway;
        this.postgres = postgres;
        this.designFaults = designFaults;
    }

    void run(long startNanos) {
        for (Step step : steps()) {
            long due = startNanos + scale.real(step.at()).toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) Buyer.sleep(Duration.ofNanos(wait));
            long began = System.nanoTime();
            String outcome = "";
            try {
                step.action().run();
            } catch (RuntimeException | AssertionError e) {
                outcome = " FAILED: " + e.getMessage(); // the next steps still run; heal() starts a dead gateway again
            }
            record(String.format(Locale.ROOT, "%s sim, %6.1f s real (+%.1f s): %s%s", FaultPlan.hhmm(step.at()),
                    (began - startNanos) / 1e9, (System.nanoTime() - began) / 1e9, step.label(), outcome));
        }
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    private synchronized void record(String line) {
        log.add(line);
    }

    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        List<Duration> boundaries = new ArrayList<>(List.of(Duration.ZERO));
        plan.episodes().forEach(e -> boundaries.addAll(List.of(e.from(), e.to())));
        boundaries.stream().distinct().forEach(t -> {
            Map<String, Object> faults = new java.util.HashMap<>(plan.simulatorFaultsAt(t));
            faults.putAll(designFaults);
            Map<String, Object> shown = new java.util.TreeMap<>(faults);
            shown.values().removeIf(value -> ((Number) value).doubleValue() == 0);
            steps.add(new Step(t, "simulator faults " + shown, () -> sim.faults(faults)));
        });
        for (FaultPlan.Outage outage : plan.merchantOutages()) {
            if (outage.answer() == 0) {
                steps.add(new Step(outage.from(), "merchant endpoint down", merchantEndpoint::goDown));
                steps.add(new Step(outage.to(), "merchant endpoint up", merchantEndpoint::comeUp));
            } else {
                steps.add(new Step(outage.from(), "merchant endpoint answers " + outage.answer(),
                        () -> merchantEndpoint.answerWith(outage.answer())));
                steps.add(new Step(outage.to(), "merchant endpoint answers 200", () -> merchantEndpoint.answerWith(200)));
            }
        }
        plan.gatewayKills().forEach(t -> steps.add(new Step(t, "gateway SIGKILL and restart", this::killAndRestart)));
        plan.postgresRestarts().forEach(t -> steps.add(new Step(t, "PostgreSQL restart",
                () -> postgres.restart(plan.postgresDownFor()))));
        steps.add(new Step(FaultPlan.CHAOS_WINDOW, "heal: simulator faults reset, merchant endpoint up and answering 200",
                this::heal));
        steps.sort(Comparator.comparing(Step::at));
        return steps;
    }

    private void killAndRestart() {
        gateway.kill();
        gateway.start();
    }

    void heal() {
        sim.resetFaults();
        if (!designFaults.isEmpty()) sim.faults(designFaults);
        merchantEndpoint.comeUp();
        merchantEndpoint.answerWith(200);
        if (!gateway.isAlive()) gateway.start();
    }
}
