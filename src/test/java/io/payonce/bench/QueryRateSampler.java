package io.payonce.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Samples the simulator's count of payment queries once a second, for the rate the gateway used. */
final class QueryRateSampler {
    private record Sample(long nanos, double queries) {}

    private final BenchContext context;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private Thread thread;

    QueryRateSampler(BenchContext context) {
        this.context = context;
    }

    void start() {
        thread = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(new Sample(System.nanoTime(), context.metrics().simQueries()));
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void stop() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        samples.add(new Sample(System.nanoTime(), context.metrics().simQueries()));
    }

    double meanPerSecond() {
        if (samples.size() < 2) return 0;
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        return (last.queries() - first.queries()) / ((last.nanos() - first.nanos()) / 1e9);
    }

    /** The highest rate over any {@code spanSamples} consecutive one-second intervals. */
    double peakPerSecond(int spanSamples) {
        double peak = 0;
        for (int i = spanSamples; i < samples.size(); i++) {
            Sample from = samples.get(i - spanSamples);
            Sample to = samples.get(i);
            peak = Math.max(peak, (to.queries() - from.queries()) / ((to.nanos() - from.nanos()) / 1e9));
        }
        return peak;
    }
}
