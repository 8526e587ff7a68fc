package io.payonce.chaos;

import io.payonce.chaos.ChaosSettings.Mode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's and the simulator's configuration for a chaos run: the production defaults, every
 * schedule scaled to simulated time. The naive modes are the seed-000 design: one delayed query
 * after 10 minutes, no query before re-issuing, no automatic refund (and, in NAIVE, no webhook:
 * see {@link #designFaults}).
 */
final class GatewaySetup {
    static final String POLL_SCHEDULE = io.payonce.merchant.MerchantDefaults.DEFAULT_POLL_SCHEDULE;
    static final String SUPERSEDED_POLL_SCHEDULE = "2s,5s,10s,20s,30s,1m,2m,5m,10m,30m,1h";
    static final String NAIVE_POLL_SCHEDULE = "10m";
    static final String NOTIFY_SCHEDULE = "15s,15s,30s,3m,10m,20m,30m,30m,30m,1h,3h,3h,3h,6h,6h";
    static final String REFUND_CHECK_SCHEDULE = "2s,5s,10s,30s,1m,5m,10m,30m,1h,3h";
    /** The simulator retries its callbacks as WeChat Pay does, for about a day. */
    static final String SIMULATOR_CALLBACK_RETRIES = NOTIFY_SCHEDULE;
    /**
     * The duplicate window stands for "a double-click or a refresh", a human and network time: it
     * is not scaled (10 s would be 14 ms at 1:720) but set to 300 ms real, shorter than any
     * buyer's come-back (at least 4 simulated minutes).
     */
    static final Duration DUPLICATE_WINDOW = Duration.ofMillis(300);
    /**
     * Compressing time compresses the load too (150 orders of two simulated hours arrive in ten
     * real seconds), so the per-second limits are raised by about the same factor: the channel's
     * query budget and the scheduler's threads. Rate limiting itself is a fault of the plan (429s).
     */
    static final String QUERY_RATE_PER_SECOND = "1000";
    static final String SCHEDULER_THREADS = "16";

    private GatewaySetup() {}

    static Map<String, String> gatewayProperties(Mode mode, TimeScale scale) {
        boolean naive = mode.naive;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("payonce.comparison.naive-mode", String.valueOf(naive));
        p.put("payonce.merchant-defaults.duplicate-window", DUPLICATE_WINDOW.toMillis() + "ms");
        p.put("payonce.merchant-defaults.expire", scale.real(BuyerPlan.ORDER_EXPIRY).toMillis() + "ms");
        p.put("payonce.merchant-defaults.poll-schedule", scale.schedule(naive ? NAIVE_POLL_SCHEDULE : POLL_SCHEDULE));
        p.put("payonce.merchant-defaults.superseded-poll-schedule",
                scale.schedule(naive ? NAIVE_POLL_SCHEDULE : SUPERSEDED_POLL_SCHEDULE));
        p.put("payonce.notify.retry-schedule", scale.schedule(NOTIFY_SCHEDULE));
        p.put("payonce.notify.connect-timeout", "1s");
        p.put("payonce.notify.request-timeout", "2s");
        p.put("payonce.refunds.check-schedule", scale.schedule(REFUND_CHECK_SCHEDULE));
        p.put("payonce.scheduler.polling-interval", "100ms");
        p.put("payonce.scheduler.threads", SCHEDULER_THREADS);
        p.put("payonce.channels.query-rate-per-second", QUERY_RATE_PER_SECOND);
        p.put("payonce.sweeper.interval", "2s");
        p.put("payonce.sim.connect-timeout", "1s");
        p.put("payonce.sim.read-timeout", "2s");
        p.put("payonce.channels.call-timeout", "3s");
        p.put("payonce.chaos.second-sim-channel", ChaosRun.SECOND_CHANNEL);
        p.put("spring.datasource.hikari.maximum-pool-size", "20"); // as the embedded set-up's pool
        return p;
    }

    /** Simulator settings that belong to the design, not to the fault plan: a gateway with no webhook gets no callbacks. */
    static Map<String, Object> designFaults(Mode mode) {
        return mode.callbacks ? Map.of() : Map.of("callbackDropRate", 1.0);
    }

    static Map<String, String> simulatorProperties(TimeScale scale) {
        return Map.of("payonce.simulator.callback-retry-schedule", scale.schedule(SIMULATOR_CALLBACK_RETRIES),
                "payonce.simulator.callback-poll-interval-ms", "50");
    }
}
