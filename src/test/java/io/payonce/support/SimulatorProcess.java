package io.payonce.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator PSP as its own JVM (its ledger, the truth of money moved, outlives any gateway
 * crash), on a free port and a database of the caller's choosing.
 */
public final class SimulatorProcess {
    private final JavaProcess process;
    private final int port;

    private SimulatorProcess(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it and waits until its control API answers. */
    public static SimulatorProcess start(int port, String jdbcUrl, Map<String, String> extraProperties, List<String> jvmOptions,
                                         Path log) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        extraProperties.forEach((name, value) -> args.add("--" + name + "=" + value));
        SimulatorProcess simulator = new SimulatorProcess(
                JavaProcess.start("io.payonce.simulator.SimulatorApplication", jvmOptions, args, log), port);
        SimulatorClient client = simulator.client();
        simulator.process.awaitUp(Duration.ofSeconds(300), () -> client.get("/sim/control/faults").status() == 200);
        return simulator;
    }

    public static SimulatorProcess start(String jdbcUrl, Path log) {
        return start(JavaProcess.freePort(), jdbcUrl, Map.of(), List.of(), log);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public SimulatorClient client() {
        return new SimulatorClient(baseUrl());
    }

    public void stop() {
        process.stop(Duration.ofSeconds(15));
    }
}
