package io.payonce.chaos;

import java.sql.SQLException;
import java.time.Duration;

/**
 * After the faults heal, waits for the schedules to run out: until nothing is open at the gateway
 * (no open order, pending attempt, refund or notification), or until the longest step of any
 * schedule has passed twice over (then invariant 6 reports what is left).
 */
final class Drain {
    /** The longest single step in the gateway's schedules (notifications: 6 h), twice. */
    static final Duration LONGEST_WAIT = Duration.ofHours(12);
    private static final Duration SLACK = Duration.ofSeconds(30);

    private Drain() {}

    static GatewayDatabase.OpenWork untilSettled(GatewayDatabase db, TimeScale scale) throws InterruptedException {
        long deadline = System.nanoTime() + scale.real(LONGEST_WAIT).plus(SLACK).toNanos();
        GatewayDatabase.OpenWork open = null;
        while (System.nanoTime() < deadline) {
            try {
                open = db.openWork();
                if (open.none()) return open;
            } catch (SQLException e) {
                // the database is coming back; ask again
            }
            Thread.sleep(500);
        }
        return open;
    }
}
