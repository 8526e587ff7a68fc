package io.payonce.notify;

import io.payonce.shared.Schedules;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notifications are delivered (payonce.notify.*).
 *
 * @param retrySchedule    delays before each retry after a failed attempt; after the last one the
 *                         notification is DEAD. Default: the contract's (WeChat Pay's) schedule.
 * @param connectTimeout   how long to wait for the merchant's server to accept the connection
 * @param requestTimeout   how long to wait for the merchant's answer once connected
 * @param maxResponseBytes how much of the merchant's answer is read; the rest is discarded, so a
 *                         misbehaving receiver cannot make the gateway buffer a large body
 */
@ConfigurationProperties("payonce.notify")
record NotifyProperties(String retrySchedule, Duration connectTimeout, Duration requestTimeout, Integer maxResponseBytes) {
    static final String CONTRACT_SCHEDULE = "15s,15s,30s,3m,10m,20m,30m,30m,30m,1h,3h,3h,3h,6h,6h";

    NotifyProperties {
        retrySchedule = retrySchedule == null ? CONTRACT_SCHEDULE : retrySchedule;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        maxResponseBytes = maxResponseBytes == null ? 4096 : maxResponseBytes;
        Schedules.parse(retrySchedule); // a bad schedule stops the start, not the first failed delivery
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero())
            throw new IllegalArgumentException("payonce.notify timeouts must be positive");
        if (maxResponseBytes < 0) throw new IllegalArgumentException("payonce.notify.max-response-bytes must not be negative");
    }

    List<Duration> retrySteps() {
        return Schedules.parse(retrySchedule);
    }
}
