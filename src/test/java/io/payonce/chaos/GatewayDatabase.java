package io.payonce.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Read-only JDBC into the gateway's own records: its orders, attempts, refunds, notifications and status history. */
final class GatewayDatabase {
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    record OrderRow(long orderId, String merchantOrderNo, String status, long amountMinor, long refundedMinor,
                    String payingPaymentNo, Instant paidAt) {}

    record AttemptRow(String paymentNo, long orderId, String channel, String status, boolean duplicate, boolean superseded) {}

    record RefundRow(String refundNo, String paymentNo, String kind, String status, long amountMinor) {}

    record NotificationRow(String notificationId, long orderId, String type, String status, int attempts) {}

    record HistoryRow(long id, String entity, String entityId, String from, String to, String reason) {}

    /** What still has to happen: open orders, pending attempts, refunds and notifications. */
    record OpenWork(long orders, long attempts, long refunds, long notifications) {
        boolean none() {
            return orders + attempts + refunds + notifications == 0;
        }

        @Override
        public String toString() {
            return orders + " open orders, " + attempts + " pending attempts, " + refunds + " pending refunds, "
                    + notifications + " pending notifications";
        }
    }

    private final String jdbcUrl;

    GatewayDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    OpenWork openWork() throws SQLException {
        return query("""
                select (select count(*) from payment_order where status in ('UNPAID','PAYING')),
                       (select count(*) from payment_attempt where status = 'PENDING'),
                       (select count(*) from refund where status = 'PENDING'),
                       (select count(*) from notification where status = 'PENDING')""",
                rs -> new OpenWork(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).getFirst();
    }

    List<OrderRow> orders() throws SQLException {
        return query("select * from payment_order order by order_id", rs -> new OrderRow(rs.getLong("order_id"),
                rs.getString("merchant_order_no"), rs.getString("status"), rs.getLong("amount_minor"),
                rs.getLong("refunded_minor"), rs.getString("paying_payment_no"), instant(rs.getTimestamp("paid_at"))));
    }

    List<AttemptRow> attempts() throws SQLException {
        return query("select * from payment_attempt order by created_at", rs -> new AttemptRow(rs.getString("payment_no"),
                rs.getLong("order_id"), rs.getString("channel"), rs.getString("status"), rs.getBoolean("duplicate"),
                rs.getBoolean("superseded")));
    }

    List<RefundRow> refunds() throws SQLException {
        return query("select * from refund", rs -> new RefundRow(rs.getString("refund_no"), rs.getString("payment_no"),
                rs.getString("kind"), rs.getString("status"), rs.getLong("amount_minor")));
    }

    List<NotificationRow> notifications() throws SQLException {
        return query("select * from notification", rs -> new NotificationRow(rs.getString("notification_id"),
                rs.getLong("order_id"), rs.getString("type"), rs.getString("status"), rs.getInt("attempts")));
    }

    List<HistoryRow> history() throws SQLException {
        return query("select * from status_history order by history_id", rs -> new HistoryRow(rs.getLong("history_id"),
                rs.getString("entity"), rs.getString("entity_id"), rs.getString("from_status"), rs.getString("to_status"),
                rs.getString("reason")));
    }

    /** paymentNo → when its first verified callback was applied (for diagnosis: did the truth come by callback?). */
    java.util.Map<String, Instant> firstCallbackApplied() throws SQLException {
        java.util.Map<String, Instant> first = new java.util.HashMap<>();
        query("select payment_no, min(applied_at) from channel_callback where verified and applied_at is not null group by payment_no",
                rs -> first.put(rs.getString(1), instant(rs.getTimestamp(2))));
        return first;
    }

    private <T> List<T> query(String sql, Row<T> row) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) rows.add(row.map(rs));
            return rows;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
