package io.payonce.attempt;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An attempt's status and the only moves it may make; SQL repeats the check with
 * compare-and-set. SUCCEEDED is final. A channel's late success after FAILED or CLOSED is
 * allowed, because money that moved must be recorded (and then refunded, M6), never ignored.
 */
public enum AttemptStatus {
    PENDING, SUCCEEDED, FAILED, CLOSED;

    private static final Map<AttemptStatus, Set<AttemptStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(SUCCEEDED, FAILED, CLOSED),
            FAILED, EnumSet.of(SUCCEEDED),
            CLOSED, EnumSet.of(SUCCEEDED),
            SUCCEEDED, EnumSet.noneOf(AttemptStatus.class));

    public boolean canMoveTo(AttemptStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isLive() {
        return this == PENDING;
    }
}
