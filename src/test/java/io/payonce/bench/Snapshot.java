package io.payonce.bench;

/**
 * The gateway's counters at one moment: CPU of its JVM and of its PostgreSQL, channel queries
 * answered by the simulator, and the sweeper's runs. Two snapshots make a measured window.
 */
record Snapshot(long nanos, GatewayProcess.Usage usage, double simQueries, double sweeps, double sweepSeconds) {

    static Snapshot take(BenchContext context) {
        Prometheus metrics = context.metrics();
        return new Snapshot(System.nanoTime(), context.gateway().usage(), metrics.simQueries(),
                metrics.sum("payonce_sweeper_run_seconds_count"), metrics.sum("payonce_sweeper_run_seconds_sum"));
    }

    /** What happened between this snapshot and a later one. */
    Window until(Snapshot later) {
        double seconds = (later.nanos - nanos) / 1e9;
        return new Window(seconds, later.usage.postgresCpuSeconds() - usage.postgresCpuSeconds(),
                later.usage.jvmCpuSeconds() - usage.jvmCpuSeconds(), later.usage.jitCpuSeconds() - usage.jitCpuSeconds(),
                later.simQueries - simQueries, later.sweeps - sweeps, later.sweepSeconds - sweepSeconds);
    }

    /** {@code jitCpuSeconds} is the part of {@code jvmCpuSeconds} spent compiling. */
    record Window(double seconds, double postgresCpuSeconds, double jvmCpuSeconds, double jitCpuSeconds,
                  double channelQueries, double sweeps, double sweepSeconds) {
        double postgresCores() {
            return postgresCpuSeconds / seconds;
        }

        double jvmCores() {
            return jvmCpuSeconds / seconds;
        }

        /** The JIT compilers' share of the JVM's CPU in this window: near 0 once the code is compiled. */
        double jitShare() {
            return jvmCpuSeconds > 0 ? jitCpuSeconds / jvmCpuSeconds : 0;
        }

        double queriesPerSecond() {
            return channelQueries / seconds;
        }

        String describe() {
            return Results.format("PostgreSQL %.3f cores, JVM %.3f cores, %.1f channel queries/s over %.0f s",
                    postgresCores(), jvmCores(), queriesPerSecond(), seconds);
        }
    }
}
