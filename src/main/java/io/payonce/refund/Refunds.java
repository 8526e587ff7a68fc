package io.payonce.refund;

import io.payonce.shared.StatusHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Refunds in PostgreSQL; status writes are compare-and-set with a history row. */
@Repository
@Transactional
public class Refunds {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatusHistory history;

    Refunds(JdbcClient jdbc, Clock clock, StatusHistory history) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.history = history;
    }

    /** @return false when the unique keys say this refund exists already */
    boolean insert(Refund refund) {
        Timestamp now = Timestamp.from(clock.instant());
        int inserted = jdbc.sql("""
                insert into refund (refund_no, order_id, merchant_id, payment_no, merchant_refund_no, kind, amount_minor, currency,
                  reason, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict do nothing""")
                .params(refund.refundNo(), refund.orderId(), refund.merchantId(), refund.paymentNo(), refund.merchantRefundNo(),
                        refund.kind().name(), refund.amountMinor(), refund.currency().getCurrencyCode(), refund.reason(), now, now)
                .update();
        if (inserted == 1) history.record("refund", refund.refundNo(), null, "PENDING", refund.kind().name());
        return inserted == 1;
    }

    boolean finish(String refundNo, RefundStatus to, String channelRefundId, String failureReason) {
        assert RefundStatus.PENDING.canMoveTo(to) : "PENDING -> " + to;
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update refund set status = ?, channel_refund_id = coalesce(?, channel_refund_id), failure_reason = ?,
                  updated_at = ?, finished_at = ? where refund_no = ? and status = 'PENDING'""")
                .params(to.name(), channelRefundId, failureReason, now, now, refundNo).update();
        if (updated == 1) history.record("refund", refundNo, "PENDING", to.name(), failureReason);
        return updated == 1;
    }

    @Transactional(readOnly = true)
    public Optional<Refund> find(String refundNo) {
        return jdbc.sql("select * from refund where refund_no = ?").param(refundNo).query(Refunds::map).optional();
    }

    @Transactional(readOnly = true)
    public Optional<Refund> findByMerchantRefundNo(String merchantId, String merchantRefundNo) {
        return jdbc.sql("select * from refund where merchant_id = ? and merchant_refund_no = ?")
                .params(merchantId, merchantRefundNo).query(Refunds::map).optional();
    }

    @Transactional(readOnly = true)
    public List<Refund> ofOrder(long orderId) {
        return jdbc.sql("select * from refund where order_id = ? order by created_at, refund_no").param(orderId).query(Refunds::map).list();
    }

    /** Merchant refunds that hold money: succeeded or still in flight. */
    long reservedMinor(long orderId) {
        return jdbc.sql("select coalesce(sum(amount_minor), 0) from refund where order_id = ? and kind = 'MERCHANT' and status <> 'FAILED'")
                .param(orderId).query(Long.class).single();
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Refund(rs.getString("refund_no"), rs.getLong("order_id"), rs.getString("merchant_id"),
                rs.getString("payment_no"), rs.getString("merchant_refund_no"), Refund.Kind.valueOf(rs.getString("kind")),
                rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency")), rs.getString("reason"),
                RefundStatus.valueOf(rs.getString("status")), rs.getString("channel_refund_id"), rs.getString("failure_reason"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
    }
}
