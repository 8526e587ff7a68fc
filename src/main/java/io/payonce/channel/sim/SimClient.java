package io.payonce.channel.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the simulator with explicit timeouts. It never throws: no answer at all is a reply
 * with status 0 and the reason, which every caller turns into UNKNOWN.
 */
final class SimClient {
    /** @param status 0 when there was no answer; @param failure why there was none. */
    record Reply(int status, JsonNode body, String failure) {
        boolean is(int expected) {
            return status == expected;
        }

        /** The simulator's own error code ({"error":"code"}), or null for anything else (another server's 404). */
        String simError() {
            JsonNode error = body == null ? null : body.get("error");
            return error != null && error.isString() ? error.stringValue() : null;
        }

        String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node != null && node.isString() ? node.stringValue() : null;
        }

        Long number(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
        }

        String describe() {
            if (failure != null) return failure;
            String message = text("message");
            return "HTTP " + status + (simError() != null ? " " + simError() : "") + (message != null ? ": " + message : "");
        }
    }

    private final HttpClient http;
    private final SimProperties properties;
    private final Supplier<String> baseUrl;
    private final JsonMapper json;

    SimClient(SimProperties properties, Supplier<String> baseUrl, JsonMapper json) {
        this.properties = properties;
        this.baseUrl = baseUrl;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, Map<String, ?> body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        String base = baseUrl.get();
        return HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path))
                .timeout(properties.readTimeout())
                .header("Sim-Key", properties.apiKey())
                .header("Accept", "application/json");
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), parse(response.body()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, "interrupted");
        } catch (IOException | RuntimeException e) {
            return new Reply(0, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
