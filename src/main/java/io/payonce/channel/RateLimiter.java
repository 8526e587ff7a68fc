package io.payonce.channel;

/** A token bucket holding one second of budget; never blocks, so callers can back off instead. */
final class RateLimiter {
    private final double ratePerSecond;
    private double tokens;
    private long lastRefillNanos;

    RateLimiter(double ratePerSecond) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("query rate must be positive: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.tokens = ratePerSecond;
        this.lastRefillNanos = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(ratePerSecond, tokens + (now - lastRefillNanos) / 1e9 * ratePerSecond);
        lastRefillNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
