package io.payonce.order;

import io.payonce.shared.StatusHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Orders in PostgreSQL. Status writes are compare-and-set on (status, version) with a history row. */
@Repository
@Transactional
public class Orders {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatusHistory history;

    Orders(JdbcClient jdbc, Clock clock, StatusHistory history) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.history = history;
    }

    /**
     * Inserts the order unless (merchant, merchantOrderNo) exists, and returns it when this call
     * created it. The new row is this transaction's until it commits (another request for the
     * same order waits on the unique index, then finds it), so it needs no further lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Order> insertIfAbsent(String merchantId, NewOrder order, Instant expireAt) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                insert into payment_order (merchant_id, merchant_order_no, amount_minor, currency, subject, return_url, notify_url,
                  status, expire_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, 'UNPAID', ?, ?, ?) on conflict (merchant_id, merchant_order_no) do nothing
                returning *""")
                .params(merchantId, order.merchantOrderNo(), order.amountMinor(), order.currency().getCurrencyCode(),
                        order.subject(), order.returnUrl(), order.notifyUrl(), Timestamp.from(expireAt), now, now)
                .query(Orders::map).optional();
    }

    /** Locks the order row: requests for one order are serialized here (M2). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Order> lock(String merchantId, String merchantOrderNo) {
        return jdbc.sql("select * from payment_order where merchant_id = ? and merchant_order_no = ? for update")
                .params(merchantId, merchantOrderNo).query(Orders::map).optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Order> lock(long orderId) {
        return jdbc.sql("select * from payment_order where order_id = ? for update").param(orderId).query(Orders::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Order> find(String merchantId, String merchantOrderNo) {
        return jdbc.sql("select * from payment_order where merchant_id = ? and merchant_order_no = ?")
                .params(merchantId, merchantOrderNo).query(Orders::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Order> find(long orderId) {
        return jdbc.sql("select * from payment_order where order_id = ?").param(orderId).query(Orders::map).optional();
    }

    boolean countAttempt(Order order) {
        OrderStatus to = order.status() == OrderStatus.UNPAID ? OrderStatus.PAYING : order.status();
        return move(order, to, "attempt started", "attempts_used = attempts_used + 1");
    }

    boolean markPaid(Order order, String paymentNo) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update payment_order set status = 'PAID', paying_payment_no = ?, captured_minor = amount_minor, paid_at = ?,
                  version = version + 1, updated_at = ? where order_id = ? and status = ? and version = ?""")
                .params(paymentNo, now, now, order.orderId(), order.status().name(), order.version()).update();
        if (updated == 1) history.record("order", String.valueOf(order.orderId()), order.status().name(), "PAID", paymentNo);
        return updated == 1;
    }

    boolean markClosed(Order order, String reason) {
        assert order.status().canMoveTo(OrderStatus.CLOSED) : order.status() + " -> CLOSED";
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update payment_order set status = 'CLOSED', closed_at = ?, version = version + 1, updated_at = ?
                where order_id = ? and status = ? and version = ?""")
                .params(now, now, order.orderId(), order.status().name(), order.version()).update();
        if (updated == 1) history.record("order", String.valueOf(order.orderId()), order.status().name(), "CLOSED", reason);
        return updated == 1;
    }

    /** Adds a succeeded merchant refund to the order's totals and moves it to (partially) refunded. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordRefund(Order order, long refundMinor) {
        long refunded = order.refundedMinor() + refundMinor;
        assert refunded <= order.capturedMinor() : "refunds over captured must have been refused";
        OrderStatus to = refunded == order.capturedMinor() ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        return move(order, to, "refund of " + refundMinor, "refunded_minor = refunded_minor + " + refundMinor);
    }

    private boolean move(Order order, OrderStatus to, String reason, String extraAssignment) {
        if (!order.status().canMoveTo(to) && order.status() != to) {
            throw new IllegalStateException("order " + order.orderId() + " cannot move " + order.status() + " -> " + to);
        }
        int updated = jdbc.sql("update payment_order set status = ?, " + extraAssignment
                        + ", version = version + 1, updated_at = ? where order_id = ? and status = ? and version = ?")
                .params(to.name(), Timestamp.from(clock.instant()), order.orderId(), order.status().name(), order.version())
                .update();
        if (updated == 1 && order.status() != to) {
            history.record("order", String.valueOf(order.orderId()), order.status().name(), to.name(), reason);
        }
        return updated == 1;
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        return new Order(rs.getLong("order_id"), rs.getString("merchant_id"), rs.getString("merchant_order_no"),
                rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency")), rs.getString("subject"),
                rs.getString("return_url"), rs.getString("notify_url"), OrderStatus.valueOf(rs.getString("status")),
                rs.getLong("version"), rs.getInt("attempts_used"), rs.getString("paying_payment_no"),
                rs.getLong("captured_minor"), rs.getLong("refunded_minor"), instant(rs, "expire_at"),
                instant(rs, "created_at"), instant(rs, "paid_at"), instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
