package io.payonce.web;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.order.Order;
import io.payonce.order.OrderStatus;

/**
 * Where a buyer stands, in one word the pages switch on. The order comes first: paid by any of its
 * attempts is "paid", and a closed order can take no new attempt, so it is "closed", not "failed".
 */
final class BuyerState {
    static final String PAID = "paid";
    static final String CLOSED = "closed";
    static final String FAILED = "failed";
    static final String CHECKING = "checking";

    private BuyerState() {}

    static String of(Order order, Attempt attempt) {
        if (order.status().isPaid()) return PAID;
        if (order.status() == OrderStatus.CLOSED) return CLOSED;
        if (attempt.status() == AttemptStatus.FAILED || attempt.status() == AttemptStatus.CLOSED) return FAILED;
        return CHECKING;
    }
}
