package io.payonce.order;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.order.OrderEvents.AttemptSuperseded;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes an unpaid order, by the merchant's request or at its expireAt (M12). Live attempts are
 * asked first: a paid one makes the order PAID instead. Attempts the channel will not close yet
 * are superseded and stay on the fast schedule; if one succeeds later, it is refunded (M6).
 */
@Service
public class CloseOrder {
    private final Orders orders;
    private final Attempts attempts;
    private final SettleAttempt settle;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CloseOrder(Orders orders, Attempts attempts, SettleAttempt settle, ApplicationEventPublisher events,
               TransactionTemplate transactions, Clock clock) {
        this.orders = orders;
        this.attempts = attempts;
        this.settle = settle;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Order close(long orderId, String reason) {
        Order order = orders.find(orderId).orElseThrow();
        if (!order.status().isOpen()) {
            return order;
        }
        for (Attempt attempt : attempts.ofOrder(orderId)) {
            if (attempt.status() == AttemptStatus.PENDING
                    && settle.queryAndClose(attempt.paymentNo(), reason) == SettleAttempt.Settlement.SUCCEEDED
                    && orders.find(orderId).orElseThrow().status().isPaid()) {
                return orders.find(orderId).orElseThrow();
            }
        }
        transactions.executeWithoutResult(status -> closeLocked(orderId, reason));
        return orders.find(orderId).orElseThrow();
    }

    private void closeLocked(long orderId, String reason) {
        Order order = orders.lock(orderId).orElseThrow();
        if (!order.status().isOpen()) {
            return;
        }
        if (!orders.markClosed(order, reason)) {
            throw new IllegalStateException("order " + orderId + " changed under its lock");
        }
        for (Attempt attempt : attempts.ofOrder(orderId)) {
            if (attempt.status() == AttemptStatus.PENDING && attempts.supersede(attempt.paymentNo(), "order closed: " + reason)) {
                events.publishEvent(new AttemptSuperseded(attempt.paymentNo(), orderId, order.merchantId()));
            }
        }
        events.publishEvent(new OrderClosed(orderId, order.merchantId(), order.merchantOrderNo(), order.amountMinor(),
                order.currency().getCurrencyCode(), order.notifyUrl(), reason, clock.instant()));
    }
}
