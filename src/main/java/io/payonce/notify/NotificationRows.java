package io.payonce.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the notification table. Every status write is a compare-and-set on (status, attempts)
 * and writes its status_history row; callers supply the transaction.
 */
@Repository
class NotificationRows {
    private final JdbcClient jdbc;

    NotificationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when a notification with the same dedupe key already exists: the event was seen before. */
    boolean insertPending(String notificationId, String merchantId, long orderId, String type, String dedupeKey,
                          String payload, String targetUrl, Instant now) {
        int inserted = jdbc.sql("""
                insert into notification (notification_id, merchant_id, order_id, type, dedupe_key, payload, target_url,
                  status, attempts, created_at, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                on conflict (dedupe_key) do nothing""")
                .params(notificationId, merchantId, orderId, type, dedupeKey, payload, targetUrl, ts(now), ts(now))
                .update();
        if (inserted == 1) {
            history(notificationId, null, Notification.PENDING, type, now);
        }
        return inserted == 1;
    }

    Optional<Notification> find(String notificationId) {
        return jdbc.sql("select * from notification where notification_id = ?").param(notificationId)
                .query(MAPPER).optional();
    }

    Optional<String> lockStatus(String notificationId) {
        return jdbc.sql("select status from notification where notification_id = ? for update").param(notificationId)
                .query(String.class).optional();
    }

    /** Where a notification goes when it was created without a URL, or is sent again: the order's, else the merchant's. */
    Optional<String> currentTargetUrl(String notificationId) {
        return jdbc.sql("""
                select coalesce(nullif(o.notify_url, ''), nullif(m.notify_url, '')) from notification n
                join payment_order o on o.order_id = n.order_id join merchant m on m.merchant_id = n.merchant_id
                where n.notification_id = ?""")
                .param(notificationId).query((rs, i) -> Optional.ofNullable(rs.getString(1))).single();
    }

    List<Notification> newest(String status, int limit) {
        return jdbc.sql("""
                select * from notification where (cast(? as text) is null or status = ?)
                order by created_at desc, notification_id desc limit ?""")
                .params(status, status, limit).query(MAPPER).list();
    }

    boolean markDelivered(Notification seen, String targetUrl, int statusCode, Instant now) {
        int updated = jdbc.sql("""
                update notification set status = 'DELIVERED', attempts = attempts + 1, target_url = ?, last_status_code = ?,
                  last_error = null, delivered_at = ?, next_attempt_at = null
                where notification_id = ? and status = 'PENDING' and attempts = ?""")
                .params(targetUrl, statusCode, ts(now), seen.notificationId(), seen.attempts()).update();
        if (updated == 1) {
            history(seen.notificationId(), Notification.PENDING, Notification.DELIVERED, "HTTP " + statusCode, now);
        }
        return updated == 1;
    }

    /** Counts a failed attempt; its history row (PENDING to PENDING) is what operators see of each failed delivery. */
    boolean recordFailure(Notification seen, String targetUrl, Integer statusCode, String error, Instant nextAttemptAt,
                          Instant now) {
        int updated = jdbc.sql("""
                update notification set attempts = attempts + 1, target_url = ?, last_status_code = ?, last_error = ?,
                  next_attempt_at = ?
                where notification_id = ? and status = 'PENDING' and attempts = ?""")
                .params(targetUrl, statusCode, error, ts(nextAttemptAt), seen.notificationId(), seen.attempts())
                .update();
        if (updated == 1) {
            history(seen.notificationId(), Notification.PENDING, Notification.PENDING,
                    "attempt " + (seen.attempts() + 1) + " failed: " + error, now);
        }
        return updated == 1;
    }

    boolean markDead(Notification seen, String targetUrl, Integer statusCode, String error, Instant now) {
        int updated = jdbc.sql("""
                update notification set status = 'DEAD', attempts = attempts + 1, target_url = ?, last_status_code = ?,
                  last_error = ?, dead_at = ?, next_attempt_at = null
                where notification_id = ? and status = 'PENDING' and attempts = ?""")
                .params(targetUrl, statusCode, error, ts(now), seen.notificationId(), seen.attempts()).update();
        if (updated == 1) {
            history(seen.notificationId(), Notification.PENDING, Notification.DEAD,
                    "gave up after " + (seen.attempts() + 1) + " attempts: " + error, now);
        }
        return updated == 1;
    }

    /** Back to PENDING with a fresh retry budget; the caller holds the row lock and knows {@code from}. */
    void reopen(String notificationId, String from, String targetUrl, String reason, Instant now) {
        jdbc.sql("""
                update notification set status = 'PENDING', attempts = 0, target_url = ?, last_status_code = null,
                  last_error = null, dead_at = null, next_attempt_at = ?
                where notification_id = ? and status = ?""")
                .params(targetUrl, ts(now), notificationId, from).update();
        history(notificationId, from, Notification.PENDING, reason, now);
    }

    private void history(String notificationId, String from, String to, String reason, Instant now) {
        jdbc.sql("""
                insert into status_history (entity, entity_id, from_status, to_status, reason, changed_at)
                values ('notification', ?, ?, ?, ?, ?)""")
                .params(notificationId, from, to, reason, ts(now)).update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<Notification> MAPPER = (rs, n) -> new Notification(
            rs.getString("notification_id"), rs.getString("merchant_id"), rs.getLong("order_id"), rs.getString("type"),
            rs.getString("payload"), rs.getString("target_url"), rs.getString("status"), rs.getInt("attempts"),
            rs.getObject("last_status_code", Integer.class), rs.getString("last_error"), instant(rs, "created_at"),
            instant(rs, "next_attempt_at"), instant(rs, "delivered_at"), instant(rs, "dead_at"));
}
