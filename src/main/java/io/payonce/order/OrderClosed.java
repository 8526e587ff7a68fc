package io.payonce.order;

import java.time.Instant;

/** Published inside the transaction that closes an unpaid order (by the merchant or by expiry). */
public record OrderClosed(long orderId, String merchantId, String merchantOrderNo, long amountMinor,
                          String currency, String notifyUrl, String reason, Instant closedAt) {}
