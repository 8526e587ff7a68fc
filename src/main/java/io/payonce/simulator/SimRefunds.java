package io.payonce.simulator;

import io.payonce.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Refunds: idempotent on refundNo, never more than captured minus refunded, settled at once. */
@Service
@EnabledSimulator
class SimRefunds {
    record Refund(String refundNo, String channelRefundId, String paymentNo, long amountMinor, String status, Instant createdAt) {
        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("refundNo", refundNo);
            view.put("channelRefundId", channelRefundId);
            view.put("paymentNo", paymentNo);
            view.put("amount", amountMinor);
            view.put("status", status);
            return view;
        }
    }

    private final JdbcClient jdbc;
    private final SimulatorConfig.SimClock clock;
    private final SimCallbacks callbacks;

    SimRefunds(JdbcClient jdbc, SimulatorConfig.SimClock clock, SimCallbacks callbacks, SimulatorConfig.SimSchema schema) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.callbacks = callbacks;
    }

    @Transactional
    public Refund refund(String refundNo, String paymentNo, long amountMinor) {
        // The payment row lock serializes every refund of one payment, so the same refundNo
        // sent twice at once is found by the second one here, and the balance check is exact.
        Optional<Txn> txn = jdbc.sql("select * from sim.txn where payment_no = ? for update").param(paymentNo)
                .query(Txn::map).optional();
        Optional<Refund> existing = find(refundNo);
        if (existing.isPresent()) {
            Refund refund = existing.get();
            if (!refund.paymentNo().equals(paymentNo) || refund.amountMinor() != amountMinor) {
                throw new SimRefusal(409, "refund_mismatch", "refund " + refundNo + " exists with another payment or amount");
            }
            return refund;
        }
        Txn paid = txn.orElseThrow(() -> new SimRefusal(404, "payment_not_found", "no payment " + paymentNo));
        if (!paid.status().equals("PAID")) {
            throw new SimRefusal(409, "not_paid", "payment " + paymentNo + " is " + paid.status() + ", nothing to refund");
        }
        long left = paid.capturedMinor() - paid.refundedMinor();
        if (amountMinor > left) {
            throw new SimRefusal(409, "refund_exceeds_captured", "refund of " + amountMinor + " exceeds the " + left + " left to refund");
        }
        Instant now = clock.clock().instant();
        Refund refund = new Refund(refundNo, Ids.next("simrf", now), paymentNo, amountMinor, "SUCCEEDED", now);
        jdbc.sql("""
                insert into sim.refund (refund_no, channel_refund_id, payment_no, amount_minor, status, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(refundNo, refund.channelRefundId(), paymentNo, amountMinor, refund.status(), Timestamp.from(now))
                .update();
        jdbc.sql("update sim.txn set refunded_minor = refunded_minor + ? where payment_no = ?").params(amountMinor, paymentNo).update();
        callbacks.enqueueRefund(refund, paid, now);
        return refund;
    }

    public Optional<Refund> find(String refundNo) {
        return jdbc.sql("select * from sim.refund where refund_no = ?").param(refundNo)
                .query((rs, n) -> new Refund(rs.getString("refund_no"), rs.getString("channel_refund_id"),
                        rs.getString("payment_no"), rs.getLong("amount_minor"), rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }
}
