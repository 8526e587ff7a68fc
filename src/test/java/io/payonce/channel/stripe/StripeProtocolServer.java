package io.payonce.channel.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.payonce.channel.stripe.StripeWire.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local server speaking Stripe's REST protocol for offline tests, in memory: Bearer secret key
 * (wrong key → 401 with Stripe's error body), form-encoded POST bodies, Idempotency-Key honoured
 * (same key and parameters → the first answer replayed with {@code Idempotent-Replayed: true};
 * other parameters → 400 idempotency_error), Stripe's JSON objects and error codes, and signed
 * webhooks ({@link StripeWebhooks}). The buyer's side (Stripe.js confirming with the publishable
 * key and client secret) is {@code POST /v1/payment_intents/{id}/confirm}.
 * Faults for tests: 429 rate_limit on secret-key calls, acting then replying only after a delay,
 * refusing the next calls with a given error, and dropping webhooks.
 */
public final class StripeProtocolServer implements AutoCloseable {
    public static final String SECRET_KEY = "sk_test_51PayOnceLocalSecretKey0000";
    public static final String PUBLISHABLE_KEY = "pk_test_51PayOnceLocalPublishableKey";
    public static final String WEBHOOK_SECRET = "whsec_PayOnceLocalEndpointSecret";

    private record Remembered(String method, String path, Map<String, String> params, Reply reply) {}

    /** An event as sent; {@code status} is the endpoint's answer, 0 when not delivered (dropped, or no answer). */
    public record Webhook(String id, String type, String payload, String signature, int status) {}

    /** One API call as received: method, path and the key it carried. */
    public record Call(String method, String path, String idempotencyKey) {}

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final StripeWebhooks webhooks = new StripeWebhooks(WEBHOOK_SECRET);
    private final StripeLedger ledger = new StripeLedger(webhooks::emit);
    private final Map<String, Remembered> idempotency = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile boolean rateLimited;
    private volatile Duration delayAfterActing = Duration.ZERO;
    private volatile Reply refusal;

    private StripeProtocolServer(HttpServer server) {
        this.server = server;
    }

    public static StripeProtocolServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StripeProtocolServer stripe = new StripeProtocolServer(http);
            http.createContext("/v1/", stripe::handle);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return stripe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- controls ----

    public void rateLimit(boolean on) { rateLimited = on; }

    public void delayAfterActing(Duration delay) { delayAfterActing = delay; }

    /** Every following secret-key call is answered with this Stripe error until {@code refuse(0, ...)}. */
    public void refuse(int status, String type, String code, String message) {
        refusal = status == 0 ? null : StripeWire.error(status, type, code, message, null);
    }

    public void webhookEndpoint(String url) { webhooks.endpoint = url; }

    public void dropWebhooks(boolean drop) { webhooks.dropping = drop; }

    public void refundsStayPending(boolean pending) {
        synchronized (ledger) { ledger.refundsStayPending = pending; }
    }

    public void settlePendingRefunds() {
        synchronized (ledger) { ledger.settlePendingRefunds(); }
    }

    public void reset() {
        rateLimit(false);
        delayAfterActing(Duration.ZERO);
        refusal = null;
        dropWebhooks(false);
        refundsStayPending(false);
    }

    public List<Webhook> events() { return webhooks.events(); }

    public Webhook deliver(Webhook event) { return webhooks.deliver(event.id(), event.type(), event.payload()); }

    public static String sign(String payload, long timestamp, String secret) { return StripeWebhooks.signature(payload, timestamp, secret); }

    public List<Call> calls() { return List.copyOf(calls); }

    // ---- the books, as Stripe's dashboard would show them ----

    /** PaymentIntents whose metadata payment_no is one of ours, oldest first. */
    public List<Map<String, Object>> paymentIntents(String paymentNo) {
        synchronized (ledger) {
            return ledger.intents.values().stream().filter(i -> paymentNo.equals(i.metadata.get("payment_no")))
                    .map(i -> ledger.json(i, false)).toList();
        }
    }

