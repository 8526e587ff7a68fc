package io.payonce.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints delay lists such as "5s,10s,1m,2h" (the notation of poll and retry schedules). */
public final class Schedules {
    public static final int MAX_STEPS = 64;
    // Compiled once: merchant policies are parsed on every merchant row read (each API request).
    private static final Pattern STEP = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Schedules() {}

    /** @throws IllegalArgumentException naming the bad step, for operators' and merchants' input. */
    public static List<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("schedule is empty");
        }
        String[] parts = text.split(",");
        if (parts.length > MAX_STEPS) {
            throw new IllegalArgumentException("schedule has more than " + MAX_STEPS + " steps");
        }
        List<Duration> steps = new ArrayList<>(parts.length);
        for (String part : parts) {
            steps.add(parseOne(part.trim()));
        }
        return List.copyOf(steps);
    }

    public static Duration parseOne(String step) {
        Matcher matcher = STEP.matcher(step);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("schedule step '" + step + "' is not like 500ms, 5s, 1m, 2h or 1d");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        Duration duration = switch (unit) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("schedule step '" + step + "' must be positive");
        }
        return duration;
    }

    public static String format(List<Duration> steps) {
        return String.join(",", steps.stream().map(Schedules::formatOne).toList());
    }

    private static String formatOne(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
