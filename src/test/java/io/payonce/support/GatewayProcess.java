package io.payonce.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway as its own JVM on a fixed port and an external PostgreSQL, talking to a standalone
 * simulator: it can be killed and started again on the same port and database, as in production.
 * Each start writes its own log ({@code <logPrefix>-1.log}, {@code -2.log}, ...).
 */
public final class GatewayProcess {
    /** Seven seconds on two idle cores; minutes on a machine shared by many builds. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final int port;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final Path logPrefix;
    private JavaProcess process;
    private int starts;

    /** @param extraProperties Spring properties on top of the defaults below (they win) */
    public GatewayProcess(int port, String jdbcUrl, String simBaseUrl, Map<String, String> extraProperties,
                          List<String> jvmOptions, Path logPrefix) {
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logPrefix = logPrefix;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", String.valueOf(port));
        p.put("payonce.embedded-postgres.enabled", "false");
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("payonce.admin-token", GatewayClient.ADMIN_TOKEN);
        p.put("payonce.demo-merchant", "false");
        p.put("payonce.simulator.enabled", "false");
        p.put("payonce.sim.base-url", simBaseUrl);
        p.put("payonce.public-base-url", baseUrl());
        p.put("payonce.scheduler.polling-interval", "200ms");
        p.put("payonce.sweeper.interval", "2s");
        p.putAll(extraProperties);
        this.properties = Map.copyOf(p);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the gateway and waits until its health endpoint says UP. */
    public synchronized void start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("gateway already running");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        Path log = logPrefix.resolveSibling(logPrefix.getFileName() + "-" + (++starts) + ".log");
        process = JavaProcess.start("io.payonce.PayOnceApplication", jvmOptions, args, log);
        GatewayClient probe = new GatewayClient(baseUrl(), null);
        process.awaitUp(START_TIMEOUT, () -> {
            GatewayClient.Reply health = probe.get("/actuator/health");
            return health.status() == 200 && health.text("status").equals("UP");
        });
    }

    /** SIGKILL: no graceful shutdown, no shutdown hooks. */
    public synchronized void kill() {
        if (process != null) process.kill();
    }

    public synchronized void stop() {
        if (process != null) process.stop(Duration.ofSeconds(15));
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public int starts() {
        return starts;
    }
}