    /** Money taken for a paymentNo: the sum of its charges. */
    public long captured(String paymentNo) {
        synchronized (ledger) {
            return ledger.charges.values().stream().filter(c -> paymentNo.equals(c.metadata.get("payment_no"))).mapToLong(c -> c.amount).sum();
        }
    }

    public long charges(String paymentNo) {
        synchronized (ledger) {
            return ledger.charges.values().stream().filter(c -> paymentNo.equals(c.metadata.get("payment_no"))).count();
        }
    }

    public long refunded(String paymentNo) {
        synchronized (ledger) {
            return ledger.charges.values().stream().filter(c -> paymentNo.equals(c.metadata.get("payment_no"))).mapToLong(c -> c.amountRefunded).sum();
        }
    }

    /** The buyer pays in the browser: Stripe.js confirms with the publishable key and the client secret. */
    public HttpResponse<String> buyerConfirms(String clientSecret, String paymentMethod) {
        String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        String form = "payment_method=" + paymentMethod + "&client_secret=" + clientSecret;
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/payment_intents/" + intentId + "/confirm"))
                    .header("Authorization", "Bearer " + PUBLISHABLE_KEY).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            calls.add(new Call(method, path, key));
            Map<String, String> params = StripeWire.form(method.equals("GET") ? exchange.getRequestURI().getRawQuery()
                    : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String presented = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean publishable = PUBLISHABLE_KEY.equals(presented) && method.equals("POST") && path.endsWith("/confirm");
            if (!SECRET_KEY.equals(presented) && !publishable) {
                send(exchange, StripeWire.unauthorized(presented), false);
                return;
            }
            if (!publishable && rateLimited) {
                send(exchange, StripeWire.rateLimited(), false);
                return;
            }
            if (!publishable && refusal != null) {
                send(exchange, refusal, false);
                return;
            }
            Reply reply;
            boolean replayed = false;
            synchronized (ledger) {
                Remembered earlier = key == null || !method.equals("POST") ? null : idempotency.get(key);
                if (earlier != null && earlier.method().equals(method) && earlier.path().equals(path) && earlier.params().equals(params)) {
                    reply = earlier.reply();
                    replayed = true;
                } else if (earlier != null) {
                    reply = StripeWire.error(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the same "
                            + "parameters they were first used with. Try using a key other than '" + key + "' if you meant to execute a different request.", null);
                } else {
                    reply = route(method, path, params, publishable);
                    if (key != null && method.equals("POST") && reply.remembered()) idempotency.put(key, new Remembered(method, path, params, reply));
                }
            }
            pause(delayAfterActing); // the act is done and remembered; only the reply is late
            send(exchange, reply, replayed);
        }
    }

    private Reply route(String method, String path, Map<String, String> params, boolean publishable) {
        String[] parts = path.substring(1).split("/");
        if (parts.length >= 2 && parts[1].equals("payment_intents")) {
            if (method.equals("POST") && parts.length == 2) return ledger.createIntent(params);
            if (method.equals("GET") && parts.length == 3) return ledger.retrieveIntent(parts[2], "latest_charge".equals(params.get("expand[0]")));
            if (method.equals("POST") && parts.length == 4 && parts[3].equals("cancel")) return ledger.cancel(parts[2], params);
            if (method.equals("POST") && parts.length == 4 && parts[3].equals("confirm")) return ledger.confirm(parts[2], params, publishable);
        }
        if (parts.length >= 2 && parts[1].equals("refunds")) {
            if (method.equals("POST") && parts.length == 2) return ledger.refund(params);
            if (method.equals("GET") && parts.length == 2) return ledger.listRefunds(params.get("payment_intent"));
            if (method.equals("GET") && parts.length == 3) return ledger.retrieveRefund(parts[2]);
        }
        return StripeWire.error(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ").", null);
    }

    private void send(HttpExchange exchange, Reply reply, boolean replayed) throws IOException {
        byte[] body = json.writeValueAsString(reply.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", StripeWire.id("req"));
        if (replayed) exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) return;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
