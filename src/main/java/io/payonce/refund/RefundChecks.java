package io.payonce.refund;

import io.payonce.shared.Jobs;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Lets a channel's refund callback bring the refund's next check forward to now. */
@Component
public class RefundChecks {
    private final Refunds refunds;
    private final Jobs jobs;
    private final Clock clock;

    RefundChecks(Refunds refunds, Jobs jobs, Clock clock) {
        this.refunds = refunds;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Transactional
    public boolean checkNow(String refundNo) {
        if (refunds.find(refundNo).filter(r -> r.status() == RefundStatus.PENDING).isEmpty()) {
            return false;
        }
        jobs.schedule(RefundJob.NAME, refundNo, clock.instant(), 1);
        return true;
    }
}
