package io.payonce.channel.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.Channels;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentChannel;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import io.payonce.shared.ShiftableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole lifecycle through the real SDK: create (Native, JSAPI, H5), buyer pays, notification, query, close, refund. */
class WechatPayChannelTest extends WechatPayAdapterTestSupport {
    @Autowired Channels channels;

    @Test
    void a_native_payment_is_created_paid_notified_queried_refused_close_refunded_and_its_refund_queried() {
        CreatePayment payment = payment(1999);

        CreateResult created = wechat.create(payment);
        PaymentState beforePaying = wechat.query(payment.paymentNo());
        String transactionId = SERVER.pay(payment.paymentNo());
        CallbackEvent notified = wechat.parseCallback(nextNotification());
        PaymentState paid = wechat.query(payment.paymentNo());
        CloseResult close = wechat.close(payment.paymentNo());

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(created.action().type()).isEqualTo("qr");
        assertThat(created.action().fields().get("code")).startsWith("weixin://wxpay/bizpayurl?pr=");
        assertThat(beforePaying.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(notified).isInstanceOfSatisfying(CallbackEvent.PaymentReport.class, report -> {
            assertThat(report.eventId()).startsWith("EV-");
            assertThat(report.paymentNo()).isEqualTo(payment.paymentNo());
            assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
            assertThat(report.state().amountMinor()).isEqualTo(1999);
            assertThat(report.state().currency()).isEqualTo(CNY);
            assertThat(report.state().channelTxnId()).isEqualTo(transactionId);
        });
        assertThat(paid.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(paid.amountMinor()).isEqualTo(1999);
        assertThat(paid.currency()).isEqualTo(CNY);
        assertThat(paid.channelTxnId()).isEqualTo(transactionId);
        assertThat(paid.paidAt()).isNotNull();
        assertThat(close.outcome()).as("a paid order cannot be closed").isEqualTo(ChannelOutcome.FAILED);
        assertThat(close.detail()).contains("ORDERPAID");

        CreateRefund refund = new CreateRefund("r" + newPaymentNo(), payment.paymentNo(), transactionId, 500, 1999, CNY, "broken cup");
        RefundState requested = wechat.refund(refund);
        CallbackEvent refundNotified = wechat.parseCallback(nextNotification());
        RefundState again = wechat.refund(refund);
        RefundState queried = wechat.queryRefund(refund.refundNo(), payment.paymentNo());

        assertThat(requested.outcome()).as("WeChat Pay answers PROCESSING first").isEqualTo(ChannelOutcome.PENDING);
        assertThat(refundNotified).isInstanceOfSatisfying(CallbackEvent.RefundReport.class, report -> {
            assertThat(report.refundNo()).isEqualTo(refund.refundNo());
            assertThat(report.paymentNo()).isEqualTo(payment.paymentNo());
            assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        });
        assertThat(again.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(queried.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(queried.channelRefundId()).isEqualTo(requested.channelRefundId());
        assertThat(SERVER.refunded(payment.paymentNo())).as("asking twice is one refund").isEqualTo(500);
        assertThat(wechat.query(payment.paymentNo()).outcome()).as("REFUND: it was paid").isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void jsapi_gives_the_js_bridge_its_parameters_signed_with_the_merchant_key() {
        CreatePayment payment = payment(880, Map.of("tradeType", "JSAPI", "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));

        CreateResult created = wechat.create(payment);

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(created.action().type()).isEqualTo("sdk");
        Map<String, String> bridge = created.action().fields();
        assertThat(bridge).containsKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign");
        assertThat(bridge.get("appId")).isEqualTo(WechatPayTestKeys.APPID);
        assertThat(bridge.get("package")).startsWith("prepay_id=wx");
        assertThat(bridge.get("signType")).isEqualTo("RSA");
        String message = bridge.get("appId") + "\n" + bridge.get("timeStamp") + "\n" + bridge.get("nonceStr") + "\n" + bridge.get("package") + "\n";
        assertThat(WechatPaySigning.verify(WechatPayTestKeys.merchantPublicKey(), message, bridge.get("paySign"))).isTrue();
        SERVER.pay(payment.paymentNo());
        assertThat(wechat.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void h5_sends_the_buyer_to_h5_url_and_back_to_the_return_page() {
        CreatePayment payment = payment(300, Map.of("tradeType", "H5", "payerClientIp", "203.0.113.7"));

        CreateResult created = wechat.create(payment);

        assertThat(created.action().type()).isEqualTo("redirect");
        assertThat(created.action().fields().get("url")).startsWith("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=")
                .endsWith("&redirect_url=" + URLEncoder.encode(payment.returnUrl(), StandardCharsets.UTF_8));
    }

    @Test
    void options_currency_and_amount_are_checked_before_any_call() {
        assertThat(wechat.checkOptions(Map.of())).isEmpty();
        assertThat(wechat.checkOptions(Map.of("tradeType", "APP"))).hasValue("tradeType must be NATIVE, JSAPI or H5");
        assertThat(wechat.checkOptions(Map.of("tradeType", "JSAPI"))).get().asString().contains("openid");
        assertThat(wechat.checkOptions(Map.of("tradeType", "H5", "payerClientIp", "not an ip"))).get().asString().contains("payerClientIp");
        assertThat(wechat.checkOptions(Map.of("openid", "o1"))).hasValue("openid is only used with tradeType JSAPI");
        assertThat(wechat.checkOptions(Map.of("color", "red"))).get().asString().contains("unknown option color");
        assertThat(wechat.supports(CNY)).isTrue();
        assertThat(wechat.supports(Currency.getInstance("USD"))).isFalse();
        int ordersBefore = SERVER.orderCount();

        CreateResult badOptions = wechat.create(payment(100, Map.of("tradeType", "JSAPI")));
        CreateResult tooMuch = wechat.create(payment(Integer.MAX_VALUE + 1L));

        assertThat(badOptions.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(tooMuch.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(SERVER.orderCount()).as("nothing was sent").isEqualTo(ordersBefore);
    }

    @Test
    void close_is_refused_within_the_window_after_creation_then_closes_and_the_query_says_closed() {
        ShiftableClock clock = new ShiftableClock();
        SERVER.useClock(clock);
        SERVER.refuseCloseWithin(Duration.ofMinutes(5));
        CreatePayment payment = payment(450);
        wechat.create(payment);

        CloseResult early = wechat.close(payment.paymentNo());
        clock.advance(Duration.ofMinutes(5));
        CloseResult later = wechat.close(payment.paymentNo());
        PaymentState closed = wechat.query(payment.paymentNo());

        assertThat(early.outcome()).as("refused for now").isEqualTo(ChannelOutcome.FAILED);
        assertThat(early.detail()).startsWith("refused for now").contains("RULE_LIMIT");
        assertThat(later.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(closed.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(closed.closed()).isTrue();
    }

    @Test
    void an_order_wechat_never_saw_is_missing_and_closing_it_succeeds() {
        String paymentNo = newPaymentNo();

        PaymentState state = wechat.query(paymentNo);
        CloseResult close = wechat.close(paymentNo);

        assertThat(state.notFound()).isTrue();
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(close.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(close.detail()).isEqualTo("never created");
    }

    @Test
    void a_failed_payment_is_failed_not_closed() {
        CreatePayment payment = payment(120);
        wechat.create(payment);
        SERVER.failPayment(payment.paymentNo());

        PaymentState state = wechat.query(payment.paymentNo());

        assertThat(state.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(state.closed()).isFalse();
    }

    @Test
    void refunds_processing_abnormal_closed_too_much_and_unknown_are_mapped() {
        CreatePayment payment = payment(1000);
        wechat.create(payment);
        SERVER.pay(payment.paymentNo());
        SERVER.refundsEndAs("PROCESSING");
        CreateRefund first = new CreateRefund("r" + newPaymentNo(), payment.paymentNo(), null, 400, 1000, CNY, null);
        CreateRefund second = new CreateRefund("r" + newPaymentNo(), payment.paymentNo(), null, 400, 1000, CNY, null);
        CreateRefund tooMuch = new CreateRefund("r" + newPaymentNo(), payment.paymentNo(), null, 300, 1000, CNY, null);

        assertThat(wechat.refund(first).outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(wechat.refund(second).outcome()).isEqualTo(ChannelOutcome.PENDING);
        SERVER.settleRefund(first.refundNo(), "ABNORMAL");
        SERVER.settleRefund(second.refundNo(), "CLOSED");
        RefundState abnormal = wechat.queryRefund(first.refundNo(), payment.paymentNo());
        RefundState closed = wechat.queryRefund(second.refundNo(), payment.paymentNo());
        RefundState refused = wechat.refund(tooMuch);
        RefundState unknownRefund = wechat.queryRefund("r" + newPaymentNo(), payment.paymentNo());

        assertThat(abnormal.outcome()).as("ABNORMAL is not a success, and not given up").isEqualTo(ChannelOutcome.PENDING);
        assertThat(abnormal.detail()).contains("ABNORMAL");
        assertThat(closed.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(refused.outcome()).as("more than was paid").isEqualTo(ChannelOutcome.FAILED);
        assertThat(refused.detail()).contains("INVALID_REQUEST");
        assertThat(unknownRefund.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(unknownRefund.detail()).contains("not found");
    }

    @Test
    void public_key_mode_verifies_replies_and_notifications_with_the_wechat_pay_public_key() {
        SERVER.usePublicKeyId(true);
        WechatPayChannel publicKeyChannel = channel(WechatPayTestKeys.publicKeyProperties(SERVER.baseUrl()));
        CreatePayment payment = payment(666);

        CreateResult created = publicKeyChannel.create(payment);
        SERVER.pay(payment.paymentNo());
        CallbackEvent notified = publicKeyChannel.parseCallback(nextNotification());

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(notified).isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(publicKeyChannel.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(wechat.query(payment.paymentNo()).outcome())
                .as("a certificate-mode client does not know the public key id").isEqualTo(ChannelOutcome.UNKNOWN);
    }

    @Test
    void with_certificates_and_public_key_both_configured_either_serial_verifies_while_wechat_pay_switches() {
        WechatPayChannel both = channel(new WechatPayProperties(WechatPayTestKeys.MCHID, WechatPayTestKeys.APPID,
                WechatPayTestKeys.MERCHANT_SERIAL, WechatPayTestKeys.MERCHANT_PRIVATE_KEY_PEM, null,
                WechatPayTestKeys.PLATFORM_CERTIFICATE_PEM, null, WechatPayTestKeys.PLATFORM_PUBLIC_KEY_PEM, null,
                WechatPayTestKeys.PUBLIC_KEY_ID, WechatPayTestKeys.API_V3_KEY, SERVER.baseUrl(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3), null, null));
        CreatePayment payment = payment(321);

        CreateResult byCertificate = both.create(payment);
        SERVER.usePublicKeyId(true);
        PaymentState byPublicKey = both.query(payment.paymentNo());
        SERVER.pay(payment.paymentNo());
        CallbackEvent notified = both.parseCallback(nextNotification());

        assertThat(byCertificate.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(byPublicKey.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(notified).isInstanceOf(CallbackEvent.PaymentReport.class);
    }

    @Test
    void okhttp_4_is_the_sdks_transport_and_every_request_carries_a_valid_merchant_signature() {
        CreatePayment payment = payment(100);
        wechat.create(payment);
        wechat.query(payment.paymentNo());
        wechat.close(payment.paymentNo());

        assertThat(okhttp3.OkHttp.VERSION).isEqualTo("4.12.0");
        assertThat(SERVER.received()).hasSize(3).allSatisfy(request -> {
            assertThat(request.userAgent()).startsWith("WechatPay-Java/").contains("okhttp3/");
            assertThat(request.authorized()).isTrue();
        });
    }

    @Test
    void the_gateway_offers_the_channel_through_its_guarded_registry() {
        PaymentChannel registered = channels.get("wechatpay");
        CreatePayment payment = payment(200);

        CreateResult created = registered.create(payment);

        assertThat(channels.offered()).contains("wechatpay");
        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(registered.supports(Currency.getInstance("EUR"))).isFalse();
        assertThat(registered.checkOptions(Map.of("tradeType", "JSAPI"))).isPresent();
        assertThat(wechat.callbackReply(true, null).httpStatus()).isEqualTo(204);
        assertThat(wechat.callbackReply(false, "stale").body()).isEqualTo("{\"code\":\"FAIL\",\"message\":\"stale\"}");
    }
}
