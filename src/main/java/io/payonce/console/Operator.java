package io.payonce.console;

import java.time.Instant;

/** A console user. The password hash never leaves {@link Operators}' sign-in path. */
record Operator(long operatorId, String username, Role role, int failedLogins, Instant lockedUntil, Instant lastLoginAt,
                Instant createdAt) {
    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
