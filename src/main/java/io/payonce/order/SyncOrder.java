package io.payonce.order;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import org.springframework.stereotype.Service;

/** POST /v1/payments/{no}/sync: query every PENDING attempt of the order at its channel now. */
@Service
public class SyncOrder {
    private final Orders orders;
    private final Attempts attempts;
    private final SettleAttempt settle;

    SyncOrder(Orders orders, Attempts attempts, SettleAttempt settle) {
        this.orders = orders;
        this.attempts = attempts;
        this.settle = settle;
    }

    public Order sync(long orderId) {
        for (Attempt attempt : attempts.ofOrder(orderId)) {
            if (attempt.status() == AttemptStatus.PENDING) {
                settle.query(attempt.paymentNo());
            }
        }
        return orders.find(orderId).orElseThrow();
    }
}
