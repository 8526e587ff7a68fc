package io.payonce.channel.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.CreatePayment;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications: the SDK judges signature and decryption; we add freshness both ways, a durable
 * nonce replay check, and our merchant, app and currency. Each wrong notification is refused with its reason.
 */
class WechatPayNotificationTest extends WechatPayAdapterTestSupport {
    @Autowired NonceCleanupJob cleanup;
    CreatePayment payment;

    @BeforeEach
    void aPaidOrderWhoseNotificationsAreKeptHere() {
        SERVER.dropNotifications(true);
        payment = payment(1999);
        wechat.create(payment);
        SERVER.pay(payment.paymentNo());
    }

    @Test
    void a_genuine_notification_is_accepted_once_and_its_exact_replay_is_refused() {
        CallbackRequest genuine = SERVER.paymentNotification(payment.paymentNo(), Instant.now()).asCallback();

        CallbackEvent first = wechat.parseCallback(genuine);
        CallbackEvent replay = wechat.parseCallback(genuine);

        assertThat(first).isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(replay).isEqualTo(new CallbackEvent.Rejected("replayed: Wechatpay-Nonce already seen for this serial"));
    }

    @Test
    void a_redelivery_with_the_same_id_and_a_fresh_nonce_is_accepted_with_the_same_event_id_for_the_inbox_to_deduplicate() {
        CallbackEvent first = wechat.parseCallback(SERVER.paymentNotification(payment.paymentNo(), Instant.now()).asCallback());
        CallbackEvent redelivered = wechat.parseCallback(SERVER.paymentNotification(payment.paymentNo(), Instant.now()).asCallback());

        assertThat(first).isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(redelivered).isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(((CallbackEvent.PaymentReport) redelivered).eventId()).isEqualTo(((CallbackEvent.PaymentReport) first).eventId());
    }

    @Test
    void a_tampered_body_is_refused_by_the_sdks_signature_check() {
        WechatPayNotification genuine = SERVER.paymentNotification(payment.paymentNo(), Instant.now());

        CallbackEvent event = wechat.parseCallback(genuine.withBody(genuine.body().replace("支付成功", "支付失败")).asCallback());

        assertThat(event).isEqualTo(rejectedSignature(WechatPayTestKeys.PLATFORM_SERIAL));
    }

    @Test
    void a_notification_signed_with_another_key_or_serial_is_refused() {
        String plaintext = WechatPayBooks.transaction(order());

        CallbackEvent impostor = wechat.parseCallback(SERVER.notificationSignedWith(WechatPayTestKeys.IMPOSTOR_PRIVATE_KEY,
                WechatPayTestKeys.PLATFORM_SERIAL, "TRANSACTION.SUCCESS", plaintext).asCallback());
        CallbackEvent unknownSerial = wechat.parseCallback(SERVER.notificationSignedWith(WechatPayTestKeys.PLATFORM_PRIVATE_KEY,
                "0BADC0FFEE", "TRANSACTION.SUCCESS", plaintext).asCallback());
        CallbackEvent unsigned = wechat.parseCallback(SERVER.paymentNotification(payment.paymentNo(), Instant.now())
                .withHeader("Wechatpay-Signature", Base64.getEncoder().encodeToString(new byte[256])).asCallback());

        assertThat(impostor).isEqualTo(rejectedSignature(WechatPayTestKeys.PLATFORM_SERIAL));
        assertThat(unknownSerial).isEqualTo(rejectedSignature("0BADC0FFEE"));
        assertThat(unsigned).isEqualTo(rejectedSignature(WechatPayTestKeys.PLATFORM_SERIAL));
    }

    @Test
    void a_stale_or_future_timestamp_is_refused_although_the_signature_is_good() {
        Instant now = Instant.now();

        CallbackEvent stale = wechat.parseCallback(SERVER.paymentNotification(payment.paymentNo(), now.minus(Duration.ofMinutes(6))).asCallback());
        CallbackEvent future = wechat.parseCallback(SERVER.paymentNotification(payment.paymentNo(), now.plus(Duration.ofMinutes(6))).asCallback());
        CallbackEvent withinTolerance = wechat.parseCallback(SERVER.paymentNotification(payment.paymentNo(), now.minus(Duration.ofMinutes(4))).asCallback());

        assertThat(stale).isEqualTo(new CallbackEvent.Rejected("Wechatpay-Timestamp is stale"));
        assertThat(future).isEqualTo(new CallbackEvent.Rejected("Wechatpay-Timestamp is in the future"));
        assertThat(withinTolerance).isInstanceOf(CallbackEvent.PaymentReport.class);
    }

