package io.payonce.notify;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A notification's status and the only moves it may make; SQL repeats the check with
 * compare-and-set. PENDING to PENDING is a failed delivery attempt: it is recorded in the
 * history, because each failure is what an operator looks for. DELIVERED and DEAD leave only
 * through an operator's re-send, which starts a fresh round.
 */
public enum NotificationStatus {
    PENDING, DELIVERED, DEAD;

    private static final Map<NotificationStatus, Set<NotificationStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(PENDING, DELIVERED, DEAD),
            DELIVERED, EnumSet.of(PENDING),
            DEAD, EnumSet.of(PENDING));

    public boolean canMoveTo(NotificationStatus next) {
        return NEXT.get(this).contains(next);
    }
}
