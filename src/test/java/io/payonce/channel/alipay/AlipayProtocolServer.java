package io.payonce.channel.alipay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Alipay's open platform gateway, speaking its wire format: one endpoint
 * {@code /gateway.do} taking the common parameters (app_id, method, format, charset, sign_type,
 * timestamp, version, notify_url, biz_content, sign) from the query and the form body. It checks
 * each request's RSA2 signature with the merchant's public key and signs each answer as Alipay
 * does: RSA2 over the exact JSON text of the {@code <method>_response} object, in "sign" beside it.
 * A page pay URL opens a cashier page; the buyer logs in/scans and pays there (or through
 * {@link #scan}/{@link #pay}). Faults: rate limit, delay after acting, tampered answer, dropped
 * notifications; and its own clock, so time_expire can pass.
 */
final class AlipayProtocolServer implements AutoCloseable {
    enum RateLimit { NONE, HTTP_429, BUSY }

    record Call(String method, String outTradeNo, String answer) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer http;
    private final String appId;
    private final PublicKey merchantKey;
    private final PrivateKey alipayKey;
    private volatile Supplier<Instant> clock = Instant::now;
    private volatile RateLimit rateLimit = RateLimit.NONE;
    private volatile Duration delayAfterActing = Duration.ZERO;
    private final AtomicBoolean tamperNext = new AtomicBoolean();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    final AlipayServerLedger ledger = new AlipayServerLedger(this::now);
    final AlipayServerNotifier notifier;
    private final AlipayServerApi api;

    private AlipayProtocolServer(HttpServer http, String appId, PublicKey merchantKey, PrivateKey alipayKey) {
        this.http = http;
        this.appId = appId;
        this.merchantKey = merchantKey;
        this.alipayKey = alipayKey;
        this.notifier = new AlipayServerNotifier(appId, alipayKey, this::now);
        this.api = new AlipayServerApi(ledger, notifier, this::baseUrl);
    }

    static AlipayProtocolServer start(String appId, PublicKey merchantKey, PrivateKey alipayKey) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AlipayProtocolServer server = new AlipayProtocolServer(http, appId, merchantKey, alipayKey);
            http.createContext("/gateway.do", server::gateway);
            http.createContext("/qr/", exchange -> {
                try (exchange) {
                    server.cashier(exchange, server.ledger.byQrToken(exchange.getRequestURI().getPath().substring(4)).orElse(null));
                }
            });
            http.createContext("/cashier/pay", server::buyerPays);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() { return "http://127.0.0.1:" + http.getAddress().getPort(); }

    String gatewayUrl() { return baseUrl() + "/gateway.do"; }

    /** The server's time; tests give it the gateway's shiftable clock so both see the same time. */
    void useClock(Supplier<Instant> clock) { this.clock = clock; }

    Instant now() { return clock.get(); }

    void rateLimit(RateLimit mode) { rateLimit = mode; }

    /** Act on each request, then wait this long before answering (the client may give up first). */
    void delayAfterActing(Duration delay) { delayAfterActing = delay; }

    void dropNotifications(boolean drop) { notifier.drop = drop; }

    /** How long to wait before each new try of a notification not answered "success" (Alipay: 4m,10m,10m,1h,2h,6h,15h). */
    void notificationRetries(List<Duration> delays) { notifier.retryDelays = List.copyOf(delays); }

    /** The next answer is changed after it was signed, as a man in the middle would. */
    void tamperNextAnswer() { tamperNext.set(true); }

    void reset() {
        rateLimit = RateLimit.NONE;
        delayAfterActing = Duration.ZERO;
        tamperNext.set(false);
        notifier.drop = false;
        notifier.retryDelays = AlipayServerNotifier.TEST_RETRIES;
    }

    /** The buyer scans the QR (or logs in on the cashier page): the trade now exists at Alipay. */
    AlipayServerLedger.Trade scan(String outTradeNo) { return ledger.scan(outTradeNo); }

    /** The buyer pays; Alipay sends its notification. */
    AlipayServerLedger.Trade pay(String outTradeNo) {
        AlipayServerLedger.Trade trade = ledger.pay(outTradeNo);
        notifier.send(trade, null);
        return trade;
    }

    Optional<AlipayServerLedger.Trade> trade(String outTradeNo) { return ledger.find(outTradeNo); }

    List<Call> calls() { return List.copyOf(calls); }

    List<AlipayServerNotifier.Delivery> deliveries() { return notifier.deliveries(); }

    private void gateway(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> params = new LinkedHashMap<>(AlipayWire.parseForm(exchange.getRequestURI().getRawQuery()));
            params.putAll(AlipayWire.parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (rateLimit == RateLimit.HTTP_429) {
                send(exchange, 429, "text/plain", "Too Many Requests");
                return;
            }
            String method = params.get("method");
            if ("alipay.trade.page.pay".equals(method)) {
                page(exchange, params);
                return;
            }
            Map<String, Object> answer = answer(method, params);
            calls.add(new Call(method, api.outTradeNo(params), answer.get("code") + " " + answer.getOrDefault("sub_code", "")));
            sleep(delayAfterActing);
            String root = method == null ? "error_response" : method.replace('.', '_') + "_response";
            send(exchange, 200, "application/json;charset=utf-8", signed(root, answer));
        }
    }

    private Map<String, Object> answer(String method, Map<String, String> params) {
        if (rateLimit == RateLimit.BUSY) return AlipayServerApi.failure("20000", "Service Currently Unavailable", "aop.ACQ.SYSTEM_ERROR", "系统繁忙");
        String refused = refusal(params);
        if (refused != null) return AlipayServerApi.failure("40002", "Invalid Arguments", refused, "请求被拒绝");
        return api.answer(method, params);
    }

    /** @return the isv.* sub_code refusing the request, or null when it is signed by the merchant. */
    private String refusal(Map<String, String> params) {
        if (!appId.equals(params.get("app_id"))) return "isv.invalid-app-id";
        if (!"RSA2".equals(params.get("sign_type")) || !"UTF-8".equalsIgnoreCase(params.get("charset"))) return "isv.invalid-signature-type";
        boolean signed = AlipayWire.verify(AlipayWire.signContent(params, AlipayWire.REQUEST_UNSIGNED), params.get("sign"), merchantKey);
        return signed ? null : "isv.invalid-signature";
    }

    /** {"<root>":{...},"sign":"..."}: the signature covers the object's exact text. */
    private String signed(String root, Map<String, Object> answer) {
        String object = JSON.writeValueAsString(answer);
        String sign = AlipayWire.sign(object, alipayKey);
        if (tamperNext.getAndSet(false)) object = object.replaceFirst("\\{", "{\"tampered\":\"yes\",");
        return "{\"" + root + "\":" + object + ",\"sign\":\"" + sign + "\"}";
    }

    private void page(HttpExchange exchange, Map<String, String> params) throws IOException {
        String refused = refusal(params);
        calls.add(new Call("alipay.trade.page.pay", api.outTradeNo(params), refused == null ? "page" : refused));
        if (refused != null) {
            send(exchange, 400, "text/html;charset=utf-8", AlipayServerPages.error(refused));
            return;
        }
        try {
            cashier(exchange, api.pagePay(params));
        } catch (AlipayServerLedger.Refusal e) {
            send(exchange, 409, "text/html;charset=utf-8", AlipayServerPages.error(e.subCode));
        }
    }

    private void cashier(HttpExchange exchange, AlipayServerLedger.Trade trade) throws IOException {
        if (trade == null) send(exchange, 404, "text/html;charset=utf-8", AlipayServerPages.error("no such order"));
        else send(exchange, 200, "text/html;charset=utf-8", AlipayServerPages.cashier(trade));
    }

    private void buyerPays(HttpExchange exchange) throws IOException {
        try (exchange) {
            String outTradeNo = AlipayWire.parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .get("out_trade_no");
            try {
                send(exchange, 200, "text/html;charset=utf-8", AlipayServerPages.paid(pay(outTradeNo)));
            } catch (IllegalStateException e) {
                send(exchange, 409, "text/html;charset=utf-8", AlipayServerPages.error(e.getMessage()));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up (read timeout) after we acted: that is the fault being tested
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) return;
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
