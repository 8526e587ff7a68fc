package io.payonce.notify;

import io.payonce.shared.ApiException;
import io.payonce.shared.Jobs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What operators do with notifications: look at them, and send dead (or delivered) ones again. */
@Service
public class NotificationAdmin {
    static final int MAX_LIMIT = 200;
    private static final Set<String> STATUSES = Set.of(Notification.PENDING, Notification.DELIVERED, Notification.DEAD);

    private final NotificationRows rows;
    private final Jobs jobs;
    private final TransactionTemplate transaction;
    private final Clock clock;

    NotificationAdmin(NotificationRows rows, Jobs jobs, TransactionTemplate transaction, Clock clock) {
        this.rows = rows;
        this.jobs = jobs;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @param status null for every status */
    List<Notification> newest(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of PENDING, DELIVERED, DEAD");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be 1.." + MAX_LIMIT);
        }
        return rows.newest(status, limit);
    }

    /**
     * Sends a DEAD or DELIVERED notification again with a fresh retry budget, to the order's or
     * merchant's URL as it is now (the merchant may have fixed it). A PENDING one is refused: it
     * is already on its way, and a second round would only double its requests.
     */
    public Notification resend(String notificationId) {
        return transaction.execute(tx -> {
            String from = rows.lockStatus(notificationId)
                    .orElseThrow(() -> ApiException.notFound("notification " + notificationId));
            if (from.equals(Notification.PENDING)) {
                throw new ApiException(409, "notification_pending", "the notification is still being delivered; resend it once it is DEAD or DELIVERED");
            }
            Instant now = clock.instant();
            String targetUrl = rows.currentTargetUrl(notificationId).orElse(null);
            rows.reopen(notificationId, from, targetUrl, "resent by an operator", now);
            jobs.schedule(NotificationDelivery.JOB, NotificationDelivery.resendInstance(notificationId, now), now, 0);
            return rows.find(notificationId).orElseThrow();
        });
    }
}
