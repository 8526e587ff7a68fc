package io.payonce.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentState;
import io.payonce.order.OrderEvents.DuplicateCaptured;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one door through which a channel's truth about a payment enters (query, callback, close):
 * idempotent and monotonic. The first success pays the order; any other success is flagged
 * duplicate and refunded, and the merchant never hears of it as a sale (M6, M11).
 */
@Service
public class RecordPaymentState {
    private static final Logger log = LoggerFactory.getLogger(RecordPaymentState.class);

    public enum Recorded { PAID_ORDER, DUPLICATE, FAILED, CLOSED, NO_CHANGE, UNKNOWN_PAYMENT, MISMATCH }

    private final Orders orders;
    private final Attempts attempts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Timer timeToTruth;
    private final Counter duplicates;

    RecordPaymentState(Orders orders, Attempts attempts, ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
        this.orders = orders;
        this.attempts = attempts;
        this.events = events;
        this.clock = clock;
        this.timeToTruth = Timer.builder("payonce.time.to.truth")
                .description("seconds from the channel taking the money to the order being PAID")
                .publishPercentileHistogram().register(meters);
        this.duplicates = Counter.builder("payonce.duplicates.captured")
                .description("successes that did not pay their order and are refunded").register(meters);
    }

    @Transactional
    public Recorded record(String paymentNo, PaymentState state) {
        if (state.outcome() == ChannelOutcome.UNKNOWN) {
            return Recorded.NO_CHANGE;
        }
        Attempt unlocked = attempts.find(paymentNo).orElse(null);
        if (unlocked == null) {
            return Recorded.UNKNOWN_PAYMENT;
        }
        Order order = orders.lock(unlocked.orderId()).orElseThrow();
        Attempt attempt = attempts.find(paymentNo).orElseThrow();
        return switch (state.outcome()) {
            case SUCCEEDED -> succeeded(order, attempt, state);
            case FAILED -> failed(attempt, state);
            case PENDING -> pending(attempt, state);
            case UNKNOWN -> Recorded.NO_CHANGE;
        };
    }

    private Recorded succeeded(Order order, Attempt attempt, PaymentState state) {
        if (attempt.status() == AttemptStatus.SUCCEEDED) {
            return Recorded.NO_CHANGE;
        }
        if (!matchesAmount(attempt, state)) {
            log.error("channel reports {} {} for attempt {} of {} {}: refused", state.amountMinor(), state.currency(),
                    attempt.paymentNo(), attempt.amountMinor(), attempt.currency());
            return Recorded.MISMATCH;
        }
        Instant paidAt = state.paidAt() != null ? state.paidAt() : clock.instant();
        boolean paysOrder = order.status().isOpen() && order.payingPaymentNo() == null;
        if (!attempts.succeed(attempt.paymentNo(), attempt.status(), !paysOrder, state.channelTxnId(), paidAt)) {
            throw new IllegalStateException("attempt " + attempt.paymentNo() + " changed under the order lock");
        }
        if (!paysOrder) {
            duplicates.increment();
            events.publishEvent(new DuplicateCaptured(order.orderId(), order.merchantId(), attempt.paymentNo(),
                    attempt.channel(), state.channelTxnId() != null ? state.channelTxnId() : attempt.channelTxnId(),
                    attempt.amountMinor(), attempt.currency()));
            return Recorded.DUPLICATE;
        }
        if (!orders.markPaid(order, attempt.paymentNo())) {
            throw new IllegalStateException("order " + order.orderId() + " changed under its lock");
        }
        closeOtherLiveAttempt(order, attempt.paymentNo());
        timeToTruth.record(Duration.between(paidAt, clock.instant()).abs());
        events.publishEvent(new PaymentSucceeded(order.orderId(), order.merchantId(), order.merchantOrderNo(),
                attempt.paymentNo(), attempt.channel(), order.amountMinor(), order.currency().getCurrencyCode(),
                order.notifyUrl(), paidAt));
        return Recorded.PAID_ORDER;
    }

    /**
     * The order is paid: an attempt the buyer could still pay (a newer one, when a superseded
     * attempt's late success paid the order) is superseded, so the fast schedule closes it at the
     * channel (M5) instead of leaving it payable until its poll schedule runs out.
     */
    private void closeOtherLiveAttempt(Order order, String payingPaymentNo) {
        attempts.live(order.orderId()).filter(other -> !other.paymentNo().equals(payingPaymentNo))
                .filter(other -> attempts.supersede(other.paymentNo(), "the order was paid by " + payingPaymentNo))
                .ifPresent(other -> events.publishEvent(new OrderEvents.AttemptSuperseded(other.paymentNo(), order.orderId(),
                        order.merchantId())));
    }

    private static boolean matchesAmount(Attempt attempt, PaymentState state) {
        return (state.amountMinor() == null || state.amountMinor() == attempt.amountMinor())
                && (state.currency() == null || state.currency().equals(attempt.currency()));
    }

    private Recorded failed(Attempt attempt, PaymentState state) {
        if (attempt.status() != AttemptStatus.PENDING) {
            return Recorded.NO_CHANGE;
        }
        AttemptStatus to = state.closed() ? AttemptStatus.CLOSED : AttemptStatus.FAILED;
        String reason = state.detail() != null ? state.detail() : (state.closed() ? "closed at channel" : "failed at channel");
        attempts.finish(attempt.paymentNo(), AttemptStatus.PENDING, to, reason);
        return to == AttemptStatus.CLOSED ? Recorded.CLOSED : Recorded.FAILED;
    }

    private Recorded pending(Attempt attempt, PaymentState state) {
        if (state.channelTxnId() != null && attempt.channelTxnId() == null) {
            attempts.recordCreated(attempt.paymentNo(), state.channelTxnId(), null);
        }
        return Recorded.NO_CHANGE;
    }
}
