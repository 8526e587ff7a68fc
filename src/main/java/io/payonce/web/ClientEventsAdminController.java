package io.payonce.web;

import io.payonce.shared.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /v1/admin/client-events: what buyers' pages reported, for operators (and the console).
 * {@code groups} counts events by page, browser and kind; {@code events} are the newest ones. Both
 * follow the same optional filters. Authentication is the admin interceptor's (/v1/admin/**).
 */
@RestController
class ClientEventsAdminController {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern BROWSER = Pattern.compile("[A-Za-z][A-Za-z0-9 .]{0,39}");
    private static final Pattern PAYMENT_NO = Pattern.compile("[a-z0-9]{1,32}");

    record Listing(List<ClientEvents.Group> groups, List<ClientEvents.Stored> events) {}

    private final ClientEvents events;

    ClientEventsAdminController(ClientEvents events) {
        this.events = events;
    }

    @GetMapping("/v1/admin/client-events")
    Listing list(@RequestParam(required = false) String limit, @RequestParam(required = false) String page,
                 @RequestParam(required = false) String browser, @RequestParam(required = false) String kind,
                 @RequestParam(required = false) String paymentNo, @RequestParam(required = false) String since) {
        ClientEvents.Filter filter = new ClientEvents.Filter(checked("page", page, WORD), checked("browser", browser, BROWSER),
                checked("kind", kind, WORD), checked("paymentNo", paymentNo, PAYMENT_NO), instant(since));
        return new Listing(events.groups(filter), events.newest(filter, limit(limit)));
    }

    private static String checked(String name, String value, Pattern pattern) {
        if (value == null || value.isBlank()) return null;
        if (!pattern.matcher(value).matches()) throw ApiException.invalid(name, "must match " + pattern.pattern());
        return value;
    }

    private static Instant instant(String since) {
        if (since == null || since.isBlank()) return null;
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("since", "must be an RFC 3339 UTC time like 2026-01-31T12:00:00Z");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) return DEFAULT_LIMIT;
        if (!limit.matches("\\d{1,3}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }
}
