package io.payonce.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The faults of one seed, drawn once from {@code new Random(seed)} before anything runs, in
 * simulated time: the same seed gives the same plan (its fingerprint is printed with the results).
 * Every seed gets every kind of fault at a random time and strength, on top of a low baseline.
 */
record FaultPlan(long seed, Map<String, Object> baseline, List<Episode> episodes, List<Outage> merchantOutages,
                 List<Duration> gatewayKills, List<Duration> postgresRestarts, Duration postgresDownFor) {

    /** Simulator faults active from {@code from} to {@code to}. */
    record Episode(String name, Duration from, Duration to, Map<String, Object> faults) {}

    /** The merchant's notify endpoint: {@code answer} 0 = down (connection refused), else that HTTP status. */
    record Outage(Duration from, Duration to, int answer) {}

    /** Faults are injected from 0 to this point of simulated time; then everything heals. */
    static final Duration CHAOS_WINDOW = Duration.ofHours(3);

    static FaultPlan draw(long seed, TimeScale scale) {
        Random r = new Random(seed);
        Map<String, Object> baseline = new LinkedHashMap<>();
        baseline.put("callbackDropRate", 0.05);
        baseline.put("callbackDuplicateRate", 0.05);
        baseline.put("callbackJitterMs", ms(scale, minutes(2)));
        baseline.put("queryErrorRate", 0.02);
        baseline.put("responseLostRate", 0.02);
        List<Episode> episodes = new ArrayList<>();
        episodes.add(episode(r, "callbacks dropped", 20, 90, Map.of("callbackDropRate", rate(r, 0.3, 0.9))));
        episodes.add(episode(r, "callbacks duplicated", 20, 60, Map.of("callbackDuplicateRate", rate(r, 0.2, 0.6))));
        episodes.add(episode(r, "callbacks reordered", 20, 60, Map.of("callbackJitterMs", ms(scale, minutes(between(r, 5, 30))))));
        episodes.add(episode(r, "callbacks delayed past expiry", 20, 60, Map.of("callbackLateRate", rate(r, 0.1, 0.4),
                "callbackLateMs", ms(scale, minutes(between(r, 135, 180))))));
        episodes.add(episode(r, "queries failing", 15, 60, Map.of("queryErrorRate", rate(r, 0.4, 0.95))));
        episodes.add(episode(r, "queries slow", 10, 30, Map.of("queryLatencyMs", (long) between(r, 800, 2500))));
        episodes.add(episode(r, "queries rate-limited", 20, 60, Map.of("queryRateLimitRate", rate(r, 0.3, 0.8))));
        episodes.add(episode(r, "closes refused", 30, 90, Map.of("closeBlockedForMs", ms(scale, minutes(between(r, 10, 60))))));
        episodes.add(episode(r, "replies lost (acted, answered 504)", 15, 45, Map.of("responseLostRate", rate(r, 0.2, 0.5))));
        episodes.add(episode(r, "creates failing", 10, 30, Map.of("createErrorRate", rate(r, 0.1, 0.4))));
        episodes.sort(Comparator.comparing(Episode::from));
        List<Outage> outages = new ArrayList<>();
        Duration downFrom = minutes(between(r, 0, 90));
        outages.add(new Outage(downFrom, downFrom.plus(minutes(between(r, 60, 180))), 0));
        Duration errorFrom = minutes(between(r, 0, 150));
        outages.add(new Outage(errorFrom, errorFrom.plus(minutes(between(r, 30, 90))), 500));
        List<Duration> kills = new ArrayList<>(List.of(minutes(between(r, 20, 170))));
        if (r.nextBoolean()) kills.add(minutes(between(r, 20, 170)));
        kills.sort(Comparator.naturalOrder());
        List<Duration> restarts = List.of(minutes(between(r, 20, 170)));
        Duration downFor = Duration.ofMillis(between(r, 1000, 3000));
        return new FaultPlan(seed, Map.copyOf(baseline), List.copyOf(episodes), List.copyOf(outages), List.copyOf(kills),
                restarts, downFor);
    }

    /** Every fault the plan may set: each update names them all, so an episode's fault ends with it. */
    static final List<String> SIMULATOR_FAULTS = List.of("callbackDropRate", "callbackDuplicateRate", "callbackDelayMs",
            "callbackJitterMs", "callbackLateRate", "callbackLateMs", "queryErrorRate", "queryLatencyMs", "queryRateLimitRate",
            "closeBlockedForMs", "responseLostRate", "createErrorRate");

    /** The simulator's faults at {@code t}: none, then the baseline, raised by every episode active then. */
    Map<String, Object> simulatorFaultsAt(Duration t) {
        Map<String, Object> faults = new LinkedHashMap<>();
        SIMULATOR_FAULTS.forEach(name -> faults.put(name, 0));
        faults.putAll(baseline);
        for (Episode episode : episodes) {
            if (t.compareTo(episode.from()) >= 0 && t.compareTo(episode.to()) < 0) {
                episode.faults().forEach((name, value) -> faults.merge(name, value, FaultPlan::larger));
            }
        }
        return faults;
    }

    String describe() {
        StringBuilder text = new StringBuilder("seed " + seed + " (simulated hh:mm):\n");
        text.append("  baseline  ").append(new TreeMap<>(baseline)).append('\n');
        for (Episode e : episodes) {
            text.append(String.format(Locale.ROOT, "  %s-%s  %-36s %s%n", hhmm(e.from()), hhmm(e.to()), e.name(), new TreeMap<>(e.faults())));
        }
        for (Outage o : merchantOutages) {
            text.append(String.format(Locale.ROOT, "  %s-%s  merchant endpoint %s%n", hhmm(o.from()), hhmm(o.to()),
                    o.answer() == 0 ? "down (connection refused)" : "answering " + o.answer()));
        }
        gatewayKills.forEach(k -> text.append("  ").append(hhmm(k)).append("        gateway SIGKILL, then restart\n"));
        postgresRestarts.forEach(p -> text.append("  ").append(hhmm(p)).append("        PostgreSQL restart, down ")
                .append(postgresDownFor.toMillis()).append(" ms real\n"));
        return text.toString();
    }

    String fingerprint() {
        return String.format("%08x", describe().hashCode());
    }

    static String hhmm(Duration d) {
        return String.format(Locale.ROOT, "%02d:%02d", d.toHours(), d.toMinutesPart());
    }

    private static Episode episode(Random r, String name, int minMinutes, int maxMinutes, Map<String, Object> faults) {
        Duration length = minutes(between(r, minMinutes, maxMinutes));
        Duration from = minutes(between(r, 0, (int) (CHAOS_WINDOW.toMinutes() - length.toMinutes())));
        return new Episode(name, from, from.plus(length), faults);
    }

    private static Object larger(Object a, Object b) {
        return ((Number) a).doubleValue() >= ((Number) b).doubleValue() ? a : b;
    }

    private static int between(Random r, int min, int max) {
        return min + r.nextInt(max - min + 1);
    }

    private static double rate(Random r, double min, double max) {
        return Math.round((min + r.nextDouble() * (max - min)) * 100) / 100.0;
    }

    private static long ms(TimeScale scale, Duration simulated) {
        return scale.real(simulated).toMillis();
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
