package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.CreatePayment;
import io.payonce.support.GatewayTest;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alipay notifications through the adapter's parser: the SDK's rsaCheckV1 judges the signature,
 * our checks judge the rest. Variants are signed with Alipay's real key, so only our checks can
 * refuse them.
 */
@GatewayTest
class AlipayCallbackTest extends AlipayTestSupport {
    static final Map<String, String> FORM = Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8");

    String paymentNo;
    Map<String, String> genuine;

    @BeforeEach
    void aPaidPayment() {
        SERVER.dropNotifications(true); // the tests deliver the notifications themselves
        CreatePayment payment = new CreatePayment(newPaymentNo(), 1999, Currency.getInstance("CNY"), "蓝色 mug & cup", null,
                "http://127.0.0.1:1/unused", clock.instant().plus(Duration.ofHours(2)), Map.of("tradeType", "QR"));
        alipay().create(payment);
        SERVER.pay(payment.paymentNo());
        paymentNo = payment.paymentNo();
        genuine = SERVER.notifier.lastFields(paymentNo);
    }

    CallbackEvent parse(Map<String, String> fields, PrivateKey key) {
        return alipay().parseCallback(new CallbackRequest(FORM, AlipayWire.signedForm(fields, key)));
    }

    Map<String, String> with(String field, String value) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(genuine);
        fields.put(field, value);
        return fields;
    }

    String notifyTime(Duration fromNow) {
        return AlipayTime.format(clock.instant().plus(fromNow));
    }

    @Test
    void theGenuineNotificationIsAcceptedWithNotifyIdAsItsEventId() {
        assertThat(parse(genuine, ALIPAY_KEYS.getPrivate())).isInstanceOfSatisfying(CallbackEvent.PaymentReport.class, report -> {
            assertThat(report.eventId()).isEqualTo(genuine.get("notify_id"));
            assertThat(report.state().amountMinor()).isEqualTo(1999);
        });
    }

    @Test
    void aTamperedBodyFailsTheSdksSignatureCheck() {
        String body = AlipayWire.signedForm(genuine, ALIPAY_KEYS.getPrivate());
        String cheaper = body.replace("total_amount=19.99", "total_amount=0.01");
        String renamed = body.replace("subject=" + java.net.URLEncoder.encode(genuine.get("subject"), java.nio.charset.StandardCharsets.UTF_8),
                "subject=other");

        assertThat(cheaper).isNotEqualTo(body);
        assertThat(renamed).isNotEqualTo(body);
        assertThat(alipay().parseCallback(new CallbackRequest(FORM, cheaper)))
                .isEqualTo(new CallbackEvent.Rejected("signature does not verify with Alipay's public key"));
        assertThat(alipay().parseCallback(new CallbackRequest(FORM, renamed)))
                .isEqualTo(new CallbackEvent.Rejected("signature does not verify with Alipay's public key"));
    }

    @Test
    void aNotificationSignedWithAnotherKeyOrCheckedWithTheWrongAlipayKeyIsRefused() {
        AlipayChannel wrongAlipayKey = adapterWith(AlipayWire.base64(MERCHANT_KEYS.getPrivate()), AlipayWire.base64(OTHER_KEYS.getPublic()));

        assertThat(parse(genuine, OTHER_KEYS.getPrivate())).isInstanceOf(CallbackEvent.Rejected.class);
        assertThat(wrongAlipayKey.parseCallback(new CallbackRequest(FORM, AlipayWire.signedForm(genuine, ALIPAY_KEYS.getPrivate()))))
                .isEqualTo(new CallbackEvent.Rejected("signature does not verify with Alipay's public key"));
    }

    @Test
    void notifyTimeMustBeWithinTheRetryWindowAndNotFromTheFuture() {
        assertThat(parse(with("notify_time", notifyTime(Duration.ofHours(-25))), ALIPAY_KEYS.getPrivate()))
                .as("Alipay's last retry comes about 25 h after the first").isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(parse(with("notify_time", notifyTime(Duration.ofHours(-27))), ALIPAY_KEYS.getPrivate()))
                .isInstanceOfSatisfying(CallbackEvent.Rejected.class, r -> assertThat(r.reason()).contains("is stale"));
        assertThat(parse(with("notify_time", notifyTime(Duration.ofMinutes(1))), ALIPAY_KEYS.getPrivate()))
                .as("within the clock skew").isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(parse(with("notify_time", notifyTime(Duration.ofMinutes(10))), ALIPAY_KEYS.getPrivate()))
                .isInstanceOfSatisfying(CallbackEvent.Rejected.class, r -> assertThat(r.reason()).contains("is in the future"));
        assertThat(parse(with("notify_time", "yesterday"), ALIPAY_KEYS.getPrivate()))
                .isEqualTo(new CallbackEvent.Rejected("notify_time missing or unreadable: yesterday"));
    }

    @Test
    void appIdAmountAndOutTradeNoMustBeWhatWeSent() {
        assertThat(parse(with("app_id", "2021999999999999"), ALIPAY_KEYS.getPrivate()))
                .isEqualTo(new CallbackEvent.Rejected("app_id 2021999999999999 is not ours"));
        assertThat(parse(with("total_amount", "19.98"), ALIPAY_KEYS.getPrivate()))
                .isEqualTo(new CallbackEvent.Rejected("total_amount 19.98 is not the 19.99 we sent"));
        assertThat(parse(with("total_amount", "19.990"), ALIPAY_KEYS.getPrivate()))
                .as("an exact conversion: 19.990 is 1999 fen").isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(parse(with("total_amount", "19.991"), ALIPAY_KEYS.getPrivate()))
                .isEqualTo(new CallbackEvent.Rejected("total_amount missing or not an exact CNY amount: 19.991"));
        assertThat(parse(with("out_trade_no", "pNeverSent"), ALIPAY_KEYS.getPrivate()))
                .isEqualTo(new CallbackEvent.Rejected("out_trade_no pNeverSent was not sent to Alipay by this gateway"));
    }

    @Test
    void onlyRsa2UnambiguousFormsAreAccepted() {
        String body = AlipayWire.signedForm(genuine, ALIPAY_KEYS.getPrivate());

        assertThat(parse(with("sign_type", "RSA"), ALIPAY_KEYS.getPrivate())).isEqualTo(new CallbackEvent.Rejected("sign_type must be RSA2, not RSA"));
        assertThat(alipay().parseCallback(new CallbackRequest(FORM, body + "&total_amount=0.01")))
                .isEqualTo(new CallbackEvent.Rejected("body is not a form: field total_amount appears twice"));
        assertThat(alipay().parseCallback(new CallbackRequest(FORM, body + "&x=%E4%B8")))
                .isEqualTo(new CallbackEvent.Rejected("body is not a form: a value that is not UTF-8"));
        assertThat(alipay().parseCallback(new CallbackRequest(FORM, ""))).isEqualTo(new CallbackEvent.Rejected("body is not a form: empty body"));
        assertThat(alipay().parseCallback(new CallbackRequest(FORM, body.replaceAll("&sign=[^&]*", ""))))
                .isEqualTo(new CallbackEvent.Rejected("unsigned: no sign"));
    }
}
