package io.payonce.console;

import io.payonce.channel.Channels;
import io.payonce.order.OrderStatus;
import io.payonce.shared.ApiException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;

/**
 * The order list's filters, read from the query string. Times are UTC ({@code datetime-local}
 * inputs), amounts minor units, {@code q} an exact merchant order number or payment number.
 * A bad value is refused naming the field; the page size is bounded.
 */
record OrderFilter(String q, String merchant, OrderStatus status, String channel, Instant createdFrom, Instant createdTo,
                   Long minAmount, Long maxAmount, int size, Cursor after) {
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    /** Keyset position: the last row of the previous page (created_at, order_id), newest first. */
    record Cursor(Instant createdAt, long orderId) {
        static Cursor parse(String text) {
            String[] parts = text.split("_");
            if (parts.length != 2 || !parts[0].matches("-?\\d{1,20}") || !parts[1].matches("\\d{1,19}")) {
                throw ApiException.invalid("after", "is not a page position from this console");
            }
            long micros = Long.parseLong(parts[0]);
            return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L),
                    Long.parseLong(parts[1]));
        }

        String text() {
            return (createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1000) + "_" + orderId;
        }
    }

    static OrderFilter from(Map<String, String> params) {
        String status = blankToNull(params.get("status"));
        String channel = blankToNull(params.get("channel"));
        if (status != null && Arrays.stream(OrderStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw ApiException.invalid("status", "must be one of " + Arrays.toString(OrderStatus.values()));
        }
        if (channel != null && !Channels.KNOWN.contains(channel)) {
            throw ApiException.invalid("channel", "must be one of " + Channels.KNOWN);
        }
        Long min = amount(params, "minAmount");
        Long max = amount(params, "maxAmount");
        if (min != null && max != null && min > max) throw ApiException.invalid("maxAmount", "must not be below minAmount");
        String size = blankToNull(params.get("size"));
        if (size != null && (!size.matches("\\d{1,3}") || Integer.parseInt(size) < 1 || Integer.parseInt(size) > MAX_SIZE)) {
            throw ApiException.invalid("size", "must be 1.." + MAX_SIZE);
        }
        String after = blankToNull(params.get("after"));
        String q = blankToNull(params.get("q"));
        if (q != null && q.length() > 64) throw ApiException.invalid("q", "must be at most 64 characters");
        String merchant = blankToNull(params.get("merchant"));
        if (merchant != null && merchant.length() > 64) throw ApiException.invalid("merchant", "must be at most 64 characters");
        return new OrderFilter(q == null ? null : q.trim(), merchant, status == null ? null : OrderStatus.valueOf(status), channel,
                time(params, "from"), time(params, "to"), min, max,
                size == null ? DEFAULT_SIZE : Integer.parseInt(size), after == null ? null : Cursor.parse(after));
    }

    private static Long amount(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) return null;
        if (!value.matches("\\d{1,15}")) throw ApiException.invalid(name, "must be a whole number of minor units (1999 = 19.99)");
        return Long.parseLong(value);
    }

    private static Instant time(Map<String, String> params, String name) {
        String value = blankToNull(params.get(name));
        if (value == null) return null;
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be a UTC date and time like 2025-01-31T13:45");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
