package io.payonce.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one wrk run measured, from the line that bench/create-payment.lua prints in done():
 * {@code BENCH-WRK requests=.. duration_us=.. status_errors=.. socket_errors=.. p50_us=.. ...}.
 */
record WrkResult(long requests, Duration duration, long statusErrors, long socketErrors,
                 Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {
    static final String MARKER = "BENCH-WRK ";

    static WrkResult parse(String output) {
        String line = output.lines().filter(l -> l.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no '" + MARKER.strip() + "' line in wrk's output:\n" + output));
        Map<String, Long> fields = new HashMap<>();
        for (String pair : line.substring(MARKER.length()).trim().split("\\s+")) {
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length != 2) throw new IllegalArgumentException("unreadable field '" + pair + "' in: " + line);
            fields.put(keyValue[0], Long.parseLong(keyValue[1]));
        }
        return new WrkResult(field(fields, "requests"), micros(fields, "duration_us"), field(fields, "status_errors"),
                field(fields, "socket_errors"), micros(fields, "p50_us"), micros(fields, "p90_us"), micros(fields, "p99_us"),
                micros(fields, "p999_us"), micros(fields, "max_us"));
    }

    /** Requests per second over the run. */
    double throughput() {
        return requests / (duration.toNanos() / 1e9);
    }

    long errors() {
        return statusErrors + socketErrors;
    }

    private static long field(Map<String, Long> fields, String name) {
        Long value = fields.get(name);
        if (value == null) throw new IllegalArgumentException("wrk's figures lack " + name + ": " + fields);
        return value;
    }

    private static Duration micros(Map<String, Long> fields, String name) {
        return Duration.ofNanos(field(fields, name) * 1000);
    }
}
