package io.payonce.refund;

import io.payonce.order.OrderEvents.DuplicateCaptured;
import io.payonce.shared.Ids;
import io.payonce.shared.Jobs;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** M6: a success that did not pay its order is refunded in full, through its own channel, automatically. */
@Component
class RefundDuplicates {
    private final Refunds refunds;
    private final Jobs jobs;
    private final Clock clock;

    RefundDuplicates(Refunds refunds, Jobs jobs, Clock clock) {
        this.refunds = refunds;
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void on(DuplicateCaptured duplicate) {
        Refund refund = new Refund(Ids.next("r", clock.instant()), duplicate.orderId(), duplicate.merchantId(),
                duplicate.paymentNo(), null, Refund.Kind.DUPLICATE, duplicate.amountMinor(), duplicate.currency(),
                "duplicate capture: the order was paid by another attempt or closed", RefundStatus.PENDING, null, null,
                clock.instant(), null);
        if (refunds.insert(refund)) {
            jobs.schedule(RefundJob.NAME, refund.refundNo(), clock.instant(), 0);
        }
    }
}
