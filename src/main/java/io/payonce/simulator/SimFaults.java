package io.payonce.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * Fault injection, held in memory (a restart resets it). Rates are probabilities in [0, 1],
 * drawn from one seeded Random so a chaos run can be replayed with the same {@code seed}.
 * <ul>
 * <li>callbackDropRate: a callback is never sent, not even retried.</li>
 * <li>callbackDuplicateRate: a callback is sent twice (same eventId), independently.</li>
 * <li>callbackDelayMs: every callback waits this long before its first attempt.</li>
 * <li>callbackJitterMs: each copy of a callback waits a further random 0..jitter ms, so events
 * (and the two copies of a duplicate) arrive out of order.</li>
 * <li>callbackLateRate, callbackLateMs: this share of events is held back a further lateMs, e.g.
 * past the order's expiry.</li>
 * <li>queryErrorRate: a payment or refund query answers 500.</li>
 * <li>queryLatencyMs: every query answers this much later.</li>
 * <li>queryRateLimitRate: a payment or refund query answers 429 rate_limited.</li>
 * <li>closeBlockedForMs: a payment younger than this cannot be closed (409 too_early), as WeChat Pay.</li>
 * <li>responseLostRate: create, close and refund act and commit, then answer 504 instead.</li>
 * <li>createErrorRate: a create answers 500 without acting.</li>
 * </ul>
 */
@Component
@EnabledSimulator
class SimFaults {
    record Faults(double callbackDropRate, double callbackDuplicateRate, long callbackDelayMs, long callbackJitterMs,
                  double callbackLateRate, long callbackLateMs, double queryErrorRate, long queryLatencyMs,
                  double queryRateLimitRate, long closeBlockedForMs, double responseLostRate, double createErrorRate, Long seed) {
        static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    private Faults faults = Faults.NONE;
    private Random random = new Random();

    synchronized Faults current() {
        return faults;
    }

    synchronized void reset() {
        faults = Faults.NONE;
        random = new Random();
    }

    /** Applies the given fields only; any unknown field or value out of range refuses the whole update. */
    synchronized Faults update(Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(asMap(faults));
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            if (!merged.containsKey(change.getKey())) {
                throw new SimRefusal(400, "invalid_request", "unknown fault " + change.getKey() + "; known: " + merged.keySet());
            }
            merged.put(change.getKey(), change.getValue());
        }
        Faults next = new Faults(rate(merged, "callbackDropRate"), rate(merged, "callbackDuplicateRate"),
                millis(merged, "callbackDelayMs"), millis(merged, "callbackJitterMs"), rate(merged, "callbackLateRate"),
                millis(merged, "callbackLateMs"), rate(merged, "queryErrorRate"), millis(merged, "queryLatencyMs"),
                rate(merged, "queryRateLimitRate"), millis(merged, "closeBlockedForMs"), rate(merged, "responseLostRate"),
                rate(merged, "createErrorRate"), merged.get("seed") == null ? null : ((Number) number(merged, "seed")).longValue());
        if (changes.containsKey("seed") && next.seed() != null) {
            random = new Random(next.seed());
        }
        faults = next;
        return next;
    }

    /** True with the given probability; 0 and 1 are exact, so tests with those rates are deterministic. */
    synchronized boolean roll(double rate) {
        if (rate <= 0) return false;
        if (rate >= 1) return true;
        return random.nextDouble() < rate;
    }

    /** A whole number in [0, bound], drawn from the same seeded Random as the rates. */
    synchronized long upTo(long bound) {
        return bound <= 0 ? 0 : random.nextLong(bound + 1);
    }

    static Map<String, Object> asMap(Faults f) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("callbackDropRate", f.callbackDropRate());
        map.put("callbackDuplicateRate", f.callbackDuplicateRate());
        map.put("callbackDelayMs", f.callbackDelayMs());
        map.put("callbackJitterMs", f.callbackJitterMs());
        map.put("callbackLateRate", f.callbackLateRate());
        map.put("callbackLateMs", f.callbackLateMs());
        map.put("queryErrorRate", f.queryErrorRate());
        map.put("queryLatencyMs", f.queryLatencyMs());
        map.put("queryRateLimitRate", f.queryRateLimitRate());
        map.put("closeBlockedForMs", f.closeBlockedForMs());
        map.put("responseLostRate", f.responseLostRate());
        map.put("createErrorRate", f.createErrorRate());
        map.put("seed", f.seed());
        return map;
    }

    private static Object number(Map<String, Object> map, String name) {
        if (!(map.get(name) instanceof Number n)) {
            throw new SimRefusal(400, "invalid_request", name + " must be a number");
        }
        return n;
    }

    private static double rate(Map<String, Object> map, String name) {
        double value = ((Number) number(map, name)).doubleValue();
        if (!(value >= 0 && value <= 1)) {
            throw new SimRefusal(400, "invalid_request", name + " must be between 0 and 1");
        }
        return value;
    }

    private static long millis(Map<String, Object> map, String name) {
        long value = ((Number) number(map, name)).longValue();
        if (value < 0 || value > 3_600_000) {
            throw new SimRefusal(400, "invalid_request", name + " must be between 0 and 3600000");
        }
        return value;
    }
}
