package io.payonce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The gateway under test: target/payonce.jar as its own process, with its embedded PostgreSQL in
 * a fresh data directory, the simulator channel inside, and no demo merchant. Start-up time is
 * measured from process start to /actuator/health answering UP.
 */
final class GatewayProcess implements AutoCloseable {
    record Settings(String java, Path jar, Path dataDir, int port, int postgresPort, String adminToken,
                    double queryRatePerSecond, Path log) {}

    /** Memory and CPU of the gateway's JVM and of its PostgreSQL (all its processes). */
    record Usage(long jvmRssKb, long postgresPssKb, double jvmCpuSeconds, double postgresCpuSeconds, double jitCpuSeconds) {}

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Settings settings;
    private final Duration startup;

    private GatewayProcess(Process process, Settings settings, Duration startup) {
        this.process = process;
        this.settings = settings;
        this.startup = startup;
    }

    /** @param fresh start on an empty data directory (deleting what a previous run left) */
    static GatewayProcess start(Settings settings, boolean fresh) {
        if (fresh) deleteRecursively(settings.dataDir());
        List<String> command = List.of(settings.java(), "-jar", settings.jar().toString(),
                "--server.port=" + settings.port(),
                "--payonce.public-base-url=http://127.0.0.1:" + settings.port(),
                "--payonce.embedded-postgres.data-dir=" + settings.dataDir(),
                "--payonce.embedded-postgres.port=" + settings.postgresPort(),
                "--payonce.demo-merchant=false",
                "--payonce.admin-token=" + settings.adminToken(),
                "--payonce.channels.query-rate-per-second=" + settings.queryRatePerSecond(),
                // The pending-attempt gauge counts every PENDING attempt; its cost is measured on its own
                // (ScaleOfWaiting), and kept out of the windows that measure compensation work.
                "--payonce.metrics.pending-refresh=1h");
        try {
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(settings.log().toFile())).start();
            GatewayProcess gateway = new GatewayProcess(process, settings, null);
            gateway.awaitHealthy(started);
            return new GatewayProcess(process, settings, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + settings.jar(), e);
        }
    }

    Duration startup() {
        return startup;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + settings.port();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/postgres?user=postgres";
    }

    int postgresPort() {
        return settings.postgresPort();
    }

    Usage usage() {
        long postgresPss = 0;
        double postgresCpu = 0;
        for (ProcessHandle postmaster : postmasters()) {
            postgresPss += ProcStats.pssKb(postmaster.pid());
            postgresCpu += ProcStats.cpuSeconds(postmaster.pid(), true);
            for (ProcessHandle backend : postmaster.children().toList()) {
                postgresPss += ProcStats.pssKb(backend.pid());
                postgresCpu += ProcStats.cpuSeconds(backend.pid(), false);
            }
        }
        return new Usage(ProcStats.rssKb(process.pid()), postgresPss, ProcStats.cpuSeconds(process.pid(), false), postgresCpu,
                ProcStats.jitCpuSeconds(process.pid()));
    }

    /** pg_ctl starts the postmaster detached from the JVM; its pid is the first line of postmaster.pid. */
    private List<ProcessHandle> postmasters() {
        try {
            long pid = Long.parseLong(Files.readAllLines(settings.dataDir().resolve("postmaster.pid")).getFirst().trim());
            return ProcessHandle.of(pid).stream().toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // not started yet, or stopped
        }
    }

    private void awaitHealthy(long startedNanos) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() - startedNanos < START_TIMEOUT.toNanos()) {
            if (!process.isAlive()) throw new IllegalStateException("the gateway exited at start; see " + settings.log());
            try {
                HttpResponse<String> reply = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 && reply.body().contains("\"status\":\"UP\"")) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(50));
        }
        close();
        throw new IllegalStateException("the gateway was not healthy within " + START_TIMEOUT + "; see " + settings.log());
    }

    /** SIGTERM (graceful: the gateway stops its PostgreSQL), then force, PostgreSQL's processes included. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        postmasters().forEach(postmaster -> {
            descendants.add(postmaster);
            descendants.addAll(postmaster.children().toList());
        });
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) return;
        try (Stream<Path> paths = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
