package io.payonce.attempt;

import io.payonce.channel.ChannelOutcome;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * A log of what each channel query or close of an attempt answered, for operators (the order
 * timeline of the console). Written outside any transaction, right after the channel answered:
 * it is evidence, not state, so a lost row changes no decision. Old rows are pruned in batches.
 */
@Repository
public class AttemptPolls {
    public enum Action { query, close }

    private static final int MAX_DETAIL = 500;
    private static final int PRUNE_BATCH = 5_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;

    AttemptPolls(JdbcClient jdbc, Clock clock, @Value("${payonce.attempt-polls.retention:30d}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    public void record(String paymentNo, String channel, Action action, ChannelOutcome outcome, String detail) {
        String shortDetail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("insert into attempt_poll (payment_no, channel, action, outcome, detail, polled_at) values (?, ?, ?, ?, ?, ?)")
                .params(paymentNo, channel, action.name(), outcome.name(), shortDetail, Timestamp.from(clock.instant()))
                .update();
    }

    /** Deletes rows past the retention, a bounded batch at a time (every node may run it: deletes are idempotent). */
    @Scheduled(fixedDelayString = "${payonce.attempt-polls.prune-interval:10m}", initialDelayString = "60s")
    int prune() {
        return jdbc.sql("""
                delete from attempt_poll where poll_id in
                  (select poll_id from attempt_poll where polled_at < ? order by polled_at limit ?)""")
                .params(Timestamp.from(clock.instant().minus(retention)), PRUNE_BATCH).update();
    }
}
