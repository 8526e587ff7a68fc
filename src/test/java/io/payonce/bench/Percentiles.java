package io.payonce.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Exact percentiles of a small sample (nearest rank), for figures the bench computes itself. */
record Percentiles(int count, double p50, double p99, double max) {
    static Percentiles of(List<Double> values) {
        if (values.isEmpty()) return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.getLast());
    }

    private static double rank(List<Double> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    String seconds() {
        return Results.format("p50 %.2f s, p99 %.2f s, max %.2f s (n=%d)", p50, p99, max, count);
    }

    String millis() {
        return Results.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (n=%d)", p50 * 1000, p99 * 1000, max * 1000, count);
    }
}
