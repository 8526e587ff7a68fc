package io.payonce.callback;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Every callback is committed here before anything acts on it. */
@Repository
@Transactional(propagation = Propagation.REQUIRES_NEW)
class CallbackInbox {
    private static final int MAX_BODY_CHARS = 65_536;

    record Stored(long callbackId, boolean alreadyApplied) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    CallbackInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Stored store(String channel, String eventId, String paymentNo, String body) {
        jdbc.sql("""
                insert into channel_callback (channel, event_id, payment_no, verified, body, received_at)
                values (?, ?, ?, true, ?, ?) on conflict (channel, event_id) where verified do nothing""")
                .params(channel, eventId, paymentNo, truncate(body), Timestamp.from(clock.instant())).update();
        return jdbc.sql("select callback_id, applied_at is not null as applied from channel_callback where channel = ? and event_id = ? and verified")
                .params(channel, eventId).query((rs, n) -> new Stored(rs.getLong(1), rs.getBoolean(2))).single();
    }

    void storeRejected(String channel, String paymentNo, String body, String reason) {
        jdbc.sql("insert into channel_callback (channel, payment_no, verified, reject_reason, body, received_at) values (?, ?, false, ?, ?, ?)")
                .params(channel, paymentNo, reason, truncate(body), Timestamp.from(clock.instant())).update();
    }

    void markApplied(long callbackId) {
        jdbc.sql("update channel_callback set applied_at = ? where callback_id = ?")
                .params(Timestamp.from(clock.instant()), callbackId).update();
    }

    private static String truncate(String body) {
        return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS);
    }
}
