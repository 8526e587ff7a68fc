package io.payonce.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The knobs of a run, from system properties ({@code ./payonce bench -Dbench.seconds=30}); the
 * defaults keep a whole run within 10–15 minutes on a 2-core machine (the JIT warm-up takes longest when it is busy).
 *
 * @param clients         concurrent connections of wrk and clients of pgbench in the physical-limit part
 * @param loadSeconds     length of each measured wrk or pgbench run
 * @param rounds          pgbench and wrk alternate this many times; the ratio's verdict is the median of the rounds
 * @param latencyClients  connections for the empty-versus-full latency comparison
 * @param pending         PENDING attempts stored for the scale-of-waiting part
 * @param dueCounts       how many of them are made due (over 20 s), one measurement each
 * @param truthOrders     orders in the time-to-truth part (a third of the buyers keep the return page open)
 * @param truthRatePerSecond new orders per second in the time-to-truth part
 * @param notifyOrders    orders whose first notification delay is measured
 * @param notifyBacklog   notifications in the backlog whose delivery rate is measured
 * @param queryRatePerSecond the channel query budget given to the gateway
 */
record BenchConfig(Path jar, Path work, Path benchDir, String java, int clients, Duration loadSeconds, int rounds,
                   int latencyClients, int pending, List<Integer> dueCounts, int truthOrders, double truthRatePerSecond,
                   int notifyOrders, int notifyBacklog, double queryRatePerSecond) {

    static BenchConfig fromSystemProperties() {
        return new BenchConfig(
                Path.of(System.getProperty("bench.jar", "target/payonce.jar")),
                Path.of(System.getProperty("bench.work", "target/bench")),
                Path.of(System.getProperty("bench.dir", "bench")),
                System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                Integer.getInteger("bench.clients", 16),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 20)),
                Integer.getInteger("bench.rounds", 5),
                Integer.getInteger("bench.latency-clients", 4),
                Integer.getInteger("bench.pending", 1_000_000),
                Arrays.stream(System.getProperty("bench.due", "200,800").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Integer.getInteger("bench.truth-orders", 300),
                Double.parseDouble(System.getProperty("bench.truth-rate", "5")),
                Integer.getInteger("bench.notify-orders", 400),
                Integer.getInteger("bench.notify-backlog", 1000),
                Double.parseDouble(System.getProperty("bench.query-rate", "50")));
    }
}
