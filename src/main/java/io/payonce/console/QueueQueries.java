package io.payonce.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The work that needs a human, each list bounded ({@link #LIMIT} rows) and read through a
 * partial or time index: duplicate captures and their refunds, refunds that failed or are stuck,
 * PENDING attempts past their schedule, dead notifications, and the buyer pages' own errors.
 */
@Repository
class QueueQueries {
    static final int LIMIT = 100;
    static final Duration STUCK_REFUND = Duration.ofMinutes(10);
    static final Duration OVERDUE_GRACE = Duration.ofMinutes(1);
    static final Duration CLIENT_ERROR_WINDOW = Duration.ofHours(24);

    record RefundRow(String refundNo, long orderId, String merchantOrderNo, String merchantId, String paymentNo,
                     String kind, String amount, String status, String failureReason, String createdAt, String finishedAt) {}

    record AttemptRow(String paymentNo, long orderId, String merchantOrderNo, String merchantId, String channel,
                      String age, String why) {}

    record DeadNotification(String notificationId, long orderId, String merchantOrderNo, String merchantId, String type,
                            int attempts, String lastError, String targetUrl, String deadAt) {}

    record ClientErrorGroup(String page, String browser, long count, String kinds, String lastSeen, String sampleMessage,
                            String samplePaymentNo) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClientEventColumns clientEventColumns;

    QueueQueries(JdbcClient jdbc, Clock clock, ClientEventColumns clientEventColumns) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.clientEventColumns = clientEventColumns;
    }

    List<RefundRow> duplicateRefunds() {
        return refunds("r.kind = 'DUPLICATE' order by r.created_at desc");
    }

    /** Refunds of any kind that FAILED, or are still PENDING after {@link #STUCK_REFUND}. */
    List<RefundRow> troubledRefunds() {
        List<RefundRow> rows = new ArrayList<>(refunds("r.status = 'FAILED' order by r.created_at desc"));
        rows.addAll(jdbc.sql(REFUND_SELECT + " where r.status = 'PENDING' and r.created_at < ? order by r.created_at limit ?")
                .params(Timestamp.from(clock.instant().minus(STUCK_REFUND)), LIMIT).query(QueueQueries::refund).list());
        return rows;
    }

    private List<RefundRow> refunds(String whereAndOrder) {
        return jdbc.sql(REFUND_SELECT + " where " + whereAndOrder + " limit ?").param(LIMIT).query(QueueQueries::refund).list();
    }

    private static final String REFUND_SELECT = """
            select r.*, o.merchant_order_no from refund r join payment_order o on o.order_id = r.order_id""";

    private static RefundRow refund(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new RefundRow(rs.getString("refund_no"), rs.getLong("order_id"), rs.getString("merchant_order_no"),
                rs.getString("merchant_id"), rs.getString("payment_no"), rs.getString("kind"),
                Money.format(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("status"),
                rs.getString("failure_reason"), Times.text(rs, "created_at"), Times.text(rs, "finished_at"));
    }

    /**
     * PENDING attempts an operator should look at: superseded ones the channel will not close,
     * ones without a scheduled check (the sweeper should have caught them), ones whose check is
     * overdue (the scheduler is behind), and ones still open past their order's expiry.
     */
    List<AttemptRow> attemptsPastSchedule() {
        Instant now = clock.instant();
        Timestamp late = Timestamp.from(now.minus(OVERDUE_GRACE));
        return jdbc.sql("""
                select a.payment_no, a.order_id, o.merchant_order_no, o.merchant_id, a.channel, a.created_at, a.superseded,
                       t.execution_time, o.expire_at
                from payment_attempt a join payment_order o on o.order_id = a.order_id
                left join scheduled_tasks t on t.task_name = 'attempt-check' and t.task_instance = a.payment_no
                where a.status = 'PENDING'
                  and (a.superseded or t.task_instance is null or t.execution_time < ? or o.expire_at < ?)
                order by a.created_at limit ?""")
                .params(late, late, LIMIT)
                .query((rs, n) -> new AttemptRow(rs.getString("payment_no"), rs.getLong("order_id"),
                        rs.getString("merchant_order_no"), rs.getString("merchant_id"), rs.getString("channel"),
                        Times.age(Times.instant(rs, "created_at"), now),
                        why(rs.getBoolean("superseded"), Times.instant(rs, "execution_time"), Times.instant(rs, "expire_at"), now)))
                .list();
    }

    private static String why(boolean superseded, Instant nextCheck, Instant expireAt, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (superseded) reasons.add("superseded: the channel has not closed it");
        if (nextCheck == null) reasons.add("no check scheduled");
        else if (nextCheck.isBefore(now.minus(OVERDUE_GRACE))) reasons.add("check overdue by " + Times.age(nextCheck, now));
        if (expireAt.isBefore(now.minus(OVERDUE_GRACE))) reasons.add("order expired " + Times.age(expireAt, now) + " ago");
        return String.join("; ", reasons);
    }

    List<DeadNotification> deadNotifications() {
        return jdbc.sql("""
                select n.*, o.merchant_order_no from notification n join payment_order o on o.order_id = n.order_id
                where n.status = 'DEAD' order by n.dead_at desc limit ?""")
                .param(LIMIT)
                .query((rs, n) -> new DeadNotification(rs.getString("notification_id"), rs.getLong("order_id"),
                        rs.getString("merchant_order_no"), rs.getString("merchant_id"), rs.getString("type"),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getString("target_url"), Times.text(rs, "dead_at")))
                .list();
    }

    /** The last 24 hours of client events, grouped by page and browser family, biggest group first. */
    List<ClientErrorGroup> clientErrors() {
        String page = clientEventColumns.hasPage() ? "coalesce(page, 'return')" : "'return'";
        List<Map<String, Object>> rows = jdbc.sql("""
                select %s as page, user_agent, count(*) as events, string_agg(distinct kind, ', ') as kinds,
                       max(created_at) as last_seen, (array_agg(message order by created_at desc))[1] as sample_message,
                       (array_agg(payment_no order by created_at desc))[1] as sample_payment_no
                from client_event where created_at >= ? group by 1, user_agent order by events desc limit 1000"""
                .formatted(page))
                .param(Timestamp.from(clock.instant().minus(CLIENT_ERROR_WINDOW))).query().listOfRows();
        Map<String, ClientErrorGroup> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            String browser = BrowserFamily.of((String) row.get("user_agent"));
            String key = row.get("page") + "\n" + browser;
            ClientErrorGroup seen = groups.get(key);
            ClientErrorGroup group = new ClientErrorGroup((String) row.get("page"), browser, ((Number) row.get("events")).longValue(),
                    (String) row.get("kinds"), Times.text(((Timestamp) row.get("last_seen")).toInstant()),
                    (String) row.get("sample_message"), (String) row.get("sample_payment_no"));
            groups.put(key, seen == null ? group : merge(seen, group));
        }
        return groups.values().stream().sorted((a, b) -> Long.compare(b.count(), a.count())).limit(LIMIT).toList();
    }

    private static ClientErrorGroup merge(ClientErrorGroup a, ClientErrorGroup b) {
        boolean bNewer = b.lastSeen().compareTo(a.lastSeen()) > 0;
        ClientErrorGroup newer = bNewer ? b : a;
        String kinds = String.join(", ", new java.util.TreeSet<>(List.of((a.kinds() + ", " + b.kinds()).split(", "))));
        return new ClientErrorGroup(a.page(), a.browser(), a.count() + b.count(), kinds, newer.lastSeen(),
                newer.sampleMessage(), newer.samplePaymentNo());
    }
}
