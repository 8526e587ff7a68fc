package io.payonce.refund;

import java.time.Instant;

/**
 * Published inside the transaction that ends a merchant refund (status SUCCEEDED or FAILED).
 * Automatic refunds of duplicate captures are not merchant refunds and publish nothing.
 */
public record RefundFinished(long orderId, String merchantId, String merchantOrderNo, String merchantRefundNo,
                             String refundNo, String paymentNo, long amountMinor, String currency,
                             String status, String notifyUrl, Instant finishedAt) {}
