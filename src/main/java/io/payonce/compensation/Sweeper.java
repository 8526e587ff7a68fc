package io.payonce.compensation;

import io.payonce.shared.JobHandler;
import io.payonce.shared.Jobs;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * M8: finds work that should be scheduled but is not (a restore from backup, a bug, a lost job)
 * and schedules it. Reads by indexed columns with a batch limit: PENDING attempts through the
 * partial index, open orders past their expiry.
 */
@Component
class Sweeper implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    static final String NAME = "sweeper";
    private static final int BATCH_LIMIT = 500;
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Jobs jobs;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration interval;

    Sweeper(Jobs jobs, JdbcClient jdbc, Clock clock, @Value("${payonce.sweeper.interval:60s}") Duration interval) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public String jobName() {
        return NAME;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    void scheduleFirstSweep() {
        jobs.schedule(NAME, "all", clock.instant().plus(interval), 0);
    }

    @Override
    @Transactional
    public JobResult run(String instance, int step) {
        Instant now = clock.instant();
        List<String> attempts = jdbc.sql("""
                select a.payment_no from payment_attempt a where a.status = 'PENDING' and a.created_at < ?
                and not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = a.payment_no)
                order by a.created_at limit ?""")
                .params(Timestamp.from(now.minus(GRACE)), AttemptCheckJob.NAME, BATCH_LIMIT).query(String.class).list();
        attempts.forEach(paymentNo -> jobs.schedule(AttemptCheckJob.NAME, paymentNo, now, 0));
        List<String> orders = jdbc.sql("""
                select o.order_id::text from payment_order o where o.status in ('UNPAID','PAYING') and o.expire_at < ?
                and not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = o.order_id::text)
                order by o.expire_at limit ?""")
                .params(Timestamp.from(now.minus(GRACE)), OrderExpiryJob.NAME, BATCH_LIMIT).query(String.class).list();
        orders.forEach(orderId -> jobs.schedule(OrderExpiryJob.NAME, orderId, now, 0));
        if (!attempts.isEmpty() || !orders.isEmpty()) {
            log.warn("sweeper rescheduled {} attempt checks and {} order expiries that had no job", attempts.size(), orders.size());
        }
        return JobResult.runAgainAt(now.plus(interval), step + 1);
    }
}
