package io.payonce.channel.alipay;

import io.payonce.channel.Channels;
import io.payonce.channel.PaymentChannel;
import io.payonce.shared.ShiftableClock;
import io.payonce.support.GatewayTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway configured for Alipay against one local protocol server (shared by the Alipay test
 * classes, which share this context). The server keeps the gateway's time, so moving the
 * gateway's clock moves Alipay's too, as in the real world.
 */
@GatewayTest
abstract class AlipayTestSupport {
    static final String APP_ID = "2021000000000001";
    static final KeyPair MERCHANT_KEYS = AlipayWire.newRsaKeys();
    static final KeyPair ALIPAY_KEYS = AlipayWire.newRsaKeys();
    static final KeyPair OTHER_KEYS = AlipayWire.newRsaKeys();
    static final AlipayProtocolServer SERVER = AlipayProtocolServer.start(APP_ID, MERCHANT_KEYS.getPublic(), ALIPAY_KEYS.getPrivate());
    static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @DynamicPropertySource
    static void alipay(DynamicPropertyRegistry registry) {
        registry.add("payonce.alipay.app-id", () -> APP_ID);
        registry.add("payonce.alipay.private-key", () -> AlipayWire.base64(MERCHANT_KEYS.getPrivate()));
        registry.add("payonce.alipay.alipay-public-key", () -> AlipayWire.base64(ALIPAY_KEYS.getPublic()));
        registry.add("payonce.alipay.server-url", SERVER::gatewayUrl);
        registry.add("payonce.alipay.read-timeout", () -> "1s");
    }

    @LocalServerPort int port;
    @Autowired ShiftableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired Channels channels;

    @BeforeEach
    void serverKeepsOurTime() {
        SERVER.reset();
        SERVER.useClock(clock::instant);
    }

    @AfterEach
    void resetServer() {
        SERVER.reset();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    PaymentChannel alipay() {
        return channels.get("alipay");
    }

    /** An adapter like the gateway's, but with other keys (the wrong-key cases). */
    AlipayChannel adapterWith(String merchantPrivateKey, String alipayPublicKey) {
        AlipayProperties properties = new AlipayProperties(APP_ID, merchantPrivateKey, null, alipayPublicKey, null,
                SERVER.gatewayUrl(), null, null, Duration.ofSeconds(1), null, null, null, null);
        return new AlipayChannel(properties, jdbc, clock, json);
    }

    static String newPaymentNo() {
        return "p" + Long.toString(System.nanoTime(), 36) + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /** A buyer's browser: GET a page. */
    static HttpResponse<String> open(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** The buyer presses "pay" on the cashier page. */
    static HttpResponse<String> pressPay(String outTradeNo) {
        return postForm(SERVER.baseUrl() + "/cashier/pay", AlipayWire.encodeForm(Map.of("out_trade_no", outTradeNo)));
    }

    static HttpResponse<String> postForm(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return BROWSER.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
