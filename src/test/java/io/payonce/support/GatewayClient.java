package io.payonce.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's public HTTP contract, driven as a merchant's system (or an admin) would. */
public final class GatewayClient {
    public static final String ADMIN_TOKEN = "test-admin-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Reply(int status, JsonNode body) {
        public String text(String path) {
            JsonNode node = body;
            for (String part : path.split("\\.")) node = node.path(part);
            return node.asString();
        }

        public String errorCode() {
            return text("error.code");
        }
    }

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    public GatewayClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Creates a merchant through the admin API and returns a client holding its key. */
    public static Merchant newMerchant(String baseUrl, Map<String, ?> fields) {
        Reply reply = new GatewayClient(baseUrl, ADMIN_TOKEN).post("/v1/admin/merchants", fields);
        if (reply.status() != 201) throw new IllegalStateException("merchant not created: " + reply);
        return new Merchant(reply.text("merchantId"), reply.text("webhookSecret"),
                new GatewayClient(baseUrl, reply.text("apiKey")));
    }

    public record Merchant(String merchantId, String webhookSecret, GatewayClient api) {}

    public String apiKey() {
        return apiKey;
    }

    public Reply pay(String merchantOrderNo, long amount, String currency) {
        return post("/v1/payments", Map.of("merchantOrderNo", merchantOrderNo, "amount", amount, "currency", currency, "channel", "sim"));
    }

    public Reply order(String merchantOrderNo) { return get("/v1/payments/" + merchantOrderNo); }

    public Reply post(String path, Object body) {
        return postRaw(path, JSON.writeValueAsString(body));
    }

    public Reply postRaw(String path, String body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    /** A plain-text GET, such as the Prometheus scrape. */
    public String getText(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        return apiKey == null ? builder : builder.header("Authorization", "Bearer " + apiKey);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Reply(response.statusCode(), json && !body.isBlank() ? JSON.readTree(body) : JSON.missingNode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
