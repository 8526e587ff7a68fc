package io.payonce.channel.alipay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Alipay writes times as "yyyy-MM-dd HH:mm:ss" in Beijing time (UTC+8), with no zone in the text. */
final class AlipayTime {
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayTime() {}

    static String format(Instant instant) {
        return FORMAT.format(instant.atOffset(BEIJING));
    }

    /** @throws DateTimeParseException when the text is not in Alipay's format. */
    static Instant parse(String text) {
        return LocalDateTime.parse(text, FORMAT).toInstant(BEIJING);
    }

    /** @return null for a missing or unreadable time (used only where the time is informative). */
    static Instant parseOrNull(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** What survives the trip through Alipay's format: whole seconds. */
    static Instant toSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
