package io.payonce.channel.wechatpay;

import io.payonce.channel.CallbackRequest;
import io.payonce.channel.CreatePayment;
import io.payonce.support.CallbackReceiver;
import io.payonce.support.GatewayTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adapter-level tests: the real SDK, over okhttp, against the protocol server. A gateway runs too
 * (configured for the same server), for its PostgreSQL-backed nonce table and its registry; the
 * adapter under test is built here so that its callbacks come to a local receiver.
 */
@GatewayTest
abstract class WechatPayAdapterTestSupport {
    static final WechatPayProtocolServer SERVER = WechatPayProtocolServer.shared();
    static final Currency CNY = Currency.getInstance("CNY");
    static final Duration CALLBACK_WAIT = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void wechatpay(DynamicPropertyRegistry registry) {
        WechatPayTestKeys.gatewayProperties(SERVER.baseUrl()).forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired NotificationNonces nonces;
    @Autowired JsonMapper json;

    CallbackReceiver receiver;
    WechatPayChannel wechat;

    @BeforeEach
    void startReceiverAndChannel() {
        SERVER.reset();
        receiver = new CallbackReceiver();
        wechat = channel(WechatPayTestKeys.certificateProperties(SERVER.baseUrl(), WechatPayTestKeys.PLATFORM_CERTIFICATE_PEM));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
        SERVER.reset();
    }

    WechatPayChannel channel(WechatPayProperties properties) {
        return new WechatPayChannel(properties, WechatPaySdk.build(properties), receiver::url, nonces, json, Clock.systemUTC());
    }

    CreatePayment payment(long fen, Map<String, String> options) {
        return new CreatePayment(newPaymentNo(), fen, CNY, "Oolong tea", "https://shop.example/return?order=1",
                receiver.url(), Instant.now().plus(Duration.ofHours(2)), options);
    }

    CreatePayment payment(long fen) {
        return payment(fen, Map.of());
    }

    static String newPaymentNo() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** The next notification the protocol server delivered to the receiver. */
    CallbackRequest nextNotification() {
        CallbackRequest callback = receiver.next(CALLBACK_WAIT);
        if (callback == null) throw new AssertionError("no notification within " + CALLBACK_WAIT);
        return callback;
    }
}
