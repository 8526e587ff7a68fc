package io.payonce.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Console times are UTC, to the millisecond, as the gateway stores them. */
final class Times {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Times() {}

    static String text(Instant instant) {
        return instant == null ? "" : TEXT.format(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static String text(ResultSet rs, String column) throws SQLException {
        return text(instant(rs, column));
    }

    /** "42s", "3m 5s", "2h 10m", "3d 4h": how long ago, for queues. */
    static String age(Instant since, Instant now) {
        long seconds = Math.max(0, Duration.between(since, now).toSeconds());
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return seconds / 60 + "m " + seconds % 60 + "s";
        if (seconds < 86_400) return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }
}
