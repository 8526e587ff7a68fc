package io.payonce.order;

import java.time.Instant;
import java.util.Currency;

/** A merchant order (merchant + merchantOrderNo), paid by at most one of its attempts. */
public record Order(long orderId, String merchantId, String merchantOrderNo, long amountMinor, Currency currency,
                    String subject, String returnUrl, String notifyUrl, OrderStatus status, long version,
                    int attemptsUsed, String payingPaymentNo, long capturedMinor, long refundedMinor,
                    Instant expireAt, Instant createdAt, Instant paidAt, Instant closedAt) {}
