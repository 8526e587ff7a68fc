package io.payonce.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./payonce bench}: every benchmark of docs/BENCHMARKS.md in one go, on one gateway, so
 * that ratios compare runs on the same machine in the same minutes. Prints the table and writes
 * it to target/bench/results.md. Not a test: timing goals are measured here, never asserted in
 * the test suite.
 */
public final class Bench {
    private static final String PART = "footprint";

    private Bench() {}

    public static void main(String[] args) throws IOException {
        BenchConfig config = BenchConfig.fromSystemProperties();
        Files.createDirectories(config.work());
        Files.deleteIfExists(config.work().resolve("tools.log"));
        Results results = new Results();
        describeMachine(results, config);
        Instant began = Instant.now();
        String adminToken = "bench-" + UUID.randomUUID();
        GatewayProcess.Settings settings = new GatewayProcess.Settings(config.java(), config.jar(), config.work().resolve("postgres"),
                freePort(), freePort(), adminToken, config.queryRatePerSecond(), config.work().resolve("gateway.log"));
        System.out.println("starting " + config.jar() + " (log: " + settings.log() + ")");
        try (GatewayProcess gateway = GatewayProcess.start(settings, true);
             BenchDb db = new BenchDb(gateway.jdbcUrl());
             FastReceiver receiver = new FastReceiver()) {
            BenchContext context = new BenchContext(config, gateway, db, new Commands(config.work().resolve("tools.log")), results,
                    receiver, adminToken);
            results.machine("PostgreSQL: " + db.text("select version()"));
            run(context, gateway);
        }
        restart(config, new GatewayProcess.Settings(settings.java(), settings.jar(), settings.dataDir(), settings.port(),
                settings.postgresPort(), adminToken, settings.queryRatePerSecond(), config.work().resolve("gateway-restart.log")), results);
        results.machine("ran " + began.truncatedTo(ChronoUnit.SECONDS) + " for " + Duration.between(began, Instant.now()).toSeconds()
                + " s; load average at the end " + ProcStats.loadAverage());
        System.out.println();
        System.out.println(results.table());
        results.write(config.work().resolve("results.md"));
        System.out.println("written to " + config.work().resolve("results.md"));
    }

    private static void run(BenchContext context, GatewayProcess gateway) {
        Results results = context.results();
        results.add(PART, "start-up, fresh data directory (initdb, migrations) → health UP",
                Results.format("%.1f s", gateway.startup().toMillis() / 1000.0));
        BenchContext.Merchant load = PhysicalLimit.loadMerchant(context);
        ScaleOfWaiting scale = new ScaleOfWaiting(context, load);
        PhysicalLimit limit = new PhysicalLimit(context, load);
        section("idle gateway, empty database");
        scale.idleWhileEmpty();
        GatewayProcess.Usage idle = gateway.usage();
        section("warm-up");
        limit.warmUp();
        section("time to truth, every callback dropped");
        new TimeToTruth(context).run();
        section("notifications");
        new NotificationsBench(context).run();
        // The throughput and latency figures come after the parts above: the JIT keeps improving the
        // create path for minutes on a busy machine, and they should see it compiled.
        section("physical limit: pgbench and the gateway, alternating");
        // The parts above take new paths (callbacks, polls, notifications) and the JIT recompiles
        // for them: warm the create path again so the rounds measure it compiled.
        limit.warmUp();
        limit.run();
        results.add(PART, "resident memory idle: JVM RSS; PostgreSQL PSS", Results.format("%d MB; %d MB",
                idle.jvmRssKb() / 1024, idle.postgresPssKb() / 1024));
        results.add(PART, "resident memory under load (peak): JVM RSS; PostgreSQL PSS", Results.format("%d MB; %d MB",
                limit.peakJvmRssKb() / 1024, limit.peakPostgresPssKb() / 1024));
        section("scale of waiting");
        scale.latencyWhileEmpty();
        scale.run();
    }

    /** Start-up again on the same data: the usual case, here with the million pending attempts stored. */
    private static void restart(BenchConfig config, GatewayProcess.Settings settings, Results results) {
        section("restart on the stored data");
        try (GatewayProcess again = GatewayProcess.start(settings, false)) {
            results.add(PART, Results.format("start-up, existing data (%,d pending) → health UP", config.pending()),
                    Results.format("%.1f s", again.startup().toMillis() / 1000.0));
        }
    }

    private static void section(String title) {
        System.out.println("== " + title + " (" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", load " + ProcStats.loadAverage() + ")");
    }

    private static void describeMachine(Results results, BenchConfig config) throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
        results.machine(Results.format("machine: %d cores (%s), %.1f GB RAM, load average at the start %s",
                Runtime.getRuntime().availableProcessors(), cpu, memoryKb / 1024.0 / 1024.0, ProcStats.loadAverage()));
        results.machine("JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (gateway and harness, default flags)");
        results.machine(Results.format("settings: %d clients for wrk and pgbench, %d s runs × %d rounds, %d latency connections, "
                        + "%,d pending, due %s, query budget %.0f/s", config.clients(), config.loadSeconds().toSeconds(), config.rounds(),
                config.latencyClients(), config.pending(), config.dueCounts(), config.queryRatePerSecond()));
        List<String> release = Files.exists(Path.of("/etc/os-release")) ? Files.readAllLines(Path.of("/etc/os-release")) : List.of();
        release.stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .ifPresent(l -> results.machine("OS: " + l.substring(12).replace("\"", "")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
