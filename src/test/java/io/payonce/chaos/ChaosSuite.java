package io.payonce.chaos;

import io.payonce.chaos.ChaosSettings.Mode;
import io.payonce.support.JavaProcess;
import io.payonce.support.RestartablePostgres;
import io.payonce.support.SimulatorProcess;
import io.payonce.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every seed in every mode, one after another: one simulator for them all (each run reads only
 * the ledger lines created since it began) and one restartable PostgreSQL (a fresh gateway
 * database per run). Starting JVMs is most of the cost on two cores, so only the gateway is
 * started per run.
 */
final class ChaosSuite {
    private ChaosSuite() {}

    static List<RunResult> run(ChaosSettings settings) throws Exception {
        List<RunResult> results = new ArrayList<>();
        Path directory = settings.outputDirectory();
        try (RestartablePostgres postgres = RestartablePostgres.start(directory.resolve("gateway-postgres"))) {
            SimulatorProcess simulator = SimulatorProcess.start(JavaProcess.freePort(), TestDatabase.newDatabase(),
                    GatewaySetup.simulatorProperties(settings.scale()), ChaosRun.JVM_OPTIONS, directory.resolve("simulator.log"));
            try {
                for (long seed : settings.seeds()) {
                    for (Mode mode : settings.modes()) {
                        results.add(new ChaosRun(settings, seed, mode, postgres, simulator).run());
                    }
                }
            } finally {
                simulator.stop();
            }
        }
        return results;
    }
}
