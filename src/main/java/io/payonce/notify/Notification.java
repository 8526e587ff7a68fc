package io.payonce.notify;

import java.time.Instant;

/** One notification row. {@code payload} is the exact body every attempt sends. */
public record Notification(String notificationId, String merchantId, long orderId, String type, String payload,
                    String targetUrl, String status, int attempts, Integer lastStatusCode, String lastError,
                    Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, Instant deadAt) {
    static final String PENDING = NotificationStatus.PENDING.name();
    static final String DELIVERED = NotificationStatus.DELIVERED.name();
    static final String DEAD = NotificationStatus.DEAD.name();
}
