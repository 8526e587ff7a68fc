package io.payonce.bench;

import java.time.Duration;
import java.util.List;

/** The two load generators: wrk against POST /v1/payments, pgbench against PostgreSQL with the same writes. */
final class LoadTools {
    private final BenchContext context;

    LoadTools(BenchContext context) {
        this.context = context;
    }

    /** wrk with bench/create-payment.lua: every request a new order; {@code label} keeps order numbers of runs apart. */
    WrkResult wrk(String apiKey, int connections, Duration length, String label) {
        String output = context.commands().run(List.of("wrk", "-t2", "-c" + connections, "-d" + length.toSeconds() + "s",
                "--timeout", "10s", "-s", context.config().benchDir().resolve("create-payment.lua").toString(),
                context.gateway().baseUrl(), "--", apiKey, label), length.plusMinutes(1));
        return WrkResult.parse(output);
    }

    /** pgbench with bench/create-payment.sql, prepared statements, as many clients as wrk has connections. */
    PgbenchResult pgbench(String merchantId, int clients, Duration length) {
        String output = context.commands().run(List.of("pgbench", "-h", "127.0.0.1", "-p", String.valueOf(context.gateway().postgresPort()),
                "-U", "postgres", "-n", "-M", "prepared", "-f", context.config().benchDir().resolve("create-payment.sql").toString(),
                "-D", "merchant_id=" + merchantId, "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(length.toSeconds()),
                "postgres"), length.plusMinutes(1));
        return PgbenchResult.parse(output);
    }
}
