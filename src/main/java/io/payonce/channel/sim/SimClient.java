package io.payonce.channel.sim;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the simulator with explicit timeouts. It never throws: no answer at all is a reply
 * with status 0 and the reason, which every caller turns into UNKNOWN.
 *
 * <p>okhttp (already here for the WeChat Pay and Alipay SDKs) blocks the calling virtual thread
 * on its socket; the JDK's HttpClient handed every call to its selector and worker threads and
 * back, which cost about a sixth of the JVM's CPU on the create path (see docs/BENCHMARKS.md).
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

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** Idle keep-alive connections kept to the simulator; more concurrent calls open more and close them after. */
    private static final int MAX_IDLE_CONNECTIONS = 32;

    private final OkHttpClient http;
    private final SimProperties properties;
    private final Supplier<String> baseUrl;
    private final JsonMapper json;

    SimClient(SimProperties properties, Supplier<String> baseUrl, JsonMapper json) {
        this.properties = properties;
        this.baseUrl = baseUrl;
        this.json = json;
        // callTimeout bounds the whole call (connect, send, wait, read), as the JDK client's request timeout did.
        this.http = new OkHttpClient.Builder()
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .callTimeout(properties.connectTimeout().plus(properties.readTimeout()))
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false) // a retry is the caller's decision: a create is retried by paymentNo only
                .followRedirects(false)
                .build();
    }

    Reply get(String path) {
        return send(request(path).get());
    }

    Reply post(String path, Map<String, ?> body) {
        return send(request(path).post(RequestBody.create(json.writeValueAsString(body), JSON)));
    }

    private Request.Builder request(String path) {
        String base = baseUrl.get();
        return new Request.Builder().url((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path)
                .header("Sim-Key", properties.apiKey())
                .header("Accept", "application/json");
    }

    private Reply send(Request.Builder request) {
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            return new Reply(response.code(), parse(body == null ? null : body.string()), null);
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) return new Reply(0, null, "interrupted");
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
