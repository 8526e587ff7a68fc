package io.payonce.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the simulator PSP over real HTTP, as a buyer, an operator or a merchant would:
 * control API (pay, fail, faults, ledger) and its merchant API with the Sim-Key.
 */
public final class SimulatorClient {
    public static final String DEV_KEY = "sim-dev-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        public String text(String field) {
            return body.path(field).asString();
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    public SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Reply pay(String paymentNo) { return post("/sim/control/pay", Map.of("paymentNo", paymentNo)); }

    public Reply fail(String paymentNo) { return post("/sim/control/fail", Map.of("paymentNo", paymentNo)); }

    public Reply faults(Map<String, ?> changes) { return post("/sim/control/faults", changes); }

    public Reply resetFaults() { return post("/sim/control/faults/reset", Map.of()); }

    /** The ledger line of one payment, or a missing node. */
    public JsonNode ledgerLine(String paymentNo) {
        for (JsonNode line : ledger()) {
            if (line.path("paymentNo").asString().equals(paymentNo)) return line;
        }
        return JSON.missingNode();
    }

    public List<JsonNode> ledger() {
        List<JsonNode> lines = new java.util.ArrayList<>();
        get("/sim/control/ledger").body().forEach(lines::add);
        return lines;
    }

    /** The ledger lines of payments created at or after {@code since}. */
    public List<JsonNode> ledgerSince(java.time.Instant since) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        get("/sim/control/ledger?since=" + since).body().forEach(lines::add);
        return lines;
    }

    public Reply createPayment(Map<String, ?> body) { return post("/sim/api/payments", body, DEV_KEY); }

    public Reply get(String path) { return send(request(path, null).GET()); }

    public Reply get(String path, String simKey) { return send(request(path, simKey).GET()); }

    public Reply post(String path, Map<String, ?> body) { return post(path, body, null); }

    public Reply post(String path, Map<String, ?> body, String simKey) {
        return send(request(path, simKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A form post without body, as the buyer's browser sends it from the checkout page. */
    public Reply submitForm(String path) {
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path, String simKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        return simKey == null ? builder : builder.header("Sim-Key", simKey);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Reply(response.statusCode(), json && !body.isBlank() ? JSON.readTree(body) : JSON.missingNode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
