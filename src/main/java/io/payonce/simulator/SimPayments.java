package io.payonce.simulator;

import io.payonce.shared.Ids;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The simulator's payments. Every state change is a compare-and-set on status, and a change that
 * the merchant must hear of enqueues its callback in the same transaction.
 */
@Service
@EnabledSimulator
class SimPayments {
    record NewPayment(String paymentNo, long amountMinor, String currency, String subject, String returnUrl,
                      String notifyUrl, Instant expireAt) {}

    private final JdbcClient jdbc;
    private final SimulatorConfig.SimClock clock;
    private final SimFaults faults;
    private final SimCallbacks callbacks;

    SimPayments(JdbcClient jdbc, SimulatorConfig.SimClock clock, SimFaults faults, SimCallbacks callbacks,
                SimulatorConfig.SimSchema schema) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.faults = faults;
        this.callbacks = callbacks;
    }

    /** Idempotent on paymentNo: the same request again returns the same transaction. */
    @Transactional
    public Txn create(NewPayment p) {
        lock(p.paymentNo());
        if (jdbc.sql("select 1 from sim.closed_unknown where payment_no = ?").param(p.paymentNo()).query().optionalValue().isPresent()) {
            throw new SimRefusal(409, "payment_closed", "payment " + p.paymentNo() + " was closed before it was created");
        }
        Instant now = clock.clock().instant();
        Txn txn = jdbc.sql("""
                insert into sim.txn (channel_txn_id, payment_no, amount_minor, currency, subject, status,
                  notify_url, return_url, expire_at, created_at)
                values (?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?) on conflict (payment_no) do nothing returning *""")
                .params(Ids.next("simtx", now), p.paymentNo(), p.amountMinor(), p.currency(), p.subject(), p.notifyUrl(),
                        p.returnUrl(), p.expireAt() == null ? null : Timestamp.from(p.expireAt()), Timestamp.from(now))
                .query(Txn::map).optional()
                .or(() -> find(p.paymentNo())) // a repeat of the same create: the transaction made the first time
                .orElseThrow();
        if (txn.amountMinor() != p.amountMinor() || !txn.currency().equals(p.currency())) {
            throw new SimRefusal(409, "payment_mismatch", "payment " + p.paymentNo() + " exists with another amount or currency");
        }
        return txn;
    }

    public Optional<Txn> find(String paymentNo) {
        return jdbc.sql("select * from sim.txn where payment_no = ?").param(paymentNo).query(Txn::map).optional();
    }

    public Optional<Txn> findByTxnId(String channelTxnId) {
        return jdbc.sql("select * from sim.txn where channel_txn_id = ?").param(channelTxnId).query(Txn::map).optional();
    }

    /** @return the status after closing: CLOSED, FAILED, or NOT_FOUND (remembered, so a late create is refused). */
    @Transactional
    public String close(String paymentNo) {
        lock(paymentNo);
        Instant now = clock.clock().instant();
        // The row lock, as pay() takes it: a close and the buyer's payment are decided one after the other,
        // so "CLOSED" is never the answer for money that was taken (a race the chaos suite found).
        Optional<Txn> found = jdbc.sql("select * from sim.txn where payment_no = ? for update").param(paymentNo)
                .query(Txn::map).optional();
        if (found.isEmpty()) {
            jdbc.sql("insert into sim.closed_unknown (payment_no, closed_at) values (?, ?) on conflict do nothing")
                    .params(paymentNo, Timestamp.from(now)).update();
            return "NOT_FOUND";
        }
        Txn txn = found.get();
        switch (txn.status()) {
            case "PAID" -> throw new SimRefusal(409, "already_paid", "payment " + paymentNo + " is already paid");
            case "CLOSED", "FAILED" -> { return txn.status(); }
            default -> { }
        }
        long blockedMs = faults.current().closeBlockedForMs();
        if (Duration.between(txn.createdAt(), now).toMillis() < blockedMs) {
            throw new SimRefusal(409, "too_early", "payment " + paymentNo + " can be closed " + blockedMs + " ms after creation");
        }
        int closed = jdbc.sql("update sim.txn set status = 'CLOSED', closed_at = ? where payment_no = ? and status = 'CREATED'")
                .params(Timestamp.from(now), paymentNo).update();
        if (closed != 1) throw new IllegalStateException("payment " + paymentNo + " changed under its row lock");
        return "CLOSED";
    }

    /** The buyer pays. Paying a PAID payment changes nothing; a closed, failed or expired one is refused. */
    @Transactional(noRollbackFor = SimRefusal.class)
    public Txn pay(String paymentNo) {
        Instant now = clock.clock().instant();
        Txn txn = payable(paymentNo, now);
        if (txn.status().equals("PAID")) {
            return txn;
        }
        Txn paid = jdbc.sql("""
                update sim.txn set status = 'PAID', captured_minor = amount_minor, paid_at = ?
                where payment_no = ? and status = 'CREATED' returning *""")
                .params(Timestamp.from(now), paymentNo).query(Txn::map).single();
        callbacks.enqueuePayment("payment.paid", paid, now);
        return paid;
    }

    /** The buyer's payment fails (card declined). Only a CREATED payment can fail. */
    @Transactional(noRollbackFor = SimRefusal.class)
    public Txn fail(String paymentNo) {
        Instant now = clock.clock().instant();
        Txn txn = payable(paymentNo, now);
        if (!txn.status().equals("CREATED")) {
            throw new SimRefusal(409, "already_paid", "payment " + paymentNo + " is already paid");
        }
        Txn failed = jdbc.sql("update sim.txn set status = 'FAILED' where payment_no = ? and status = 'CREATED' returning *")
                .param(paymentNo).query(Txn::map).single();
        callbacks.enqueuePayment("payment.failed", failed, now);
        return failed;
    }

    public List<Txn> ledger(Instant since) {
        return jdbc.sql("select * from sim.txn where created_at >= ? order by created_at, channel_txn_id")
                .param(Timestamp.from(since)).query(Txn::map).list();
    }

    /** Locks the row; a CREATED payment past its expiry is closed first, as a real PSP does. */
    private Txn payable(String paymentNo, Instant now) {
        Txn txn = jdbc.sql("select * from sim.txn where payment_no = ? for update").param(paymentNo).query(Txn::map)
                .optional().orElseThrow(() -> new SimRefusal(404, "not_found", "no payment " + paymentNo));
        if (txn.status().equals("CREATED") && txn.expireAt() != null && !now.isBefore(txn.expireAt())) {
            jdbc.sql("update sim.txn set status = 'CLOSED', closed_at = ? where payment_no = ?")
                    .params(Timestamp.from(now), paymentNo).update();
            throw new SimRefusal(409, "closed", "payment " + paymentNo + " has expired and is closed");
        }
        return switch (txn.status()) {
            case "CLOSED" -> throw new SimRefusal(409, "closed", "payment " + paymentNo + " is closed");
            case "FAILED" -> throw new SimRefusal(409, "failed", "payment " + paymentNo + " has failed");
            default -> txn;
        };
    }

    /** Serializes create and close of one paymentNo, so a close of an unknown payment and its create cannot interleave. */
    private void lock(String paymentNo) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("sim:" + paymentNo).query().listOfRows();
    }
}
