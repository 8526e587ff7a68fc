package io.payonce.channel.wechatpay;

import io.payonce.shared.JobHandler;
import io.payonce.shared.Jobs;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the nonce table bounded: every quarter of the retention, nonces received longer than the
 * retention ago are deleted. Wall time, like the freshness check, since WeChat Pay signs with it.
 */
@Component
@Conditional(WechatPayConfigured.class)
class NonceCleanupJob implements JobHandler {
    static final String NAME = "wechatpay-nonce-cleanup";

    private final Jobs jobs;
    private final NotificationNonces nonces;
    private final Clock schedulerClock;
    private final Duration retention;
    private final Clock wallClock = Clock.systemUTC();

    NonceCleanupJob(Jobs jobs, NotificationNonces nonces, Clock clock, WechatPayProperties properties) {
        this.jobs = jobs;
        this.nonces = nonces;
        this.schedulerClock = clock;
        this.retention = properties.nonceRetention();
    }

    @Override
    public String jobName() {
        return NAME;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    void scheduleFirstCleanup() {
        jobs.schedule(NAME, "all", schedulerClock.instant().plus(retention.dividedBy(4)), 0);
    }

    @Override
    public JobResult run(String instance, int step) {
        nonces.forgetReceivedBefore(wallClock.instant().minus(retention));
        return JobResult.runAgainAt(schedulerClock.instant().plus(retention.dividedBy(4)), step + 1);
    }
}
