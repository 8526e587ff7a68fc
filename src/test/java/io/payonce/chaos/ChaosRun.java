package io.payonce.chaos;

import io.payonce.chaos.ChaosSettings.Mode;
import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayProcess;
import io.payonce.support.JavaProcess;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.RestartablePostgres;
import io.payonce.support.SimulatorClient;
import io.payonce.support.SimulatorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One seed in one mode: the gateway as its own JVM on a fresh database of a PostgreSQL the test
 * can restart, the suite's standalone simulator (its ledger on a database the gateway never
 * touches), the merchant's endpoint, the buyers and the fault plan; then heal, let the schedules
 * run out, and judge.
 */
final class ChaosRun {
    static final String SECOND_CHANNEL = "alipay";
    /** Small heaps and one GC thread: three JVMs and two PostgreSQL servers share two cores. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private final ChaosSettings settings;
    private final long seed;
    private final Mode mode;
    private final RestartablePostgres postgres;
    private final SimulatorProcess simulator;
    private final Path directory;

    ChaosRun(ChaosSettings settings, long seed, Mode mode, RestartablePostgres postgres, SimulatorProcess simulator) {
        this.settings = settings;
        this.seed = seed;
        this.mode = mode;
        this.postgres = postgres;
        this.simulator = simulator;
        this.directory = settings.outputDirectory().resolve("s" + seed + "-" + mode.label());
    }

    /** The JVM options plus a GC log (appended to across restarts), to tell a stalled JVM from a stalled database. */
    private static List<String> withGcLog(Path log) {
        List<String> options = new java.util.ArrayList<>(JVM_OPTIONS);
        options.add("-Xlog:gc:file=" + log.toAbsolutePath() + "::filecount=0");
        return options;
    }

    RunResult run() throws Exception {
        long began = System.nanoTime();
        Instant since = Instant.now();
        TimeScale scale = settings.scale();
        FaultPlan plan = FaultPlan.draw(seed, scale);
        clean(directory);
        String gatewayDb = postgres.newDatabase("chaos_s" + seed + "_" + mode.label().replace('-', '_') + "_" + System.currentTimeMillis() % 1_000_000);
        GatewayProcess gateway = new GatewayProcess(JavaProcess.freePort(), gatewayDb, simulator.baseUrl(),
                GatewaySetup.gatewayProperties(mode, scale), withGcLog(directory.resolve("gateway-gc.log")), directory.resolve("gateway"));
        SimulatorClient sim = simulator.client();
        sim.resetFaults();
        MerchantReceiver endpoint = MerchantReceiver.start();
        try (DatabaseWatch watch = new DatabaseWatch(gatewayDb, directory.resolve("pg-activity.log"))) {
            gateway.start();
            return play(scale, plan, gateway, sim, since, endpoint, new GatewayDatabase(gatewayDb), began);
        } finally {
            gateway.stop();
            sim.resetFaults();
            endpoint.close();
        }
    }

    private static void clean(Path directory) throws java.io.IOException {
        if (java.nio.file.Files.exists(directory)) {
            try (var files = java.nio.file.Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        java.nio.file.Files.createDirectories(directory);
    }

    private RunResult play(TimeScale scale, FaultPlan plan, GatewayProcess gateway, SimulatorClient sim, Instant since,
                           MerchantReceiver endpoint, GatewayDatabase db, long began) throws Exception {
        GatewayClient.Merchant merchant = GatewayClient.newMerchant(gateway.baseUrl(),
                Map.of("name", "Chaos Shop", "notifyUrl", endpoint.url()));
        sim.faults(Map.of("seed", seed));
        Observations seen = new Observations();
        Http http = new Http();
        Shop shop = new Shop(http, gateway.baseUrl(), merchant.api().apiKey(), seen);
        Browser browser = new Browser(http, gateway.baseUrl(), seen, scale);
        Conductor conductor = new Conductor(plan, scale, sim, endpoint, gateway, postgres, GatewaySetup.designFaults(mode));
        int postgresRestartsBefore = postgres.restarts();
        Map<String, BuyerPlan> plans = new java.util.HashMap<>();
        java.time.Instant startedAt = java.time.Instant.now();
        long start = System.nanoTime();
        Thread faults = Thread.ofPlatform().name("chaos-conductor").start(() -> conductor.run(start));
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < settings.orders(); i++) {
                BuyerPlan buyer = BuyerPlan.draw(seed, i, "s" + seed);
                plans.put(buyer.merchantOrderNo(), buyer);
                buyers.submit(() -> {
                    Buyer.sleep(Duration.ofNanos(Math.max(0, start + scale.real(buyer.arrival()).toNanos() - System.nanoTime())));
                    try {
                        new Buyer(buyer, shop, browser, scale, SECOND_CHANNEL).run();
                    } catch (RuntimeException e) {
                        seen.count("buyer crashed: " + e);
                    }
                });
            }
        }
        faults.join();
        conductor.heal();
        long traffic = System.nanoTime();
        Drain.untilSettled(db, scale);
        String phases = String.format(java.util.Locale.ROOT, "start-up %.0f s, buyers and faults %.0f s, draining %.0f s",
                (start - began) / 1e9, (traffic - start) / 1e9, (System.nanoTime() - traffic) / 1e9);
        Evidence evidence = Evidence.collect(db, sim, since, endpoint, merchant.webhookSecret(), seen);
        OrderTable.write(directory.resolve("orders.csv"), evidence, plans, db.firstCallbackApplied(), startedAt, scale);
        return RunResult.of(seed, mode, settings.orders(), evidence, plan, conductor.log(),
                Duration.ofNanos(System.nanoTime() - began), gateway.starts(), postgres.restarts() - postgresRestartsBefore, scale, phases);
    }
}
