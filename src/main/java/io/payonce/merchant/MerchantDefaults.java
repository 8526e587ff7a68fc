package io.payonce.merchant;

import io.payonce.shared.Schedules;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The policy a new merchant gets unless it asks for another (payonce.merchant-defaults.*). */
@ConfigurationProperties("payonce.merchant-defaults")
public record MerchantDefaults(Integer maxAttempts, Duration duplicateWindow, Duration expire,
                               String pollSchedule, String supersededPollSchedule) {
    /**
     * Intervals between an attempt's status queries. PRODUCT.md's M7 list begins 5s,10s,20s,30s,
     * which leaves 20 and 30 s gaps while most buyers pay: with callbacks lost, the time-to-truth
     * benchmark measured p99 ≈ 20 s against the 15 s goal. Splitting the first minute (queries at
     * 5, 15, 25, 35, 50 and 65 s, no gap over 15 s) costs two more queries per attempt; from the
     * 1m step on it is M7's list, 24h last.
     */
    public static final String DEFAULT_POLL_SCHEDULE = "5s,10s,10s,10s,15s,15s,30s,1m,2m,3m,5m,10m,20m,30m,1h,3h,8h,24h";
    public MerchantDefaults {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        duplicateWindow = duplicateWindow == null ? Duration.ofSeconds(10) : duplicateWindow;
        expire = expire == null ? Duration.ofHours(2) : expire;
        pollSchedule = pollSchedule == null ? DEFAULT_POLL_SCHEDULE : pollSchedule;
        supersededPollSchedule = supersededPollSchedule == null ? "2s,5s,10s,20s,30s,1m,2m,5m,10m,30m,1h" : supersededPollSchedule;
    }

    public MerchantPolicy policy() {
        return new MerchantPolicy(maxAttempts, duplicateWindow, expire,
                Schedules.parse(pollSchedule), Schedules.parse(supersededPollSchedule));
    }
}
