package io.payonce.order;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An order's status and its only moves; SQL repeats the check with compare-and-set on status
 * and version. CLOSED and REFUNDED are final; an order never goes back to unpaid.
 */
public enum OrderStatus {
    UNPAID, PAYING, PAID, CLOSED, PARTIALLY_REFUNDED, REFUNDED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
            UNPAID, EnumSet.of(PAYING, PAID, CLOSED),
            PAYING, EnumSet.of(PAID, CLOSED),
            PAID, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            PARTIALLY_REFUNDED, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
            CLOSED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    public boolean canMoveTo(OrderStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Paid, whether or not some of it was refunded since. */
    public boolean isPaid() {
        return this == PAID || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    public boolean isOpen() {
        return this == UNPAID || this == PAYING;
    }
}
