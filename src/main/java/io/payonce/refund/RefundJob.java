package io.payonce.refund;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.attempt.Attempt;
import io.payonce.attempt.Attempts;
import io.payonce.channel.Channels;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.RefundState;
import io.payonce.order.Order;
import io.payonce.order.Orders;
import io.payonce.shared.JobHandler;
import io.payonce.shared.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a refund to the channel and follows it until the channel answers for certain. Asking
 * again reuses the refundNo, which every channel treats as the same refund, so an unknown
 * outcome is resolved by asking, never by guessing.
 */
@Component
class RefundJob implements JobHandler {
    static final String NAME = "refund";

    private final Refunds refunds;
    private final Attempts attempts;
    private final Orders orders;
    private final Channels channels;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final List<Duration> schedule;
    private final Counter duplicatesRefunded;
    private final Counter refundsFailed;

    RefundJob(Refunds refunds, Attempts attempts, Orders orders, Channels channels, ApplicationEventPublisher events,
              TransactionTemplate transactions, Clock clock, MeterRegistry meters,
              @Value("${payonce.refunds.check-schedule:2s,5s,10s,30s,1m,5m,10m,30m,1h,3h}") String schedule) {
        this.refunds = refunds;
        this.attempts = attempts;
        this.orders = orders;
        this.channels = channels;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.schedule = Schedules.parse(schedule);
        this.duplicatesRefunded = Counter.builder("payonce.duplicates.refunded")
                .description("duplicate captures refunded through their channel").register(meters);
        this.refundsFailed = Counter.builder("payonce.refunds.failed").description("refunds the channel refused").register(meters);
    }

    @Override
    public String jobName() {
        return NAME;
    }

    @Override
    public JobResult run(String refundNo, int step) {
        Refund refund = refunds.find(refundNo).orElse(null);
        if (refund == null || refund.status() != RefundStatus.PENDING) {
            return JobResult.done();
        }
        Attempt attempt = attempts.find(refund.paymentNo()).orElseThrow();
        RefundState state = channels.get(attempt.channel()).refund(new CreateRefund(refundNo, attempt.paymentNo(),
                attempt.channelTxnId(), refund.amountMinor(), attempt.amountMinor(), refund.currency(), refund.reason()));
        switch (state.outcome()) {
            case SUCCEEDED -> transactions.executeWithoutResult(s -> finish(refund, RefundStatus.SUCCEEDED, state));
            case FAILED -> transactions.executeWithoutResult(s -> finish(refund, RefundStatus.FAILED, state));
            case PENDING, UNKNOWN -> {
                return JobResult.runAgainAt(clock.instant().plus(schedule.get(Math.min(step, schedule.size() - 1))), step + 1);
            }
        }
        return JobResult.done();
    }

    private void finish(Refund refund, RefundStatus to, RefundState state) {
        Order order = orders.lock(refund.orderId()).orElseThrow();
        if (!refunds.finish(refund.refundNo(), to, state.channelRefundId(), to == RefundStatus.FAILED ? state.detail() : null)) {
            return;
        }
        if (to == RefundStatus.FAILED) {
            refundsFailed.increment();
        }
        if (refund.kind() == Refund.Kind.DUPLICATE) {
            if (to == RefundStatus.SUCCEEDED) duplicatesRefunded.increment();
            return;
        }
        if (to == RefundStatus.SUCCEEDED && !orders.recordRefund(order, refund.amountMinor())) {
            throw new IllegalStateException("order " + order.orderId() + " changed under its lock");
        }
        events.publishEvent(new RefundFinished(order.orderId(), order.merchantId(), order.merchantOrderNo(),
                refund.merchantRefundNo(), refund.refundNo(), refund.paymentNo(), refund.amountMinor(),
                refund.currency().getCurrencyCode(), to.name(), order.notifyUrl(), clock.instant()));
    }
}
