package io.payonce.channel.wechatpay;

import io.payonce.channel.wechatpay.WechatPayProtocolServer.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds notifications as WeChat Pay does (resource encrypted with AES-256-GCM under the APIv3 key,
 * body signed over "timestamp\nnonce\nbody\n" with the platform key) and posts them.
 */
final class WechatPayNotifier {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param id notification id (the same on every delivery of one event)
     * @param eventType e.g. TRANSACTION.SUCCESS or REFUND.SUCCESS
     * @param plaintext the resource before encryption
     */
    WechatPayNotification build(String id, String eventType, String plaintext, Instant signedAt, PrivateKey key, String serial) {
        String originalType = eventType.startsWith("REFUND.") ? "refund" : "transaction";
        String resourceNonce = WechatPaySigning.nonce(12);
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("create_time", WechatPayBooks.time(signedAt));
        body.put("resource_type", "encrypt-resource");
        body.put("event_type", eventType);
        body.put("summary", originalType.equals("refund") ? "退款成功" : "支付成功");
        ObjectNode resource = body.putObject("resource");
        resource.put("original_type", originalType);
        resource.put("algorithm", "AEAD_AES_256_GCM");
        resource.put("ciphertext", WechatPaySigning.encrypt(WechatPayTestKeys.API_V3_KEY, originalType, resourceNonce, plaintext));
        resource.put("associated_data", originalType);
        resource.put("nonce", resourceNonce);
        String raw = JSON.writeValueAsString(body);
        String timestamp = String.valueOf(signedAt.getEpochSecond());
        String nonce = WechatPaySigning.nonce(32);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Serial", serial);
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        headers.put("Wechatpay-Signature", WechatPaySigning.sign(key, timestamp + "\n" + nonce + "\n" + raw + "\n"));
        return new WechatPayNotification(id, headers, raw);
    }

    Delivery deliver(String url, WechatPayNotification notification) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notification.body(), StandardCharsets.UTF_8));
        notification.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Delivery(notification.id(), url, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Delivery(notification.id(), url, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(notification.id(), url, 0, "interrupted");
        }
    }
}
