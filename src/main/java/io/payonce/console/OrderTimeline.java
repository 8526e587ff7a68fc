package io.payonce.console;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Everything that happened to one order, oldest first (newest last): its creation and status
 * changes, its attempts' status changes, every channel query and close (attempt_poll), callbacks
 * received (verified or rejected), refunds and notifications with each delivery attempt.
 * Each branch reads through an index on the order's own ids; the newest {@link #MAX_EVENTS} events.
 */
@Repository
class OrderTimeline {
    static final int MAX_EVENTS = 2_000;

    record Event(String at, String kind, String subject, String title, String detail) {}

    record AttemptRow(String paymentNo, String channel, String status, boolean superseded, boolean duplicate,
                      String channelTxnId, String failureReason, String createdAt, String finishedAt) {}

    record RefundRow(String refundNo, String kind, String paymentNo, String amount, String status, String reason,
                     String failureReason, String createdAt) {}

    record NotificationRow(String notificationId, String type, String status, int attempts, String lastError,
                           String targetUrl, String createdAt) {}

    private final JdbcClient jdbc;

    OrderTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Event> events(long orderId) {
        return jdbc.sql("""
                with a as (select payment_no from payment_attempt where order_id = :order),
                     r as (select refund_no from refund where order_id = :order),
                     n as (select notification_id from notification where order_id = :order)
                select at, kind, subject, title, detail from (
                  select o.created_at as at, 0 as seq, 'order' as kind, o.merchant_order_no as subject, 'order created' as title,
                         'amount ' || o.amount_minor || ' ' || o.currency || ', expires ' || o.expire_at as detail
                    from payment_order o where o.order_id = :order
                  union all
                  select h.changed_at, h.history_id, h.entity, h.entity_id,
                         coalesce(h.from_status || ' → ', '') || h.to_status, h.reason
                    from status_history h where h.entity = 'order' and h.entity_id = :orderText
                  union all
                  select h.changed_at, h.history_id, h.entity, h.entity_id,
                         coalesce(h.from_status || ' → ', '') || h.to_status, h.reason
                    from status_history h where h.entity = 'attempt' and h.entity_id in (select payment_no from a)
                  union all
                  select h.changed_at, h.history_id, h.entity, h.entity_id,
                         coalesce(h.from_status || ' → ', '') || h.to_status, h.reason
                    from status_history h where h.entity = 'refund' and h.entity_id in (select refund_no from r)
                  union all
                  select h.changed_at, h.history_id, h.entity, h.entity_id,
                         coalesce(h.from_status || ' → ', '') || h.to_status, h.reason
                    from status_history h where h.entity = 'notification' and h.entity_id in (select notification_id from n)
                  union all
                  select c.received_at, c.callback_id, 'callback', c.payment_no,
                         case when c.verified then 'callback received (' || c.channel || ')'
                              else 'callback rejected (' || c.channel || ')' end,
                         case when c.verified then coalesce('event ' || c.event_id, '')
                                   || case when c.applied_at is null then ', not applied' else ', applied' end
                              else c.reject_reason end
                    from channel_callback c where c.payment_no in (select payment_no from a)
                  union all
                  select p.polled_at, p.poll_id, 'poll', p.payment_no, p.action || ' at ' || p.channel || ': ' || p.outcome, p.detail
                    from attempt_poll p where p.payment_no in (select payment_no from a)
                ) t order by at desc, seq desc limit :limit""")
                .param("order", orderId).param("orderText", String.valueOf(orderId)).param("limit", MAX_EVENTS)
                .query((rs, n) -> new Event(Times.text(rs, "at"), rs.getString("kind"), rs.getString("subject"),
                        rs.getString("title"), rs.getString("detail")))
                .list().reversed();
    }

    List<AttemptRow> attempts(long orderId) {
        return jdbc.sql("select * from payment_attempt where order_id = ? order by created_at, payment_no").param(orderId)
                .query((rs, n) -> new AttemptRow(rs.getString("payment_no"), rs.getString("channel"), rs.getString("status"),
                        rs.getBoolean("superseded"), rs.getBoolean("duplicate"), rs.getString("channel_txn_id"),
                        rs.getString("failure_reason"), Times.text(rs, "created_at"), Times.text(rs, "finished_at")))
                .list();
    }

    List<RefundRow> refunds(long orderId) {
        return jdbc.sql("select * from refund where order_id = ? order by created_at, refund_no").param(orderId)
                .query((rs, n) -> new RefundRow(rs.getString("refund_no"), rs.getString("kind"), rs.getString("payment_no"),
                        Money.format(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("status"),
                        rs.getString("reason"), rs.getString("failure_reason"), Times.text(rs, "created_at")))
                .list();
    }

    List<NotificationRow> notifications(long orderId) {
        return jdbc.sql("select * from notification where order_id = ? order by created_at, notification_id").param(orderId)
                .query((rs, n) -> new NotificationRow(rs.getString("notification_id"), rs.getString("type"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"), rs.getString("target_url"),
                        Times.text(rs, "created_at")))
                .list();
    }
}
