package io.payonce.compensation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * and schedules it. Every PENDING attempt has a job, so finding the ones without is a walk over
 * all of them: each run reads one bounded slice, {@code scanLimit} attempts in (created_at,
 * payment_no) order after a cursor kept in the database, and wraps around at the end. The work
 * per run stays the same with a million pending attempts; a full round takes
 * pending ÷ scanLimit runs. Overdue open orders are few by nature and are read by their index.
 */
@Component
class Sweeper implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    static final String NAME = "sweeper";
    private static final String ATTEMPTS = "attempts";
    private static final int BATCH_LIMIT = 500;
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** Where the walk goes on: after this key, or from the oldest attempt at {@link #START}. */
    record Cursor(Instant afterCreatedAt, String afterPaymentNo) {
        static final Cursor START = new Cursor(Instant.parse("1900-01-01T00:00:00Z"), "");
    }

    private record Scanned(String paymentNo, Instant createdAt, boolean lost) {
        Cursor key() {
            return new Cursor(createdAt, paymentNo);
        }
    }

    private final Jobs jobs;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration interval;
    private final int scanLimit;
    private final Timer runTime;
    private final Counter scanned;
    private final Counter rescheduled;

    Sweeper(Jobs jobs, JdbcClient jdbc, Clock clock, MeterRegistry meters,
            @Value("${payonce.sweeper.interval:60s}") Duration interval,
            @Value("${payonce.sweeper.scan-limit:10000}") int scanLimit) {
        if (scanLimit < 1) throw new IllegalArgumentException("payonce.sweeper.scan-limit must be positive: " + scanLimit);
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
        this.scanLimit = scanLimit;
        this.runTime = Timer.builder("payonce.sweeper.run").description("one sweep: a slice of PENDING attempts and the overdue orders")
                .register(meters);
        this.scanned = Counter.builder("payonce.sweeper.attempts.scanned").description("PENDING attempts the sweeper looked at")
                .register(meters);
        this.rescheduled = Counter.builder("payonce.sweeper.rescheduled").description("attempt checks and order expiries the sweeper found missing")
                .register(meters);
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
        long started = System.nanoTime();
        int attempts = sweepAttempts(now);
        List<String> orders = jdbc.sql("""
                select o.order_id::text from payment_order o where o.status in ('UNPAID','PAYING') and o.expire_at < ?
                and not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = o.order_id::text)
                order by o.expire_at limit ?""")
                .params(Timestamp.from(now.minus(GRACE)), OrderExpiryJob.NAME, BATCH_LIMIT).query(String.class).list();
        orders.forEach(orderId -> jobs.schedule(OrderExpiryJob.NAME, orderId, now, 0));
        rescheduled.increment(attempts + orders.size());
        runTime.record(Duration.ofNanos(System.nanoTime() - started));
        if (attempts > 0 || !orders.isEmpty()) {
            log.warn("sweeper rescheduled {} attempt checks and {} order expiries that had no job", attempts, orders.size());
        }
        return JobResult.runAgainAt(now.plus(interval), step + 1);
    }

    /** One slice of the walk: schedules a check for each attempt in it that has none. */
    private int sweepAttempts(Instant now) {
        Cursor from = cursor();
        List<Scanned> slice = jdbc.sql("""
                select a.payment_no, a.created_at,
                  not exists (select 1 from scheduled_tasks t where t.task_name = ? and t.task_instance = a.payment_no) as lost
                from payment_attempt a
                where a.status = 'PENDING' and a.created_at < ? and (a.created_at, a.payment_no) > (?, ?)
                order by a.created_at, a.payment_no limit ?""")
                .params(AttemptCheckJob.NAME, Timestamp.from(now.minus(GRACE)), Timestamp.from(from.afterCreatedAt()),
                        from.afterPaymentNo(), scanLimit)
                .query((rs, n) -> new Scanned(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3))).list();
        scanned.increment(slice.size());
        Cursor next = slice.size() < scanLimit ? Cursor.START : slice.getLast().key();
        int found = 0;
        for (Scanned attempt : slice) {
            if (attempt.lost()) {
                jobs.schedule(AttemptCheckJob.NAME, attempt.paymentNo(), now, 0);
                found++;
            }
            if (found == BATCH_LIMIT) {
                next = attempt.key(); // the rest of this slice is read again next time
                break;
            }
        }
        saveCursor(next, now);
        return found;
    }

    private Cursor cursor() {
        return jdbc.sql("select after_created_at, after_payment_no from sweeper_cursor where sweep = ?").param(ATTEMPTS)
                .query((rs, n) -> new Cursor(rs.getTimestamp(1).toInstant(), rs.getString(2))).optional().orElse(Cursor.START);
    }

    private void saveCursor(Cursor cursor, Instant now) {
        jdbc.sql("""
                insert into sweeper_cursor (sweep, after_created_at, after_payment_no, updated_at) values (?, ?, ?, ?)
                on conflict (sweep) do update set after_created_at = excluded.after_created_at,
                  after_payment_no = excluded.after_payment_no, updated_at = excluded.updated_at""")
                .params(ATTEMPTS, Timestamp.from(cursor.afterCreatedAt()), cursor.afterPaymentNo(), Timestamp.from(now)).update();
    }
}
