package io.payonce.chaos;

import io.payonce.chaos.Invariants.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The printed result: per seed, the PayOnce and naive rows side by side, then each failed
 * invariant's first counter-examples and the command that replays the seed. {@link #summary} goes
 * to stdout and target/chaos/summary.txt; {@link #details} (plans, what the conductor did, client
 * counts) to target/chaos/details.txt.
 */
final class ChaosReport {
    private static final int EXAMPLES = 3;
    private static final String HEADER = String.format(Locale.ROOT,
            "%-15s %6s %5s %6s %8s %12s %5s %7s %7s %-22s %-22s %10s  %-4s %-4s %-4s %-4s %-4s %-4s %7s",
            "mode", "orders", "paid", "closed", "dbl-chg", "held-wrongly", "lost", "extra", "cap+cls",
            "truth p50 sim (real)", "truth p99 sim (real)", "notif ok/dead", "I1", "I2", "I3", "I4", "I5", "I6", "real");

    private ChaosReport() {}

    static String summary(ChaosSettings settings, List<RunResult> results) {
        StringBuilder text = new StringBuilder();
        text.append("=== PayOnce chaos suite, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(": ")
                .append(settings.orders()).append(" orders per run, seeds ").append(settings.seeds()).append(", ")
                .append(settings.scale().describe()).append(" ===\n");
        text.append("dbl-chg: orders charged more than their amount at the end; held-wrongly: USD taken beyond what the orders'\n")
                .append("final status justifies; lost: captures the gateway does not know as SUCCEEDED; extra: captures beyond an\n")
                .append("order's first (refunded or not); cap+cls: orders that took money but ended CLOSED; truth: channel took the\n")
                .append("money -> order PAID; I1..I6: the invariants of docs/CHAOS.md\n");
        for (long seed : settings.seeds()) {
            List<RunResult> rows = results.stream().filter(r -> r.seed() == seed).toList();
            if (rows.isEmpty()) continue;
            text.append("\nseed ").append(seed).append(" (fault plan ").append(rows.getFirst().plan().fingerprint()).append(")\n");
            text.append(HEADER).append('\n');
            rows.forEach(r -> text.append(row(r)).append('\n'));
            for (RunResult r : rows) failures(settings, r, text);
        }
        return text.toString();
    }

    static String details(List<RunResult> results) {
        StringBuilder text = new StringBuilder();
        for (RunResult r : results) {
            text.append("\n--- seed ").append(r.seed()).append(", ").append(r.mode().label()).append(" ---\n");
            text.append(r.plan().describe());
            text.append("conductor (what really happened):\n");
            r.conductorLog().forEach(line -> text.append("  ").append(line).append('\n'));
            text.append("phases: ").append(r.phases()).append('\n');
            text.append("gateway starts: ").append(r.gatewayStarts()).append(", PostgreSQL restarts: ").append(r.postgresRestarts()).append('\n');
            text.append("time to truth over ").append(r.timesToTruth().size()).append(" paid orders, simulated minutes:");
            for (double p : new double[] {0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0}) {
                Duration d = RunResult.percentile(r.timesToTruth(), p);
                text.append(String.format(Locale.ROOT, " p%d=%.1f", Math.round(p * 100), d == null ? 0 : simMinutes(d, r)));
            }
            text.append('\n');
            text.append("clients:\n");
            r.clientCounts().forEach((what, count) -> text.append(String.format(Locale.ROOT, "  %6d  %s%n", count, what)));
            for (Check check : r.checks()) {
                text.append("I").append(check.id()).append(' ').append(check.passed() ? "PASS" : "FAIL").append("  ").append(check.title()).append('\n');
                check.counterExamples().stream().limit(50).forEach(example -> text.append("    ").append(example).append('\n'));
            }
        }
        return text.toString();
    }

    static void write(ChaosSettings settings, String summary, String details) {
        try {
            Files.createDirectories(settings.outputDirectory());
            Files.writeString(settings.outputDirectory().resolve("summary.txt"), summary);
            Files.writeString(settings.outputDirectory().resolve("details.txt"), summary + details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(RunResult r) {
        List<String> verdicts = r.checks().stream().map(c -> c.passed() ? "PASS" : "FAIL").toList();
        return String.format(Locale.ROOT,
                "%-15s %6d %5d %6d %8d %12s %5d %7d %7d %-22s %-22s %10s  %-4s %-4s %-4s %-4s %-4s %-4s %6ds",
                r.mode().label(), r.orders(), r.paid(), r.closed(), r.doubleCharges(), usd(r.heldWronglyMinor()), r.lostOrders(),
                r.extraCaptures(), r.capturedButClosed(), truth(r.timeToTruthP50(), r), truth(r.timeToTruthP99(), r),
                r.notificationsDelivered() + "/" + r.notificationsDead(), verdicts.get(0), verdicts.get(1), verdicts.get(2),
                verdicts.get(3), verdicts.get(4), verdicts.get(5), r.realDuration().toSeconds());
    }

    private static void failures(ChaosSettings settings, RunResult r, StringBuilder text) {
        if (r.passed()) return;
        text.append("  ").append(r.mode().label()).append(r.mode().naive ? " (reported, not asserted)" : "")
                .append(" failed; replay: ").append(settings.replayCommand(r.seed(), r.mode())).append('\n');
        for (Check check : r.checks()) {
            if (check.passed()) continue;
            text.append("    I").append(check.id()).append(" (").append(check.counterExamples().size()).append("): ")
                    .append(check.title()).append('\n');
            check.counterExamples().stream().limit(EXAMPLES).forEach(example -> text.append("      ").append(example).append('\n'));
        }
    }

    private static String truth(Duration real, RunResult r) {
        if (real == null) return "-";
        return String.format(Locale.ROOT, "%.1f min (%.2f s)", simMinutes(real, r), real.toMillis() / 1000.0);
    }

    private static double simMinutes(Duration real, RunResult r) {
        return real.toMillis() * 3600.0 / 60_000.0 / r.secondsPerSimHour();
    }

    private static String usd(long minor) {
        return String.format(Locale.ROOT, "$%d.%02d", minor / 100, minor % 100);
    }
}
