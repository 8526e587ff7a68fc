package io.payonce.order;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.Attempts;
import io.payonce.channel.Channels;
import io.payonce.channel.PaymentChannel;
import io.payonce.merchant.Merchant;
import io.payonce.merchant.MerchantPolicy;
import io.payonce.order.OrderEvents.AttemptStarted;
import io.payonce.order.OrderEvents.AttemptSuperseded;
import io.payonce.order.OrderEvents.OrderOpened;
import io.payonce.order.PayOutcome.Decided;
import io.payonce.order.PayOutcome.Decision;
import io.payonce.order.PayOutcome.Refusal;
import io.payonce.order.PayOutcome.Refused;
import io.payonce.shared.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /v1/payments: creates the order on first sight, then applies M2 (duplicate window),
 * M3 (ask the channel before re-issuing) and M4 (attempt limit). Decisions are made under the
 * order's row lock in short transactions; channel calls happen between them, never inside.
 *
 * <p>{@code payonce.comparison.naive-mode} (default false, for the chaos suite's comparison only)
 * turns M3 off: a repeat past the window re-issues without asking the channel, as the seed-000
 * design did. It exists to measure what M3 prevents; never turn it on for real payments.
 */
@Service
public class PayOrder {
    private static final Logger log = LoggerFactory.getLogger(PayOrder.class);
    private static final int MAX_ROUNDS = 3;

    private final Orders orders;
    private final Attempts attempts;
    private final SettleAttempt settle;
    private final StartAttempt start;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Channels channels;
    private final boolean naiveMode;

    PayOrder(Orders orders, Attempts attempts, SettleAttempt settle, StartAttempt start,
             ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock, Channels channels,
             @Value("${payonce.comparison.naive-mode:false}") boolean naiveMode) {
        this.orders = orders;
        this.attempts = attempts;
        this.settle = settle;
        this.start = start;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.channels = channels;
        this.naiveMode = naiveMode;
        if (naiveMode) {
            log.warn("payonce.comparison.naive-mode is ON: repeats re-issue without asking the channel (M3 off). Comparison only.");
        }
    }

    private sealed interface Step {
        record Done(PayOutcome outcome) implements Step {}
        record Create(Order order, String paymentNo) implements Step {}
        record Reuse(Order order, Attempt attempt) implements Step {}
        record CheckPrevious(Order order, Attempt attempt) implements Step {}
        record AskThenReuse(Order order, Attempt attempt) implements Step {}
    }

    public PayOutcome pay(Merchant merchant, NewOrder request) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Step step = transactions.execute(status -> decide(merchant, request));
            switch (step) {
                case Step.Done done -> { return done.outcome(); }
                case Step.Create create -> { return start.atChannel(create.order(), create.paymentNo(), request.channel(), request.channelOptions()); }
                case Step.Reuse reuse -> { return start.reuse(reuse.order(), reuse.attempt()); }
                case Step.CheckPrevious check -> retire(check.attempt());
                case Step.AskThenReuse ask -> {
                    // M3's query, but an open payment is kept: paid shows as ALREADY_PAID in the next round.
                    if (settle.query(ask.attempt().paymentNo()) == SettleAttempt.Settlement.OPEN) {
                        return start.reuse(ask.order(), ask.attempt());
                    }
                }
            }
        }
        return new Refused(Refusal.BUSY, "the order changed while it was being paid; retry the same request");
    }

    /** M3: ask before re-issuing. Paid: the next round answers ALREADY_PAID. Not closable: superseded (M5). */
    private void retire(Attempt previous) {
        if (settle.queryAndClose(previous.paymentNo(), "superseded by a new request") == SettleAttempt.Settlement.OPEN) {
            transactions.executeWithoutResult(status -> {
                Order order = orders.lock(previous.orderId()).orElseThrow();
                if (attempts.supersede(previous.paymentNo(), "a new attempt was requested")) {
                    events.publishEvent(new AttemptSuperseded(previous.paymentNo(), order.orderId(), order.merchantId()));
                }
            });
        }
    }

    private Step decide(Merchant merchant, NewOrder request) {
        MerchantPolicy policy = merchant.policy();
        Instant now = clock.instant();
        Duration expireAfter = request.expireAfter() != null ? request.expireAfter() : policy.expire();
        Order inserted = orders.insertIfAbsent(merchant.merchantId(), request, now.plus(expireAfter)).orElse(null);
        boolean created = inserted != null;
        Order order = created ? inserted : orders.lock(merchant.merchantId(), request.merchantOrderNo()).orElseThrow();
        if (created) {
            events.publishEvent(new OrderOpened(order.orderId(), merchant.merchantId(), order.expireAt()));
        }
        if (order.amountMinor() != request.amountMinor() || !order.currency().equals(request.currency())) {
            return refuse(Refusal.ORDER_MISMATCH, "order " + order.merchantOrderNo() + " exists with amount "
                    + order.amountMinor() + " " + order.currency() + "; a merchantOrderNo cannot change its amount or currency");
        }
        if (order.status().isPaid()) {
            Attempt paying = attempts.find(order.payingPaymentNo()).orElseThrow();
            return new Step.Done(new Decided(Decision.ALREADY_PAID, order, paying));
        }
        if (order.status() == OrderStatus.CLOSED || !now.isBefore(order.expireAt())) {
            return refuse(Refusal.ORDER_CLOSED, "order " + order.merchantOrderNo() + " is closed; use a new merchantOrderNo");
        }
        // An order this transaction created has no attempt yet: no other request sees it before the commit.
        Attempt live = created ? null : attempts.live(order.orderId()).orElse(null);
        if (live != null) {
            // Other channel options (say a QR code, then WeChat's in-app JSAPI) are another way to pay, not a repeat.
            boolean repeat = live.channel().equals(request.channel())
                    && attempts.channelOptions(live.paymentNo()).equals(request.channelOptions())
                    && Duration.between(live.createdAt(), now).compareTo(policy.duplicateWindow()) < 0;
            if (repeat) return new Step.Reuse(order, live);
            if (!naiveMode) {
                return keepsOnePayment(live, request) ? new Step.AskThenReuse(order, live) : new Step.CheckPrevious(order, live);
            }
            // Comparison only: the previous attempt is left open at the channel, unasked, on its own poll.
            attempts.supersede(live.paymentNo(), "naive comparison mode: re-issued without asking the channel");
        }
        if (order.attemptsUsed() >= policy.maxAttempts()) {
            return refuse(Refusal.TOO_MANY_ATTEMPTS, "order " + order.merchantOrderNo() + " used all "
                    + policy.maxAttempts() + " payment attempts");
        }
        String paymentNo = Ids.next("p", now);
        attempts.insert(paymentNo, order.orderId(), request.channel(), order.amountMinor(), order.currency(),
                request.channelOptions());
        if (!orders.countAttempt(order)) {
            throw new IllegalStateException("order " + order.orderId() + " changed under its lock");
        }
        events.publishEvent(new AttemptStarted(paymentNo, order.orderId(), merchant.merchantId(),
                now.plus(policy.pollSchedule().getFirst())));
        return new Step.Create(order, paymentNo);
    }

    /** Same channel, one payment object per order there (Stripe), and the buyer holds its action: keep it. */
    private boolean keepsOnePayment(Attempt live, NewOrder request) {
        return live.channel().equals(request.channel()) && live.action() != null
                && channels.find(live.channel()).map(PaymentChannel::keepsOnePaymentPerOrder).orElse(false);
    }

    private static Step refuse(Refusal refusal, String message) {
        return new Step.Done(new Refused(refusal, message));
    }
}
