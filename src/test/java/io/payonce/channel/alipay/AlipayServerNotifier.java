package io.payonce.channel.alipay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Alipay's async notifications: a form POST to notify_url, signed with Alipay's private key (RSA2
 * over every non-empty field but sign and sign_type, sorted), sent again with the same notify_id
 * until the answer is exactly "success". Records every delivery for the tests; can drop them all.
 */
final class AlipayServerNotifier {
    record Delivery(String outTradeNo, String notifyId, String body, int status, String reply, boolean dropped) {}

    private final String appId;
    private final PrivateKey alipayKey;
    private final Supplier<Instant> now;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> lastSent = new ConcurrentHashMap<>();
    volatile boolean drop;
    /** Alipay's own schedule is 4m,10m,10m,1h,2h,6h,15h; tests use a short one. */
    static final List<Duration> TEST_RETRIES = List.of(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofSeconds(1));
    volatile List<Duration> retryDelays = TEST_RETRIES;

    AlipayServerNotifier(String appId, PrivateKey alipayKey, Supplier<Instant> now) {
        this.appId = appId;
        this.alipayKey = alipayKey;
        this.now = now;
    }

    /** The fields Alipay sends for a trade now; with a refund request number for a refund notification. */
    Map<String, String> fields(AlipayServerLedger.Trade trade, String outRequestNo) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("gmt_create", AlipayTime.format(trade.createdAt));
        fields.put("charset", "utf-8");
        fields.put("seller_email", "shop@example.cn");
        fields.put("subject", trade.subject);
        fields.put("buyer_id", "2088102177846880");
        fields.put("invoice_amount", trade.total.toPlainString());
        fields.put("notify_id", HexFormat.of().formatHex(randomBytes()));
        fields.put("fund_bill_list", "[{\"amount\":\"" + trade.total.toPlainString() + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        fields.put("notify_type", "trade_status_sync");
        fields.put("trade_status", trade.status);
        fields.put("receipt_amount", trade.total.toPlainString());
        fields.put("app_id", appId);
        fields.put("buyer_pay_amount", trade.total.toPlainString());
        fields.put("sign_type", "RSA2");
        fields.put("seller_id", "2088101106499364");
        fields.put("gmt_payment", trade.paidAt == null ? "" : AlipayTime.format(trade.paidAt));
        fields.put("notify_time", AlipayTime.format(now.get()));
        fields.put("version", "1.0");
        fields.put("out_trade_no", trade.outTradeNo);
        fields.put("total_amount", trade.total.toPlainString());
        fields.put("trade_no", trade.tradeNo);
        fields.put("auth_app_id", appId);
        fields.put("buyer_logon_id", "159****5620");
        fields.put("point_amount", "0.00");
        if (outRequestNo != null) {
            fields.put("out_biz_no", outRequestNo);
            fields.put("refund_fee", trade.refunded().toPlainString());
            fields.put("gmt_refund", AlipayTime.format(now.get()) + ".000");
        }
        return fields;
    }

    void send(AlipayServerLedger.Trade trade, String outRequestNo) {
        Map<String, String> fields = fields(trade, outRequestNo);
        lastSent.put(trade.outTradeNo, fields);
        String body = AlipayWire.signedForm(fields, alipayKey);
        if (drop || trade.notifyUrl == null || trade.notifyUrl.isBlank()) {
            deliveries.add(new Delivery(trade.outTradeNo, fields.get("notify_id"), body, 0, null, true));
            return;
        }
        Thread.ofVirtual().start(() -> deliver(trade.outTradeNo, fields.get("notify_id"), trade.notifyUrl, body));
    }

    /** The fields of the last notification made for this trade, for tests that forge variants of it. */
    Map<String, String> lastFields(String outTradeNo) {
        return new LinkedHashMap<>(lastSent.get(outTradeNo));
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void deliver(String outTradeNo, String notifyId, String url, String body) {
        for (int attempt = 0; attempt <= retryDelays.size(); attempt++) {
            int status = 0;
            String reply = null;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                reply = response.body();
            } catch (Exception e) {
                reply = e.getClass().getSimpleName();
            }
            deliveries.add(new Delivery(outTradeNo, notifyId, body, status, reply, false));
            if ("success".equals(reply == null ? null : reply.strip())) return;
            if (attempt < retryDelays.size()) sleep(retryDelays.get(attempt));
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
