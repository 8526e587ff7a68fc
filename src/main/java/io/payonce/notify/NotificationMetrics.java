package io.payonce.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** What operators alert on: deliveries, dead letters, and how long merchants wait for the first delivery. */
@Component
class NotificationMetrics {
    private final Counter delivered;
    private final Counter dead;
    private final Timer firstDeliveryDelay;

    NotificationMetrics(MeterRegistry registry) {
        delivered = Counter.builder("payonce.notifications.delivered")
                .description("Notifications acknowledged by the merchant").register(registry);
        dead = Counter.builder("payonce.notifications.dead")
                .description("Notifications given up after the last retry; they wait for a resend").register(registry);
        firstDeliveryDelay = Timer.builder("payonce.notifications.first.delivery.delay")
                .description("From a notification's creation to its first acknowledged delivery").register(registry);
    }

    void delivered(Notification before, Instant deliveredAt) {
        delivered.increment();
        if (before.deliveredAt() == null) {
            firstDeliveryDelay.record(Duration.between(before.createdAt(), deliveredAt));
        }
    }

    void dead() {
        dead.increment();
    }
}
