package io.payonce.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP as buyers' browsers and the merchant's backend use it: no redirects followed, and
 * no answer at all (connection refused while the gateway restarts, a timeout) is status 0, not
 * an exception, because that is what the caller has to decide about.
 */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, String body, String location) {
        boolean answered() {
            return status > 0;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            } catch (JacksonException e) {
                return JSON.missingNode();
            }
        }

        String text(String path) {
            JsonNode node = json();
            for (String part : path.split("\\.")) node = node.path(part);
            return node.isString() ? node.stringValue() : null;
        }
    }

    /**
     * How long a client waits for the gateway to come back: a restart takes real seconds (seven on
     * two idle cores, a minute on a crowded machine), whatever the time scale.
     */
    static final Duration PATIENCE = Duration.ofSeconds(150);

    /**
     * Repeats {@code request} while there is no answer or a 5xx (the gateway restarting, its
     * database down), up to {@link #PATIENCE}, backing off exponentially with jitter up to 5 s, as
     * a merchant's backend should: hundreds of clients retrying every second would keep a
     * recovering gateway overloaded.
     */
    static Response patiently(java.util.function.Supplier<Response> request, Runnable onRetry) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long backoffMs = 200;
        Response response = request.get();
        while ((!response.answered() || response.status() >= 500) && System.nanoTime() < deadline) {
            onRetry.run();
            Buyer.sleep(Duration.ofMillis(backoffMs / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1)));
            backoffMs = Math.min(backoffMs * 2, 5_000);
            response = request.get();
        }
        return response;
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    Response get(String url, String bearer) {
        return send(request(url, bearer).GET());
    }

    Response postJson(String url, String bearer, Object body) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A form post without fields, as a browser submits the channel page's Pay or Fail button. */
    Response postForm(String url) {
        return send(request(url, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            return new Response(0, e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "interrupted", null);
        }
    }
}
