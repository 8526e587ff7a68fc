package io.payonce.compensation;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.merchant.MerchantPolicy;
import io.payonce.merchant.Merchants;
import io.payonce.order.OrderEvents.AttemptStarted;
import io.payonce.order.OrderEvents.AttemptSuperseded;
import io.payonce.order.Orders;
import io.payonce.order.SettleAttempt;
import io.payonce.order.SettleAttempt.Settlement;
import io.payonce.shared.JobHandler;
import io.payonce.shared.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * M7 and M5: every PENDING attempt has a durable, front-loaded query schedule, committed with
 * the attempt. When the schedule runs out the attempt is closed at its channel. A superseded
 * attempt runs on the fast schedule and is closed at every step until the channel says it is
 * terminal; its last interval repeats, because an unanswered attempt must not be forgotten.
 */
@Component
class AttemptCheckJob implements JobHandler {
    static final String NAME = "attempt-check";

    private final Jobs jobs;
    private final Attempts attempts;
    private final Orders orders;
    private final Merchants merchants;
    private final SettleAttempt settle;
    private final Clock clock;

    AttemptCheckJob(Jobs jobs, Attempts attempts, Orders orders, Merchants merchants, SettleAttempt settle, Clock clock) {
        this.jobs = jobs;
        this.attempts = attempts;
        this.orders = orders;
        this.merchants = merchants;
        this.settle = settle;
        this.clock = clock;
    }

    @Override
    public String jobName() {
        return NAME;
    }

    @EventListener
    void on(AttemptStarted started) {
        jobs.schedule(NAME, started.paymentNo(), started.firstCheckAt(), 0);
    }

    @EventListener
    void on(AttemptSuperseded superseded) {
        MerchantPolicy policy = merchants.find(superseded.merchantId()).orElseThrow().policy();
        jobs.schedule(NAME, superseded.paymentNo(), clock.instant().plus(policy.supersededPollSchedule().getFirst()), 0);
    }

    @Override
    public JobResult run(String paymentNo, int step) {
        Attempt attempt = attempts.find(paymentNo).orElse(null);
        if (attempt == null || attempt.status() != AttemptStatus.PENDING) {
            return JobResult.done();
        }
        MerchantPolicy policy = policyOf(attempt);
        List<Duration> schedule = attempt.superseded() ? policy.supersededPollSchedule() : policy.pollSchedule();
        boolean lastStep = step + 1 >= schedule.size();
        Settlement settlement = attempt.superseded() || lastStep
                ? settle.queryAndClose(paymentNo, attempt.superseded() ? "superseded" : "poll schedule ran out")
                : settle.query(paymentNo);
        if (settlement != Settlement.OPEN) {
            return JobResult.done();
        }
        if (!attempt.superseded() && lastStep) {
            return supersede(attempt, policy);
        }
        Duration next = schedule.get(Math.min(step + 1, schedule.size() - 1));
        return JobResult.runAgainAt(clock.instant().plus(next), step + 1);
    }

    /** The schedule ran out and the channel would not close it: keep at it on the fast schedule. */
    private JobResult supersede(Attempt attempt, MerchantPolicy policy) {
        attempts.supersede(attempt.paymentNo(), "poll schedule ran out and the channel did not close it");
        return JobResult.runAgainAt(clock.instant().plus(policy.supersededPollSchedule().getFirst()), 0);
    }

    private MerchantPolicy policyOf(Attempt attempt) {
        String merchantId = orders.find(attempt.orderId()).orElseThrow().merchantId();
        return merchants.find(merchantId).orElseThrow().policy();
    }
}
