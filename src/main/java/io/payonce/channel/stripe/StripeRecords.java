package io.payonce.channel.stripe;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The channel's durable mapping of our numbers to Stripe's ids (tables of V10__stripe.sql). A row is
 * written before a create is sent, with what is sent; the id is added when Stripe answers. Each
 * statement is atomic on its own; no transaction spans a call to Stripe.
 */
final class StripeRecords {
    /** What was (or is being) sent to create a PaymentIntent for a paymentNo, and its id once known. */
    record Intent(String paymentNo, long amount, String currency, String description, String paymentIntentId, Instant requestedAt) {}

    record RefundRequest(String refundNo, String paymentNo, long amount, String refundId, Instant requestedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    StripeRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The intent as first requested: a repeat keeps the first row, so every try sends the same parameters. */
    Intent requestIntent(String paymentNo, long amount, String currency, String description) {
        jdbc.sql("""
                insert into stripe_payment_intent (payment_no, amount, currency, description, requested_at)
                values (?, ?, ?, ?, ?) on conflict (payment_no) do nothing""")
                .params(paymentNo, amount, currency, description, Timestamp.from(clock.instant())).update();
        return intent(paymentNo).orElseThrow();
    }

    Optional<Intent> intent(String paymentNo) {
        return jdbc.sql("select * from stripe_payment_intent where payment_no = ?").param(paymentNo)
                .query((rs, row) -> new Intent(rs.getString("payment_no"), rs.getLong("amount"), rs.getString("currency"),
                        rs.getString("description"), rs.getString("payment_intent_id"), rs.getTimestamp("requested_at").toInstant()))
                .optional();
    }

    Optional<String> paymentNoOf(String paymentIntentId) {
        return jdbc.sql("select payment_no from stripe_payment_intent where payment_intent_id = ?").param(paymentIntentId)
                .query(String.class).optional();
    }

    void intentAnswered(String paymentNo, String paymentIntentId) {
        jdbc.sql("""
                update stripe_payment_intent set payment_intent_id = ?, answered_at = ?
                where payment_no = ? and payment_intent_id is null""")
                .params(paymentIntentId, Timestamp.from(clock.instant()), paymentNo).update();
    }

    RefundRequest requestRefund(String refundNo, String paymentNo, long amount) {
        jdbc.sql("""
                insert into stripe_refund (refund_no, payment_no, amount, requested_at)
                values (?, ?, ?, ?) on conflict (refund_no) do nothing""")
                .params(refundNo, paymentNo, amount, Timestamp.from(clock.instant())).update();
        return refund(refundNo).orElseThrow();
    }

    Optional<RefundRequest> refund(String refundNo) {
        return jdbc.sql("select * from stripe_refund where refund_no = ?").param(refundNo)
                .query((rs, row) -> new RefundRequest(rs.getString("refund_no"), rs.getString("payment_no"), rs.getLong("amount"),
                        rs.getString("refund_id"), rs.getTimestamp("requested_at").toInstant()))
                .optional();
    }

    void refundAnswered(String refundNo, String refundId) {
        jdbc.sql("update stripe_refund set refund_id = ?, answered_at = ? where refund_no = ? and refund_id is null")
                .params(refundId, Timestamp.from(clock.instant()), refundNo).update();
    }

    Instant now() {
        return clock.instant();
    }
}
