package io.payonce.notify;

import java.time.Instant;

/** A notification as operators see it. The payload and the merchant's secret are not part of it. */
record NotificationView(String id, String merchantId, String type, String status, int attempts, Integer lastStatusCode,
                        String lastError, String targetUrl, Instant createdAt, Instant nextAttemptAt,
                        Instant deliveredAt, Instant deadAt) {
    static NotificationView of(Notification n) {
        return new NotificationView(n.notificationId(), n.merchantId(), n.type(), n.status(), n.attempts(),
                n.lastStatusCode(), n.lastError(), n.targetUrl(), n.createdAt(), n.nextAttemptAt(), n.deliveredAt(),
                n.deadAt());
    }
}
