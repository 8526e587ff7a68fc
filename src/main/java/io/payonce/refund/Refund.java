package io.payonce.refund;

import java.time.Instant;
import java.util.Currency;

/**
 * Money going back through the channel that took it. MERCHANT refunds are asked for by the
 * merchant; DUPLICATE refunds return a success that did not pay its order (M6).
 */
public record Refund(String refundNo, long orderId, String merchantId, String paymentNo, String merchantRefundNo,
                     Kind kind, long amountMinor, Currency currency, String reason, RefundStatus status,
                     String channelRefundId, String failureReason, Instant createdAt, Instant finishedAt) {
    public enum Kind { MERCHANT, DUPLICATE }
}
