package io.payonce.merchant;

import java.time.Duration;
import java.util.List;

/**
 * How the gateway treats one merchant's orders.
 *
 * @param maxAttempts            payment attempts allowed per order (M4)
 * @param duplicateWindow        a repeat within this time gets the live attempt back (M2)
 * @param expire                 an order's life before it is closed (M12), unless the request says otherwise
 * @param pollSchedule           delays between compensation queries of a live attempt (M7)
 * @param supersededPollSchedule the faster schedule of a superseded attempt until it is terminal (M5)
 */
public record MerchantPolicy(int maxAttempts, Duration duplicateWindow, Duration expire,
                             List<Duration> pollSchedule, List<Duration> supersededPollSchedule) {
    public MerchantPolicy {
        pollSchedule = List.copyOf(pollSchedule);
        supersededPollSchedule = List.copyOf(supersededPollSchedule);
        if (!MerchantRules.MAX_ATTEMPTS.contains(maxAttempts)) throw new IllegalArgumentException("maxAttempts: must be 1..20");
        if (duplicateWindow.isNegative() || duplicateWindow.compareTo(Duration.ofSeconds(MerchantRules.DUPLICATE_WINDOW_SECONDS.max())) > 0)
            throw new IllegalArgumentException("duplicateWindow: must be 0..1h");
        if (expire.compareTo(Duration.ofSeconds(MerchantRules.EXPIRE_SECONDS.min())) < 0
                || expire.compareTo(Duration.ofSeconds(MerchantRules.EXPIRE_SECONDS.max())) > 0)
            throw new IllegalArgumentException("expire: must be 1s..30d");
        if (pollSchedule.isEmpty() || supersededPollSchedule.isEmpty())
            throw new IllegalArgumentException("pollSchedule: must have at least one step");
    }
}
