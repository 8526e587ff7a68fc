package io.payonce.refund;

import io.payonce.order.OrderEvents.DuplicateCaptured;
import io.payonce.shared.Ids;
import io.payonce.shared.Jobs;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * M6: a success that did not pay its order is refunded in full, through its own channel, automatically.
 * {@code payonce.comparison.naive-mode} (default false, the chaos suite's comparison only) leaves
 * duplicates unrefunded, as the seed-000 design did: flagged, but the buyer's money stays taken.
 */
@Component
class RefundDuplicates {
    private static final Logger log = LoggerFactory.getLogger(RefundDuplicates.class);

    private final Refunds refunds;
    private final Jobs jobs;
    private final Clock clock;
    private final boolean naiveMode;

    RefundDuplicates(Refunds refunds, Jobs jobs, Clock clock, @Value("${payonce.comparison.naive-mode:false}") boolean naiveMode) {
        this.refunds = refunds;
        this.jobs = jobs;
        this.clock = clock;
        this.naiveMode = naiveMode;
    }

    @EventListener
    void on(DuplicateCaptured duplicate) {
        if (naiveMode) {
            log.warn("naive comparison mode: duplicate capture {} is not refunded", duplicate.paymentNo());
            return;
        }
        Refund refund = new Refund(Ids.next("r", clock.instant()), duplicate.orderId(), duplicate.merchantId(),
                duplicate.paymentNo(), null, Refund.Kind.DUPLICATE, duplicate.amountMinor(), duplicate.currency(),
                "duplicate capture: the order was paid by another attempt or closed", RefundStatus.PENDING, null, null,
                clock.instant(), null);
        if (refunds.insert(refund)) {
            jobs.schedule(RefundJob.NAME, refund.refundNo(), clock.instant(), 0);
        }
    }
}
