package io.payonce.channel.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrong keys, rate limits and lost replies: never FAILED where WeChat Pay may have acted; the query decides. */
class WechatPayFaultsTest extends WechatPayAdapterTestSupport {

    @Test
    void a_reply_signed_with_another_key_or_an_unknown_serial_is_refused_by_the_sdk_and_is_unknown() {
        CreatePayment payment = payment(700);
        SERVER.signRepliesWith(WechatPayTestKeys.IMPOSTOR_PRIVATE_KEY, null);

        CreateResult created = wechat.create(payment);
        PaymentState forgedQuery = wechat.query(payment.paymentNo());
        SERVER.signRepliesWith(null, "1A2B3C4D5E6F");
        PaymentState unknownSerial = wechat.query(payment.paymentNo());
        SERVER.signRepliesWith(null, null);
        PaymentState genuine = wechat.query(payment.paymentNo());

        assertThat(created.outcome()).as("WeChat Pay acted, but its reply is not trusted").isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(created.detail()).isEqualTo("reply signature not verified by the WeChat Pay SDK");
        assertThat(forgedQuery.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(unknownSerial.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(genuine.outcome()).as("the order exists; a verified query decides").isEqualTo(ChannelOutcome.PENDING);
        assertThat(genuine.notFound()).isFalse();
    }

    @Test
    void a_request_signed_with_a_key_that_is_not_the_merchants_is_refused_401_and_nothing_is_created() {
        WechatPayProperties wrongKey = new WechatPayProperties(WechatPayTestKeys.MCHID, WechatPayTestKeys.APPID,
                WechatPayTestKeys.MERCHANT_SERIAL, WechatPayTestKeys.resource("impostor-private-key.pem"), null,
                WechatPayTestKeys.PLATFORM_CERTIFICATE_PEM, null, null, null, null, WechatPayTestKeys.API_V3_KEY,
                SERVER.baseUrl(), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3), null, null);
        CreatePayment payment = payment(700);
        int ordersBefore = SERVER.orderCount();

        CreateResult created = channel(wrongKey).create(payment);

        assertThat(created.outcome()).as("a definite refusal: nothing was created").isEqualTo(ChannelOutcome.FAILED);
        assertThat(created.detail()).isEqualTo("HTTP 401 SIGN_ERROR: 签名错误，请检查后再试");
        assertThat(SERVER.orderCount()).isEqualTo(ordersBefore);
        assertThat(SERVER.received()).singleElement().satisfies(request -> assertThat(request.authorized()).isFalse());
    }

    @Test
    void frequency_limited_is_unknown_for_every_call() {
        CreatePayment payment = payment(500);
        SERVER.rateLimitNext(5);

        CreateResult created = wechat.create(payment);
        PaymentState queried = wechat.query(payment.paymentNo());
        var closed = wechat.close(payment.paymentNo());
        RefundState refunded = wechat.refund(new CreateRefund("r" + newPaymentNo(), payment.paymentNo(), null, 500, 500, CNY, null));
        RefundState refundQueried = wechat.queryRefund("r" + newPaymentNo(), payment.paymentNo());

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(created.detail()).isEqualTo("HTTP 429 FREQUENCY_LIMITED: 请求频率超限");
        assertThat(queried.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(closed.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(refunded.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(refundQueried.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
    }

    @Test
    void a_create_whose_reply_is_lost_is_unknown_the_query_finds_the_order_and_a_retry_makes_no_second_one() {
        CreatePayment payment = payment(2500);
        int ordersBefore = SERVER.orderCount();
        SERVER.delayAfterActing(1, Duration.ofMillis(2500));

        CreateResult lost = wechat.create(payment);
        PaymentState found = wechat.query(payment.paymentNo());
        CreateResult retried = wechat.create(payment);
        CreateResult retriedAgain = wechat.create(payment);

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(lost.detail()).startsWith("no answer");
        assertThat(found.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(found.notFound()).as("WeChat Pay did act").isFalse();
        assertThat(retried.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(retriedAgain.action()).as("the same prepay, the same QR code").isEqualTo(retried.action());
        assertThat(SERVER.orderCount()).isEqualTo(ordersBefore + 1);
        assertThat(SERVER.prepayAnswers(payment.paymentNo())).isEqualTo(3);
    }

    @Test
    void a_retried_create_after_the_buyer_paid_or_with_other_parameters_is_unknown_and_the_query_decides() {
        CreatePayment payment = payment(900);
        wechat.create(payment);
        CreatePayment otherAmount = new CreatePayment(payment.paymentNo(), 901, CNY, payment.subject(), payment.returnUrl(),
                payment.notifyUrl(), payment.expireAt(), payment.channelOptions());

        CreateResult conflicting = wechat.create(otherAmount);
        SERVER.pay(payment.paymentNo());
        CreateResult afterPaying = wechat.create(payment);

        assertThat(conflicting.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(conflicting.detail()).contains("OUT_TRADE_NO_USED");
        assertThat(afterPaying.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(afterPaying.detail()).contains("ORDERPAID");
        assertThat(wechat.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(SERVER.captured(payment.paymentNo())).isEqualTo(900);
    }

    @Test
    void a_refund_whose_reply_is_lost_is_unknown_and_asking_again_is_the_same_refund() {
        CreatePayment payment = payment(1200);
        wechat.create(payment);
        SERVER.pay(payment.paymentNo());
        CreateRefund refund = new CreateRefund("r" + newPaymentNo(), payment.paymentNo(), null, 1200, 1200, CNY, "duplicate");
        SERVER.delayAfterActing(1, Duration.ofMillis(2500));

        RefundState lost = wechat.refund(refund);
        RefundState again = wechat.refund(refund);

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(again.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(SERVER.refunded(payment.paymentNo())).isEqualTo(1200);
    }

    @Test
    void a_query_answered_with_a_server_error_is_unknown() {
        CreatePayment payment = payment(100);
        wechat.create(payment);
        SERVER.failQueries(true);

        PaymentState state = wechat.query(payment.paymentNo());

        assertThat(state.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(state.detail()).isEqualTo("HTTP 500 SYSTEM_ERROR: 系统错误");
    }
}
