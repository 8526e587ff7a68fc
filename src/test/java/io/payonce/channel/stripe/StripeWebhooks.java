package io.payonce.channel.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's events and their delivery: each event is a JSON body POSTed to the endpoint with
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(endpoint secret, t + "." + body)>},
 * computed here independently of the SDK (which only verifies, in the gateway). Dropped events are
 * kept, so a test can deliver, tamper with or replay them.
 */
final class StripeWebhooks {
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<StripeProtocolServer.Webhook> events = new CopyOnWriteArrayList<>();
    private final String secret;
    volatile String endpoint;
    volatile boolean dropping;

    StripeWebhooks(String secret) {
        this.secret = secret;
    }

    void emit(String type, Map<String, Object> object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", StripeWire.id("evt"));
        event.put("object", "event");
        event.put("api_version", com.stripe.Stripe.API_VERSION);
        event.put("created", Instant.now().getEpochSecond());
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("request", Map.of("id", StripeWire.id("req")));
        event.put("type", type);
        String payload = json.writeValueAsString(event);
        String id = (String) event.get("id");
        StripeProtocolServer.Webhook pending = new StripeProtocolServer.Webhook(id, type, payload,
                signature(payload, Instant.now().getEpochSecond(), secret), 0);
        events.add(pending); // listed at once, in order; its status is filled in once delivered
        if (dropping || endpoint == null) return;
        Thread.startVirtualThread(() -> events.set(events.indexOf(pending), deliver(id, type, payload)));
    }

    /** Sends an event (again, or for the first time if it was dropped), freshly signed, as Stripe's retries do. */
    StripeProtocolServer.Webhook deliver(String id, String type, String payload) {
        String signature = signature(payload, Instant.now().getEpochSecond(), secret);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", signature)
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
            return new StripeProtocolServer.Webhook(id, type, payload, signature, response.statusCode());
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return new StripeProtocolServer.Webhook(id, type, payload, signature, 0);
        }
    }

    List<StripeProtocolServer.Webhook> events() {
        return List.copyOf(events);
    }

    static String signature(String payload, long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
