package io.payonce.chaos;

import io.payonce.chaos.ChaosSettings.Mode;
import io.payonce.support.RestartablePostgres;
import java.util.ArrayList;
import java.util.List;

/** Every seed in every mode, one after another, on one restartable PostgreSQL (a fresh database per run). */
final class ChaosSuite {
    private ChaosSuite() {}

    static List<RunResult> run(ChaosSettings settings) throws Exception {
        List<RunResult> results = new ArrayList<>();
        try (RestartablePostgres postgres = RestartablePostgres.start(settings.outputDirectory().resolve("gateway-postgres"))) {
            for (long seed : settings.seeds()) {
                for (Mode mode : settings.modes()) {
                    results.add(new ChaosRun(settings, seed, mode, postgres).run());
                }
            }
        }
        return results;
    }
}
