package io.payonce.order;

import java.time.Instant;

/**
 * Published inside the transaction that makes an order PAID, for the one attempt that pays it.
 * Never published for a duplicate success. Listeners run in that same transaction.
 */
public record PaymentSucceeded(long orderId, String merchantId, String merchantOrderNo, String paymentNo,
                               String channel, long amountMinor, String currency, String notifyUrl, Instant paidAt) {}
