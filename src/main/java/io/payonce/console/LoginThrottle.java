package io.payonce.console;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Failed console sign-ins per client address in a sliding window, in memory (per node): an
 * address over {@code addressFailureLimit} is refused before its password is even checked, so
 * guessing across many usernames is slowed as well as guessing one (which {@link Operators} locks).
 * At most {@link #MAX_ADDRESSES} addresses are remembered; past that the oldest windows are dropped.
 */
@Component
class LoginThrottle {
    static final int MAX_ADDRESSES = 10_000;

    private record Window(Instant start, int failures) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ConsoleProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    LoginThrottle(ConsoleProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    boolean refuses(String address) {
        Window window = windows.get(address);
        return window != null && !expired(window) && window.failures() >= properties.addressFailureLimit();
    }

    /** Counts a failed sign-in; {@code reason} tags payonce_console_login_failures_total. */
    void failed(String address, String reason) {
        meters.counter("payonce.console.login.failures", "reason", reason).increment();
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(this::expired);
            if (windows.size() >= MAX_ADDRESSES) windows.clear();
        }
        windows.compute(address, (key, window) -> window == null || expired(window)
                ? new Window(clock.instant(), 1) : new Window(window.start(), window.failures() + 1));
    }

    private boolean expired(Window window) {
        return window.start().plus(properties.addressWindow()).isBefore(clock.instant());
    }
}