    @Test
    void another_merchant_another_app_or_another_currency_is_refused() {
        String ours = WechatPayBooks.transaction(order());

        CallbackEvent otherMerchant = parse(ours.replace("\"mchid\":\"" + WechatPayTestKeys.MCHID + "\"", "\"mchid\":\"1230000109\""));
        CallbackEvent otherApp = parse(ours.replace("\"appid\":\"" + WechatPayTestKeys.APPID + "\"", "\"appid\":\"wx0000000000000000\""));
        CallbackEvent otherCurrency = parse(ours.replace("\"currency\":\"CNY\"", "\"currency\":\"USD\""));
        CallbackEvent noAmount = parse(ours.replaceAll("\"amount\":\\{[^}]*}", "\"amount\":{}"));

        assertThat(otherMerchant).isEqualTo(new CallbackEvent.Rejected("mchid 1230000109 is not ours"));
        assertThat(otherApp).isEqualTo(new CallbackEvent.Rejected("appid wx0000000000000000 is not ours"));
        assertThat(otherCurrency).isEqualTo(new CallbackEvent.Rejected("currency USD is not CNY"));
        assertThat(noAmount).isEqualTo(new CallbackEvent.Rejected("paid reply without transaction_id, amount.total or amount.currency"));
    }

    @Test
    void a_resource_encrypted_with_another_api_v3_key_or_missing_headers_are_refused() {
        WechatPayNotification genuine = SERVER.paymentNotification(payment.paymentNo(), Instant.now());
        String otherCiphertext = WechatPaySigning.encrypt("AnotherMerchantsApiV3Key00000000", "transaction", "abcdefghijkl",
                WechatPayBooks.transaction(order()));
        String body = genuine.body().replaceAll("\"ciphertext\":\"[^\"]*\"", "\"ciphertext\":\"" + otherCiphertext + "\"")
                .replaceAll("\"nonce\":\"[^\"]*\"", "\"nonce\":\"abcdefghijkl\"");

        CallbackEvent otherKey = wechat.parseCallback(resign(body).asCallback());
        CallbackEvent noNonce = wechat.parseCallback(genuine.withHeader("Wechatpay-Nonce", "").asCallback());

        assertThat(otherKey).isEqualTo(new CallbackEvent.Rejected("resource could not be decrypted with the APIv3 key"));
        assertThat(noNonce)
                .isEqualTo(new CallbackEvent.Rejected("missing or malformed Wechatpay-Timestamp, -Nonce, -Signature or -Serial header"));
    }

    @Test
    void seen_nonces_are_forgotten_after_the_retention_by_the_cleanup_job() {
        Instant now = Instant.now();
        String old = "old-" + WechatPaySigning.nonce(20);
        String fresh = "fresh-" + WechatPaySigning.nonce(20);
        nonces.firstSeen(WechatPayTestKeys.PLATFORM_SERIAL, old, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(2)));
        nonces.firstSeen(WechatPayTestKeys.PLATFORM_SERIAL, fresh, now, now);

        cleanup.run("all", 0);

        assertThat(nonces.firstSeen(WechatPayTestKeys.PLATFORM_SERIAL, old, now, now)).as("forgotten").isTrue();
        assertThat(nonces.firstSeen(WechatPayTestKeys.PLATFORM_SERIAL, fresh, now, now)).as("still remembered").isFalse();
    }

    private WechatPayNotification resign(String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = WechatPaySigning.nonce(32);
        return new WechatPayNotification("x", java.util.Map.of("Wechatpay-Timestamp", timestamp, "Wechatpay-Nonce", nonce,
                "Wechatpay-Serial", WechatPayTestKeys.PLATFORM_SERIAL, "Wechatpay-Signature",
                WechatPaySigning.sign(WechatPayTestKeys.PLATFORM_PRIVATE_KEY, timestamp + "\n" + nonce + "\n" + body + "\n")), body);
    }

    private CallbackEvent parse(String plaintext) {
        return wechat.parseCallback(SERVER.notification("EV-" + WechatPaySigning.nonce(20), "TRANSACTION.SUCCESS", plaintext,
                Instant.now()).asCallback());
    }

    private WechatPayBooks.Order order() {
        return SERVER.order(payment.paymentNo());
    }

    private static CallbackEvent rejectedSignature(String serial) {
        return new CallbackEvent.Rejected("signature not verified by the WeChat Pay SDK (Wechatpay-Serial " + serial + ")");
    }
}
