package io.payonce.channel.wechatpay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.payonce.channel.wechatpay.WechatPayBooks.Order;
import io.payonce.channel.wechatpay.WechatPayBooks.Refund;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for WeChat Pay API v3 on a random port: its paths, JSON bodies, status codes and
 * error codes; it verifies each request's WECHATPAY2-SHA256-RSA2048 Authorization with the
 * merchant's public key, signs every reply (Wechatpay-Timestamp/-Nonce/-Signature/-Serial) with
 * the platform key, and sends encrypted, signed notifications. Controls act as the buyer and inject
 * faults. Replies and notifications are signed with wall time (the SDK checks replies against it);
 * rules about order age (closing too early) follow {@link #useClock}, which tests can advance.
 */
public final class WechatPayProtocolServer implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PREPAY = Pattern.compile("/v3/pay/transactions/(native|jsapi|h5)");
    private static final Pattern ORDER = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)");
    private static final Pattern CLOSE = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/]+)/close");
    private static final Pattern REFUND = Pattern.compile("/v3/refund/domestic/refunds/([^/]+)");
    private static WechatPayProtocolServer shared;

    /** A request as it arrived: what the SDK's okhttp transport sent. */
    public record Received(String method, String path, String userAgent, boolean authorized) {}

    /** A notification sent, and what the receiver answered (status 0: no answer). */
    public record Delivery(String notificationId, String url, int status, String body) {}

    record Reply(int status, String body) {}

    private final HttpServer server;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final WechatPayBooks books = new WechatPayBooks();
    private final WechatPayNotifier notifier = new WechatPayNotifier();
    private final WechatPayApi api = new WechatPayApi(this, books);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger delayedReplies = new AtomicInteger();
    private final AtomicInteger closeRefusals = new AtomicInteger();
    private volatile Duration replyDelay = Duration.ZERO;
    private volatile boolean dropNotifications;
    private volatile boolean failQueries;
    private volatile boolean publicKeyMode;
    private volatile Duration refuseCloseWithin = Duration.ZERO;
    private volatile Clock clock = Clock.systemUTC();
    private volatile PrivateKey replyKey = WechatPayTestKeys.PLATFORM_PRIVATE_KEY;
    private volatile String replySerial;
    private volatile String refundSettlement = "SUCCESS";

    private WechatPayProtocolServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static WechatPayProtocolServer start() {
        return new WechatPayProtocolServer();
    }

    /** One server for every Spring context of the test JVM (each test resets it). */
    public static synchronized WechatPayProtocolServer shared() {
        if (shared == null) shared = start();
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- controls: the buyer ----

    /** The buyer pays: the order becomes SUCCESS and a notification goes out (unless dropped). */
    public synchronized String pay(String outTradeNo) {
        Order order = existing(outTradeNo);
        if (!order.tradeState.equals("NOTPAY")) throw new IllegalStateException(outTradeNo + " is " + order.tradeState);
        books.pay(order, clock.instant());
        notifyPayment(order);
        return order.transactionId;
    }

    public synchronized void failPayment(String outTradeNo) {
        existing(outTradeNo).tradeState = "PAYERROR";
    }

    /** WeChat Pay's retry of a payment notification: the same id, a new timestamp, nonce and signature. */
    public Delivery resendPaymentNotification(String outTradeNo) {
        WechatPayNotification notification;
        synchronized (this) {
            notification = paymentNotification(existing(outTradeNo), Instant.now());
        }
        Delivery delivery = notifier.deliver(existing(outTradeNo).notifyUrl, notification);
        deliveries.add(delivery);
        return delivery;
    }

    /** A payment notification for the order as it stands, signed at {@code signedAt}, not sent. */
    public synchronized WechatPayNotification paymentNotification(String outTradeNo, Instant signedAt) {
        return paymentNotification(existing(outTradeNo), signedAt);
    }

    /** A genuine, signed payment notification that reports another total than the order's (the signer lies). */
    public synchronized WechatPayNotification paymentNotificationReporting(String outTradeNo, int total) {
        Order order = existing(outTradeNo);
        String plaintext = WechatPayBooks.transaction(order).replace("\"total\":" + order.total + ",", "\"total\":" + total + ",");
        return notification("EV-" + WechatPaySigning.nonce(24), "TRANSACTION.SUCCESS", plaintext, Instant.now());
    }

    /** Any notification, with the platform's key and serial (tests alter it to make it wrong). */
    public WechatPayNotification notification(String id, String eventType, String plaintext, Instant signedAt) {
        return notifier.build(id, eventType, plaintext, signedAt, WechatPayTestKeys.PLATFORM_PRIVATE_KEY, serial());
    }

    public WechatPayNotification notificationSignedWith(PrivateKey key, String serial, String eventType, String plaintext) {
        return notifier.build("EV-" + WechatPaySigning.nonce(20), eventType, plaintext, Instant.now(), key, serial);
    }

    // ---- controls: faults ----

    public void rateLimitNext(int requests) { rateLimited.set(requests); }

    /** The next {@code replies} requests are carried out, then answered only after {@code delay}. */
    public void delayAfterActing(int replies, Duration delay) {
        replyDelay = delay;
        delayedReplies.set(replies);
    }

    public void dropNotifications(boolean drop) { dropNotifications = drop; }

    public void failQueries(boolean fail) { failQueries = fail; }

    /** WeChat Pay's rule: no close within this long after the order was created. */
    public void refuseCloseWithin(Duration window) { refuseCloseWithin = window; }

    public void useClock(Clock businessClock) { clock = businessClock; }

    /** Replies and notifications carry the WeChat Pay public key id as serial instead of the certificate serial. */
    public void usePublicKeyId(boolean use) { publicKeyMode = use; }

    /** Sign replies with another key and/or claim another serial (null keeps the platform's). */
    public void signRepliesWith(PrivateKey key, String serial) {
        replyKey = key == null ? WechatPayTestKeys.PLATFORM_PRIVATE_KEY : key;
        replySerial = serial;
    }

    /** How new refunds end: SUCCESS (at once, with a notification), or PROCESSING until {@link #settleRefund}. */
    public void refundsEndAs(String status) { refundSettlement = status; }

    public void settleRefund(String outRefundNo, String status) {
        Refund refund;
        synchronized (this) {
            refund = books.refunds.get(outRefundNo);
            refund.status = status;
            if (status.equals("SUCCESS")) refund.successTime = WechatPayBooks.time(clock.instant());
        }
        notifyRefund(refund);
    }

    public synchronized void reset() {
        rateLimited.set(0);
        delayedReplies.set(0);
        closeRefusals.set(0);
        replyDelay = Duration.ZERO;
        dropNotifications = false;
        failQueries = false;
        publicKeyMode = false;
        refuseCloseWithin = Duration.ZERO;
        clock = Clock.systemUTC();
        replyKey = WechatPayTestKeys.PLATFORM_PRIVATE_KEY;
        replySerial = null;
        refundSettlement = "SUCCESS";
        received.clear();
        deliveries.clear();
    }

    // ---- what happened ----

    public synchronized String tradeState(String outTradeNo) {
        Order order = books.orders.get(outTradeNo);
        return order == null ? null : order.tradeState;
    }

    /** Fen taken from the buyer for this out_trade_no (0 unless paid). */
    public synchronized long captured(String outTradeNo) {
        Order order = books.orders.get(outTradeNo);
        return order != null && order.paid() ? order.total : 0;
    }

    public synchronized long refunded(String outTradeNo) {
        return books.refundsOf(outTradeNo).stream().filter(r -> r.status.equals("SUCCESS")).mapToLong(r -> r.amount).sum();
    }

    public synchronized String refundStatus(String outRefundNo) {
        Refund refund = books.refunds.get(outRefundNo);
        return refund == null ? null : refund.status;
    }

    /** How many prepay calls this out_trade_no answered (a repeat answers the same order). */
    public synchronized int prepayAnswers(String outTradeNo) {
        Order order = books.orders.get(outTradeNo);
        return order == null ? 0 : order.prepayAnswers;
    }

    public synchronized int orderCount() { return books.orders.size(); }

    synchronized Order order(String outTradeNo) { return existing(outTradeNo); }

    public int closeRefusals() { return closeRefusals.get(); }

    public List<Received> received() { return List.copyOf(received); }

    public List<Delivery> deliveries() { return List.copyOf(deliveries); }

    // ---- for WechatPayApi ----

    Instant now() { return clock.instant(); }

    boolean queriesFail() { return failQueries; }

    boolean closeRefusedFor(Order order) {
        boolean refused = clock.instant().isBefore(order.createdAt.plus(refuseCloseWithin));
        if (refused) closeRefusals.incrementAndGet();
        return refused;
    }

    String refundSettlement() { return refundSettlement; }

    void notifyPayment(Order order) {
        if (order.notificationId == null) order.notificationId = "EV-" + WechatPaySigning.nonce(24);
        if (dropNotifications) return;
        WechatPayNotification notification = paymentNotification(order, Instant.now());
        background.submit(() -> deliveries.add(notifier.deliver(order.notifyUrl, notification)));
    }

    void notifyRefund(Refund refund) {
        if (dropNotifications || refund.notifyUrl == null) return;
        WechatPayNotification notification;
        synchronized (this) {
            notification = notification("EV-" + WechatPaySigning.nonce(24), "REFUND." + refund.status,
                    WechatPayBooks.refundResource(refund), Instant.now());
        }
        background.submit(() -> deliveries.add(notifier.deliver(refund.notifyUrl, notification)));
    }

    private WechatPayNotification paymentNotification(Order order, Instant signedAt) {
        if (order.notificationId == null) order.notificationId = "EV-" + WechatPaySigning.nonce(24);
        return notification(order.notificationId, "TRANSACTION.SUCCESS", WechatPayBooks.transaction(order), signedAt);
    }

    private Order existing(String outTradeNo) {
        Order order = books.orders.get(outTradeNo);
        if (order == null) throw new IllegalStateException("no order " + outTradeNo + " at the protocol server");
        return order;
    }

    private String serial() {
        return publicKeyMode ? WechatPayTestKeys.PUBLIC_KEY_ID : WechatPayTestKeys.PLATFORM_SERIAL;
    }

    // ---- HTTP ----

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean authorized = authorized(method, query == null ? path : path + "?" + query, body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
            received.add(new Received(method, path, exchange.getRequestHeaders().getFirst("User-Agent"), authorized));
            Reply reply;
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply = error(429, "FREQUENCY_LIMITED", "请求频率超限");
            } else if (!authorized) {
                reply = error(401, "SIGN_ERROR", "签名错误，请检查后再试");
            } else {
                reply = route(method, path, body);
            }
            if (delayedReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                Thread.sleep(replyDelay.toMillis()); // acted already: the reply is what gets lost
            }
            send(exchange, reply);
        } catch (IOException e) {
            // the client gave up (its read timeout): exactly what the delay fault is for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply route(String method, String path, String body) {
        Matcher matcher;
        if (method.equals("POST") && (matcher = PREPAY.matcher(path)).matches()) return api.prepay(matcher.group(1), json(body));
        if (method.equals("POST") && (matcher = CLOSE.matcher(path)).matches()) return api.close(matcher.group(1), json(body));
        if (method.equals("GET") && (matcher = ORDER.matcher(path)).matches()) return api.query(matcher.group(1));
        if (method.equals("POST") && path.equals("/v3/refund/domestic/refunds")) return api.refund(json(body));
        if (method.equals("GET") && (matcher = REFUND.matcher(path)).matches()) return api.queryRefund(matcher.group(1));
        return error(404, "NOT_FOUND", "请求的资源不存在");
    }

    /** WECHATPAY2-SHA256-RSA2048: our merchant, its certificate serial, fresh, and signed by its key. */
    private static boolean authorized(String method, String url, String body, String header) {
        Map<String, String> auth = WechatPaySigning.authorization(header);
        String timestamp = auth.get("timestamp");
        if (!WechatPayTestKeys.MCHID.equals(auth.get("mchid")) || !WechatPayTestKeys.MERCHANT_SERIAL.equalsIgnoreCase(auth.get("serial_no"))
                || timestamp == null || !timestamp.matches("\\d{1,12}") || auth.get("nonce_str") == null || auth.get("signature") == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        String message = method + "\n" + url + "\n" + timestamp + "\n" + auth.get("nonce_str") + "\n" + body + "\n";
        return WechatPaySigning.verify(WechatPayTestKeys.merchantPublicKey(), message, auth.get("signature"));
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        String body = reply.body() == null ? "" : reply.body();
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = WechatPaySigning.nonce(32);
        var headers = exchange.getResponseHeaders();
        if (!body.isEmpty()) headers.set("Content-Type", "application/json; charset=utf-8");
        headers.set("Request-ID", "08" + WechatPaySigning.digits(20));
        headers.set("Wechatpay-Timestamp", timestamp);
        headers.set("Wechatpay-Nonce", nonce);
        headers.set("Wechatpay-Serial", replySerial != null ? replySerial : serial());
        headers.set("Wechatpay-Signature", WechatPaySigning.sign(replyKey, timestamp + "\n" + nonce + "\n" + body + "\n"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    static Reply error(int status, String code, String message) {
        return new Reply(status, JSON.writeValueAsString(Map.of("code", code, "message", message)));
    }

    private static JsonNode json(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        background.shutdownNow();
    }
}
