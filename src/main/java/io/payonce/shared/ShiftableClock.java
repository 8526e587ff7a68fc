package io.payonce.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's one source of time: the system UTC clock plus an offset that only tests and the
 * chaos suite move, so that a 24-hour story fits in minutes. The scheduler reads it too.
 */
public final class ShiftableClock extends Clock {
    private final AtomicLong offsetMs = new AtomicLong();

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time never goes backwards: " + by);
        }
        offsetMs.addAndGet(by.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMs.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new IllegalArgumentException("the gateway keeps time in UTC only, not " + zone);
        }
        return this;
    }
}
