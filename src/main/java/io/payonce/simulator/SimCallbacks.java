package io.payonce.simulator;

import io.payonce.shared.Hmac;
import io.payonce.shared.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The callback outbox. Callers enqueue inside their own transaction, so a state change and its
 * callback commit together. The drop, duplicate, delay and lateness faults are decided here, once per
 * event; the jitter once per copy.
 */
@Component
@EnabledSimulator
class SimCallbacks {
    static final String SIGNATURE_HEADER = "Sim-Signature";

    private final JdbcClient jdbc;
    private final SimFaults faults;
    private final JsonMapper json;
    private final String webhookSecret;

    SimCallbacks(JdbcClient jdbc, SimFaults faults, JsonMapper json,
                 @Value("${payonce.sim.webhook-secret:sim-dev-webhook-secret}") String webhookSecret) {
        this.jdbc = jdbc;
        this.faults = faults;
        this.json = json;
        this.webhookSecret = webhookSecret;
    }

    void enqueuePayment(String type, Txn txn, Instant now) {
        Map<String, Object> body = base(type, txn, now);
        body.put("amount", txn.amountMinor());
        body.put("status", txn.status());
        enqueue(body, txn.notifyUrl(), now);
    }

    void enqueueRefund(SimRefunds.Refund refund, Txn txn, Instant now) {
        Map<String, Object> body = base("refund.succeeded", txn, now);
        body.put("refundNo", refund.refundNo());
        body.put("channelRefundId", refund.channelRefundId());
        body.put("amount", refund.amountMinor());
        body.put("status", refund.status());
        enqueue(body, txn.notifyUrl(), now);
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, signed at each send. */
    String sign(String body, long unixSeconds) {
        return "t=" + unixSeconds + ",v1=" + Hmac.sha256Hex(webhookSecret, unixSeconds + "." + body);
    }

    private Map<String, Object> base(String type, Txn txn, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", Ids.next("simev", now));
        body.put("type", type);
        body.put("paymentNo", txn.paymentNo());
        body.put("channelTxnId", txn.channelTxnId());
        body.put("currency", txn.currency());
        body.put("paidAt", txn.paidAt() == null ? null : txn.paidAt().toString());
        return body;
    }

    private void enqueue(Map<String, Object> body, String notifyUrl, Instant now) {
        if (notifyUrl == null || notifyUrl.isBlank()) {
            return;
        }
        SimFaults.Faults f = faults.current();
        String status = faults.roll(f.callbackDropRate()) ? "DROPPED" : "PENDING";
        int copies = faults.roll(f.callbackDuplicateRate()) ? 2 : 1;
        long heldBackMs = f.callbackDelayMs() + (faults.roll(f.callbackLateRate()) ? f.callbackLateMs() : 0);
        String raw = json.writeValueAsString(body);
        for (int i = 0; i < copies; i++) {
            long delayMs = heldBackMs + faults.upTo(f.callbackJitterMs()); // each copy on its own: reordering
            jdbc.sql("""
                    insert into sim.callback (event_id, type, notify_url, body, status, next_attempt_at, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(body.get("eventId"), body.get("type"), notifyUrl, raw, status,
                            Timestamp.from(now.plusMillis(delayMs)), Timestamp.from(now))
                    .update();
        }
    }
}
