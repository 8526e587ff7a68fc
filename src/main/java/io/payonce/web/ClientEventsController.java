package io.payonce.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.attempt.Attempts;
import io.payonce.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST /checkout/{paymentNo}/client-events: the buyer pages report their own failed requests here
 * (front-end monitoring, M9). Open to any browser, so bounded on every side: the payment must exist,
 * the body is at most {@code clientEventsMaxBodyBytes}, a batch at most {@code clientEventsPerRequest}
 * events, a payment at most {@code clientEventsPerPayment} events per window, and every field has a
 * length or range. Any content type is read as JSON, because sendBeacon cannot always set one.
 */
@RestController
class ClientEventsController {
    /** Kinds that get their own metric tag; any other kind is counted as "other", so tags stay few. */
    private static final Set<String> KNOWN_KINDS = Set.of("status_request_failed", "script_error", "report_failed");

    private final Attempts attempts;
    private final ClientEvents events;
    private final PagesProperties properties;
    private final ClientEventReader reader;
    private final MeterRegistry meters;

    ClientEventsController(Attempts attempts, ClientEvents events, PagesProperties properties, JsonMapper json, MeterRegistry meters) {
        this.attempts = attempts;
        this.events = events;
        this.properties = properties;
        this.reader = new ClientEventReader(json, properties.clientEventsPerRequest());
        this.meters = meters;
    }

    @PostMapping("/checkout/{paymentNo}/client-events")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void report(@PathVariable String paymentNo, HttpServletRequest request,
                @RequestHeader(value = "User-Agent", required = false) String userAgent) throws IOException {
        if (attempts.find(paymentNo).isEmpty()) throw ApiException.notFound("payment " + paymentNo);
        List<ClientEvent> batch = reader.read(body(request), userAgent);
        int stored = events.storeWithin(paymentNo, batch, properties.clientEventsPerPayment(), properties.clientEventsWindow());
        if (stored < 0) {
            throw new ApiException(429, "too_many_events", "events: at most " + properties.clientEventsPerPayment()
                    + " per payment in " + properties.clientEventsWindow().toMinutes() + " minutes; nothing was stored");
        }
        for (ClientEvent event : batch) {
            meters.counter("payonce.client.events", "kind", KNOWN_KINDS.contains(event.kind()) ? event.kind() : "other",
                    "page", "cashier".equals(event.page()) || "return".equals(event.page()) ? event.page() : "other").increment();
        }
    }

    /** The body, read up to the limit and no further: a larger one is refused before it is parsed. */
    private String body(HttpServletRequest request) throws IOException {
        int limit = properties.clientEventsMaxBodyBytes();
        if (request.getContentLengthLong() > limit) throw tooLarge(limit);
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) throw tooLarge(limit);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static ApiException tooLarge(int limit) {
        return new ApiException(413, "payload_too_large", "body: larger than the limit of " + limit + " bytes for client events");
    }
}
