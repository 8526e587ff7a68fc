package io.payonce.notify;

import io.payonce.merchant.Merchant;
import io.payonce.merchant.Merchants;
import io.payonce.shared.JobHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable job {@code notify-deliver}: one attempt per run. A 2xx acknowledges (DELIVERED);
 * anything else counts an attempt and runs again after the next step of the retry schedule, and
 * a failure after the last step makes the notification DEAD until an operator resends it. The
 * attempt count in the row, not the job's step, decides, so a job that runs twice after a crash
 * costs one extra POST and never a skipped retry.
 *
 * <p>A notification stored without a URL is attempted like any other: each attempt looks for the
 * order's or merchant's URL again, and records "no notify URL" while there is none.
 */
@Component
@EnableConfigurationProperties(NotifyProperties.class)
class NotificationDelivery implements JobHandler {
    static final String JOB = "notify-deliver";
    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
    private static final char RESEND_SEPARATOR = '~';

    private final NotificationRows rows;
    private final Merchants merchants;
    private final WebhookSender sender;
    private final NotificationMetrics metrics;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final List<Duration> retrySteps;

    NotificationDelivery(NotificationRows rows, Merchants merchants, WebhookSender sender, NotificationMetrics metrics,
                         TransactionTemplate transaction, Clock clock, NotifyProperties properties) {
        this.rows = rows;
        this.merchants = merchants;
        this.sender = sender;
        this.metrics = metrics;
        this.transaction = transaction;
        this.clock = clock;
        this.retrySteps = properties.retrySteps();
    }

    /**
     * A resend runs as a job instance of its own, so it never depends on whether the previous
     * round's job has been removed yet.
     */
    static String resendInstance(String notificationId, Instant now) {
        return notificationId + RESEND_SEPARATOR + Long.toString(now.toEpochMilli(), 36);
    }

    static String notificationIdOf(String instanceId) {
        int separator = instanceId.indexOf(RESEND_SEPARATOR);
        return separator < 0 ? instanceId : instanceId.substring(0, separator);
    }

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    public JobResult run(String instanceId, int step) {
        Optional<Notification> found = rows.find(notificationIdOf(instanceId));
        if (found.isEmpty() || !found.get().status().equals(Notification.PENDING)) {
            return JobResult.done();
        }
        Notification notification = found.get();
        String url = notification.targetUrl() != null ? notification.targetUrl()
                : rows.currentTargetUrl(notification.notificationId()).orElse(null);
        WebhookSender.Answer answer = url == null
                ? WebhookSender.Answer.failed(null, "no notify URL")
                : sender.post(url, webhookSecret(notification), notification.payload());
        Instant now = clock.instant();
        if (answer.acknowledged()) {
            if (Boolean.TRUE.equals(transaction.execute(tx -> rows.markDelivered(notification, url, answer.statusCode(), now)))) {
                metrics.delivered(notification, now);
                log.info("notification {} ({}) delivered to merchant {} on attempt {}", notification.notificationId(),
                        notification.type(), notification.merchantId(), notification.attempts() + 1);
            }
            return JobResult.done();
        }
        int failures = notification.attempts() + 1;
        if (failures > retrySteps.size()) {
            if (Boolean.TRUE.equals(transaction.execute(tx -> rows.markDead(notification, url, answer.statusCode(), answer.error(), now)))) {
                metrics.dead();
                log.warn("notification {} ({}) to merchant {} is DEAD after {} attempts: {}", notification.notificationId(),
                        notification.type(), notification.merchantId(), failures, answer.error());
            }
            return JobResult.done();
        }
        Instant next = now.plus(retrySteps.get(failures - 1));
        boolean counted = Boolean.TRUE.equals(transaction.execute(
                tx -> rows.recordFailure(notification, url, answer.statusCode(), answer.error(), next, now)));
        if (!counted) {
            return JobResult.done(); // another run got there first and carries on from its own state
        }
        log.info("notification {} attempt {} failed ({}); next attempt at {}", notification.notificationId(), failures,
                answer.error(), next);
        return JobResult.runAgainAt(next, failures);
    }

    private String webhookSecret(Notification notification) {
        // Read at each attempt, so a rotated secret signs every attempt after the rotation.
        return merchants.find(notification.merchantId()).map(Merchant::webhookSecret)
                .orElseThrow(() -> new IllegalStateException("no merchant " + notification.merchantId()));
    }
}
