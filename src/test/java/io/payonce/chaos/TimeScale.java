package io.payonce.chaos;

import io.payonce.shared.Schedules;
import java.time.Duration;
import java.util.List;

/**
 * Simulated time → real time. One simulated hour lasts {@code secondsPerSimHour} real seconds,
 * so a 24-hour story (the notification retry schedule, the poll schedule's tail) fits in minutes.
 * Durations that stand for network or human reaction times do not shrink below a floor: a real
 * HTTP call still takes milliseconds, whatever the scale.
 */
record TimeScale(double secondsPerSimHour) {
    /** No step of a scaled schedule is shorter than this, real: at 1:720, three simulated minutes. */
    static final Duration SCHEDULE_FLOOR = Duration.ofMillis(250);

    TimeScale {
        if (!(secondsPerSimHour >= 0.5 && secondsPerSimHour <= 3600)) {
            throw new IllegalArgumentException("chaos.seconds-per-sim-hour: must be between 0.5 and 3600");
        }
    }

    /** How long {@code simulated} lasts in real time. */
    Duration real(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() * secondsPerSimHour / 3600.0));
    }

    Duration real(Duration simulated, Duration floor) {
        Duration real = real(simulated);
        return real.compareTo(floor) < 0 ? floor : real;
    }

    /** How much simulated time {@code real} stands for. */
    Duration simulated(Duration real) {
        return Duration.ofNanos(Math.round(real.toNanos() * 3600.0 / secondsPerSimHour));
    }

    double simulatedMinutes(Duration real) {
        return simulated(real).toMillis() / 60_000.0;
    }

    /** A schedule such as "5s,10s,1m" scaled step by step (each at least the floor), in the gateway's notation. */
    String schedule(String simulatedSchedule) {
        List<Duration> steps = Schedules.parse(simulatedSchedule);
        return String.join(",", steps.stream().map(step -> real(step, SCHEDULE_FLOOR).toMillis() + "ms").toList());
    }

    String describe() {
        return "1 simulated hour = " + secondsPerSimHour + " s real (1:" + Math.round(3600 / secondsPerSimHour) + ")";
    }
}
