package io.payonce.notify;

import io.payonce.merchant.Merchant;
import io.payonce.merchant.Merchants;
import io.payonce.order.OrderClosed;
import io.payonce.order.PaymentSucceeded;
import io.payonce.refund.RefundFinished;
import io.payonce.shared.Ids;
import io.payonce.shared.Jobs;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the events that merchants must hear of into notification rows and delivery jobs, inside
 * the transaction that changed the state: the row commits with the change or not at all, so no
 * success can be recorded without its notification, and no notification exists for a change
 * that rolled back. The dedupe key makes a repeated event a no-op.
 *
 * <p>The payload is fixed here, once: every attempt sends the same bytes, and {@code id} lets the
 * merchant drop the repeats that at-least-once delivery allows. {@code data.status} is the status
 * of what the event is about: the order's (PAID, CLOSED) for payment events, the refund's
 * (SUCCEEDED, FAILED) for refund events.
 */
@Component
class NotificationOutbox {
    // The payload is public contract; a mapper of its own keeps app-wide Jackson settings from changing it.
    private static final JsonMapper PAYLOAD_JSON = JsonMapper.builder().build();

    private final NotificationRows rows;
    private final Merchants merchants;
    private final Jobs jobs;
    private final Clock clock;

    NotificationOutbox(NotificationRows rows, Merchants merchants, Jobs jobs, Clock clock) {
        this.rows = rows;
        this.merchants = merchants;
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void on(PaymentSucceeded event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("merchantOrderNo", event.merchantOrderNo());
        data.put("paymentNo", event.paymentNo());
        data.put("amount", event.amountMinor());
        data.put("currency", event.currency());
        data.put("status", "PAID");
        data.put("channel", event.channel());
        data.put("paidAt", text(event.paidAt()));
        create(event.merchantId(), event.orderId(), "payment.succeeded", "payment.succeeded:" + event.paymentNo(),
                event.notifyUrl(), data);
    }

    @EventListener
    void on(OrderClosed event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("merchantOrderNo", event.merchantOrderNo());
        data.put("paymentNo", null); // a closed order has no paying attempt
        data.put("amount", event.amountMinor());
        data.put("currency", event.currency());
        data.put("status", "CLOSED");
        data.put("closedAt", text(event.closedAt()));
        // An order closes once; the internal order id is unique across merchants.
        create(event.merchantId(), event.orderId(), "payment.closed", "payment.closed:" + event.orderId(),
                event.notifyUrl(), data);
    }

    @EventListener
    void on(RefundFinished event) {
        String type = switch (event.status()) {
            case "SUCCEEDED" -> "refund.succeeded";
            case "FAILED" -> "refund.failed";
            default -> throw new IllegalArgumentException("refund " + event.refundNo() + " is not finished: " + event.status());
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("merchantOrderNo", event.merchantOrderNo());
        data.put("paymentNo", event.paymentNo());
        data.put("merchantRefundNo", event.merchantRefundNo());
        data.put("refundNo", event.refundNo());
        data.put("amount", event.amountMinor());
        data.put("currency", event.currency());
        data.put("status", event.status());
        data.put("finishedAt", text(event.finishedAt()));
        create(event.merchantId(), event.orderId(), type, type + ":" + event.refundNo(), event.notifyUrl(), data);
    }

    private void create(String merchantId, long orderId, String type, String dedupeKey, String orderNotifyUrl,
                        Map<String, Object> data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside the state's transaction the row could commit without the change, or be lost with it.
            throw new IllegalStateException(type + " must be published inside the transaction that changes the state");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String notificationId = Ids.next("ntf_", now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", notificationId);
        payload.put("type", type);
        payload.put("createdAt", text(now));
        payload.put("data", data);
        // No URL anywhere is not a reason to lose the notification: it waits, retrying, for the merchant to set one.
        String targetUrl = notBlank(orderNotifyUrl) ? orderNotifyUrl
                : merchants.find(merchantId).map(Merchant::notifyUrl).filter(NotificationOutbox::notBlank).orElse(null);
        if (rows.insertPending(notificationId, merchantId, orderId, type, dedupeKey,
                PAYLOAD_JSON.writeValueAsString(payload), targetUrl, now)) {
            jobs.schedule(NotificationDelivery.JOB, notificationId, now, 0);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
