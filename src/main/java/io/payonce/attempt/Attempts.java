package io.payonce.attempt;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.channel.PaymentAction;
import io.payonce.shared.StatusHistory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts in PostgreSQL. Every status write is a compare-and-set on the expected status and
 * writes its history row in the same transaction; a false return means someone else moved first.
 */
@Repository
@Transactional
public class Attempts {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;
    private final StatusHistory history;
    private final MeterRegistry meters;

    Attempts(JdbcClient jdbc, Clock clock, JsonMapper json, StatusHistory history, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
        this.history = history;
        this.meters = meters;
    }

    /** payonce_attempts_total{status}: attempts reaching each status (counted once per status change). */
    private void counted(AttemptStatus status, boolean duplicate) {
        meters.counter("payonce.attempts", "status", status.name(), "duplicate", String.valueOf(duplicate)).increment();
    }

    public void insert(String paymentNo, long orderId, String channel, long amountMinor, Currency currency) {
        insert(paymentNo, orderId, channel, amountMinor, currency, Map.of());
    }

    /** @param channelOptions what only this attempt's channel needs (stored as given, sent with its create). */
    public void insert(String paymentNo, long orderId, String channel, long amountMinor, Currency currency,
                       Map<String, String> channelOptions) {
        Timestamp now = Timestamp.from(clock.instant());
        String options = channelOptions.isEmpty() ? null : json.writeValueAsString(channelOptions);
        jdbc.sql("""
                insert into payment_attempt (payment_no, order_id, channel, amount_minor, currency, status, channel_options,
                  created_at, updated_at)
                values (?, ?, ?, ?, ?, 'PENDING', ?::jsonb, ?, ?)""")
                .params(paymentNo, orderId, channel, amountMinor, currency.getCurrencyCode(), options, now, now).update();
        history.record("attempt", paymentNo, null, AttemptStatus.PENDING.name(), "created");
        counted(AttemptStatus.PENDING, false);
    }

    @Transactional(readOnly = true)
    public Optional<Attempt> find(String paymentNo) {
        return jdbc.sql("select * from payment_attempt where payment_no = ?").param(paymentNo).query(mapper()).optional();
    }

    @Transactional(readOnly = true)
    public List<Attempt> ofOrder(long orderId) {
        return jdbc.sql("select * from payment_attempt where order_id = ? order by created_at, payment_no")
                .param(orderId).query(mapper()).list();
    }

    /** The channel options the attempt was created with; empty when it had none. */
    @Transactional(readOnly = true)
    public Map<String, String> channelOptions(String paymentNo) {
        String text = jdbc.sql("select channel_options::text from payment_attempt where payment_no = ?")
                .param(paymentNo).query(String.class).optional().orElse(null);
        return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, String>>() {});
    }

    /** The one attempt a buyer may still pay (PENDING, not superseded), if any. */
    @Transactional(readOnly = true)
    public Optional<Attempt> live(long orderId) {
        return jdbc.sql("select * from payment_attempt where order_id = ? and status = 'PENDING' and not superseded")
                .param(orderId).query(mapper()).optional();
    }

    /**
     * Stores what the channel answered to create; only while the attempt is still PENDING.
     * Returns the attempt as stored, or empty when it had already moved on.
     */
    public Optional<Attempt> recordCreated(String paymentNo, String channelTxnId, PaymentAction action) {
        return jdbc.sql("""
                update payment_attempt set channel_txn_id = coalesce(?, channel_txn_id), action = coalesce(?, action), updated_at = ?
                where payment_no = ? and status = 'PENDING' returning *""")
                .params(channelTxnId, action == null ? null : json.writeValueAsString(action),
                        Timestamp.from(clock.instant()), paymentNo).query(mapper()).optional();
    }

    /** Compare-and-set for FAILED and CLOSED. */
    public boolean finish(String paymentNo, AttemptStatus from, AttemptStatus to, String reason) {
        assert to == AttemptStatus.FAILED || to == AttemptStatus.CLOSED : "use succeed() for " + to;
        assert from.canMoveTo(to) : from + " -> " + to;
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update payment_attempt set status = ?, failure_reason = ?, updated_at = ?, finished_at = ?
                where payment_no = ? and status = ?""")
                .params(to.name(), reason, now, now, paymentNo, from.name()).update();
        if (updated == 1) {
            history.record("attempt", paymentNo, from.name(), to.name(), reason);
            counted(to, false);
        }
        return updated == 1;
    }

    /** Compare-and-set to SUCCEEDED; {@code duplicate} is set in the same write, so the unique paying index holds. */
    public boolean succeed(String paymentNo, AttemptStatus from, boolean duplicate, String channelTxnId, Instant paidAt) {
        assert from.canMoveTo(AttemptStatus.SUCCEEDED) : from + " -> SUCCEEDED";
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update payment_attempt set status = 'SUCCEEDED', duplicate = ?, channel_txn_id = coalesce(?, channel_txn_id),
                  channel_paid_at = ?, updated_at = ?, finished_at = ?
                where payment_no = ? and status = ?""")
                .params(duplicate, channelTxnId, paidAt == null ? null : Timestamp.from(paidAt), now, now, paymentNo, from.name())
                .update();
        if (updated == 1) {
            history.record("attempt", paymentNo, from.name(), "SUCCEEDED", duplicate ? "duplicate success" : "paid the order");
            counted(AttemptStatus.SUCCEEDED, duplicate);
        }
        return updated == 1;
    }

    /** A superseded attempt can no longer be reused; it stays PENDING until the channel says it is terminal. */
    public boolean supersede(String paymentNo, String reason) {
        int updated = jdbc.sql("update payment_attempt set superseded = true, updated_at = ? where payment_no = ? and status = 'PENDING' and not superseded")
                .params(Timestamp.from(clock.instant()), paymentNo).update();
        if (updated == 1) history.record("attempt", paymentNo, "PENDING", "PENDING", "superseded: " + reason);
        return updated == 1;
    }

    /** Claims the right to query the channel for a buyer's page: at most once per attempt per {@code interval}, across nodes. */
    public boolean claimPull(String paymentNo, Duration interval) {
        Instant now = clock.instant();
        return jdbc.sql("""
                update payment_attempt set last_pull_at = ? where payment_no = ? and status = 'PENDING'
                  and (last_pull_at is null or last_pull_at <= ?)""")
                .params(Timestamp.from(now), paymentNo, Timestamp.from(now.minus(interval))).update() == 1;
    }

    private RowMapper<Attempt> mapper() {
        return (rs, n) -> new Attempt(rs.getString("payment_no"), rs.getLong("order_id"), rs.getString("channel"),
                rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency")),
                AttemptStatus.valueOf(rs.getString("status")), rs.getBoolean("superseded"), rs.getBoolean("duplicate"),
                rs.getString("channel_txn_id"), action(rs.getString("action")), rs.getString("failure_reason"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("channel_paid_at")));
    }

    private PaymentAction action(String text) {
        if (text == null) return null;
        Map<String, Object> raw = json.readValue(text, new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) raw.get("fields");
        return new PaymentAction((String) raw.get("type"), fields);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
