package io.payonce.merchant;

import io.payonce.shared.Schedules;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The policy a new merchant gets unless it asks for another (payonce.merchant-defaults.*). */
@ConfigurationProperties("payonce.merchant-defaults")
public record MerchantDefaults(Integer maxAttempts, Duration duplicateWindow, Duration expire,
                               String pollSchedule, String supersededPollSchedule) {
    public MerchantDefaults {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        duplicateWindow = duplicateWindow == null ? Duration.ofSeconds(10) : duplicateWindow;
        expire = expire == null ? Duration.ofHours(2) : expire;
        pollSchedule = pollSchedule == null ? "5s,10s,20s,30s,1m,2m,3m,5m,10m,20m,30m,1h,3h,8h,24h" : pollSchedule;
        supersededPollSchedule = supersededPollSchedule == null ? "2s,5s,10s,20s,30s,1m,2m,5m,10m,30m,1h" : supersededPollSchedule;
    }

    public MerchantPolicy policy() {
        return new MerchantPolicy(maxAttempts, duplicateWindow, expire,
                Schedules.parse(pollSchedule), Schedules.parse(supersededPollSchedule));
    }
}
