package io.payonce.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one pgbench run measured: script runs per second (one run = one payment's writes) and failures. */
record PgbenchResult(double scriptsPerSecond, long processed, long failed, double latencyAverageMs) {
    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+) \\(without initial connection time\\)", Pattern.MULTILINE);
    private static final Pattern PROCESSED = Pattern.compile("^number of transactions actually processed: (\\d+)", Pattern.MULTILINE);
    private static final Pattern FAILED = Pattern.compile("^number of failed transactions: (\\d+)", Pattern.MULTILINE);
    private static final Pattern LATENCY = Pattern.compile("^latency average = ([0-9.]+) ms", Pattern.MULTILINE);

    static PgbenchResult parse(String output) {
        if (output.contains("Run was aborted")) {
            throw new IllegalArgumentException("pgbench aborted:\n" + output);
        }
        return new PgbenchResult(Double.parseDouble(find(TPS, output)), Long.parseLong(find(PROCESSED, output)),
                Long.parseLong(find(FAILED, output)), Double.parseDouble(find(LATENCY, output)));
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) throw new IllegalArgumentException("pgbench's output lacks /" + pattern + "/:\n" + output);
        return matcher.group(1);
    }
}
