package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import io.payonce.support.GatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What goes wrong between us and Alipay: wrong keys on either side, an answer changed in transit,
 * rate limits, and replies lost after Alipay acted. The SDK's own verification is the judge of
 * every signature; every such case ends UNKNOWN (or a definite refusal) and a later query decides.
 */
@GatewayTest
@ExtendWith(OutputCaptureExtension.class)
class AlipayFaultsTest extends AlipayTestSupport {
    static final Currency CNY = Currency.getInstance("CNY");
    static final Duration AFTER_READ_TIMEOUT = Duration.ofMillis(1600); // the test read timeout is 1 s

    CreatePayment qr(long amountMinor) {
        return new CreatePayment(newPaymentNo(), amountMinor, CNY, "mug", null, null,
                clock.instant().plus(Duration.ofHours(2)), Map.of("tradeType", "QR"));
    }

    CreatePayment paid(long amountMinor) {
        CreatePayment payment = qr(amountMinor);
        alipay().create(payment);
        SERVER.pay(payment.paymentNo());
        return payment;
    }

    @Test
    void withTheWrongAlipayPublicKeyTheSdkRefusesAlipaysAnswersAndNothingIsDecided() {
        CreatePayment payment = paid(1999);
        AlipayChannel wrongAlipayKey = adapterWith(AlipayWire.base64(MERCHANT_KEYS.getPrivate()), AlipayWire.base64(OTHER_KEYS.getPublic()));

        PaymentState state = wrongAlipayKey.query(payment.paymentNo());
        CloseResult close = wrongAlipayKey.close(payment.paymentNo());

        assertThat(state.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(state.detail()).contains("sign check fail");
        assertThat(close.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(alipay().query(payment.paymentNo()).outcome()).as("the right key reads the same answer").isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void anAnswerChangedAfterAlipaySignedItIsRefusedByTheSdk() {
        CreatePayment payment = paid(1999);
        SERVER.tamperNextAnswer();

        PaymentState tampered = alipay().query(payment.paymentNo());

        assertThat(tampered.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(tampered.detail()).contains("sign check fail");
        assertThat(alipay().query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void withTheWrongMerchantKeyAlipayRefusesTheSignatureAndCreatesNothing() {
        AlipayChannel wrongMerchantKey = adapterWith(AlipayWire.base64(OTHER_KEYS.getPrivate()), AlipayWire.base64(ALIPAY_KEYS.getPublic()));
        CreatePayment qr = qr(500);
        CreatePayment page = new CreatePayment(newPaymentNo(), 500, CNY, "mug", null, null,
                clock.instant().plus(Duration.ofHours(1)), Map.of("tradeType", "PAGE"));

        CreateResult refused = wrongMerchantKey.create(qr);
        PaymentState query = wrongMerchantKey.query(qr.paymentNo());
        HttpResponse<String> pageOpened = open(wrongMerchantKey.create(page).action().fields().get("url"));

        assertThat(refused.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(refused.detail()).isEqualTo("precreate refused: code 40002 isv.invalid-signature: 请求被拒绝");
        assertThat(SERVER.trade(qr.paymentNo())).isEmpty();
        assertThat(query.outcome()).as("a refused query says nothing about the trade").isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(pageOpened.statusCode()).isEqualTo(400);
        assertThat(pageOpened.body()).contains("isv.invalid-signature");
        assertThat(SERVER.trade(page.paymentNo())).isEmpty();
    }

    @Test
    void aRateLimitIsUnknownNeverFailed() {
        CreatePayment payment = paid(700);

        SERVER.rateLimit(AlipayProtocolServer.RateLimit.HTTP_429);
        PaymentState http429 = alipay().query(payment.paymentNo());
        CreateResult createDuring429 = alipay().create(qr(700));
        SERVER.rateLimit(AlipayProtocolServer.RateLimit.BUSY);
        PaymentState busy = alipay().query(payment.paymentNo());
        CloseResult closeWhileBusy = alipay().close(payment.paymentNo());
        RefundState refundWhileBusy = alipay().refund(new CreateRefund("r" + payment.paymentNo(), payment.paymentNo(), null, 700, 700, CNY, "x"));
        SERVER.rateLimit(AlipayProtocolServer.RateLimit.NONE);

        assertThat(http429.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(http429.detail()).contains("429");
        assertThat(createDuring429.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(busy.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(busy.detail()).contains("20000 aop.ACQ.SYSTEM_ERROR");
        assertThat(closeWhileBusy.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(refundWhileBusy.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(SERVER.trade(payment.paymentNo()).orElseThrow().refunds).isEmpty();
        assertThat(alipay().query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void aCreateWhoseReplyIsLostIsUnknownAndItsRetryWithTheSameOutTradeNoMakesNoSecondTrade() {
        CreatePayment payment = qr(2300);
        SERVER.delayAfterActing(AFTER_READ_TIMEOUT);

        CreateResult lost = alipay().create(payment);
        SERVER.delayAfterActing(Duration.ZERO);
        CreateResult retried = alipay().create(payment);
        SERVER.pay(payment.paymentNo());
        PaymentState state = alipay().query(payment.paymentNo());

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(retried.outcome()).isEqualTo(ChannelOutcome.PENDING);
        AlipayServerLedger.Trade trade = SERVER.trade(payment.paymentNo()).orElseThrow();
        assertThat(trade.orderRequests).as("both precreates reached Alipay").isEqualTo(2);
        assertThat(retried.action().fields().get("code")).endsWith("/qr/" + trade.qrToken);
        assertThat(SERVER.ledger.all().stream().filter(t -> t.outTradeNo.equals(payment.paymentNo()))).hasSize(1);
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(state.amountMinor()).isEqualTo(2300);
    }

    @Test
    void aCloseWhoseReplyIsLostIsUnknownAndTheQueryFindsItClosed() {
        CreatePayment payment = qr(900);
        alipay().create(payment);
        SERVER.scan(payment.paymentNo());
        SERVER.delayAfterActing(AFTER_READ_TIMEOUT);

        CloseResult lost = alipay().close(payment.paymentNo());
        SERVER.delayAfterActing(Duration.ZERO);
        PaymentState state = alipay().query(payment.paymentNo());

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(state.closed()).isTrue();
    }

    @Test
    void aRefundWhoseReplyIsLostIsUnknownAndSendingItAgainRefundsOnce() {
        CreatePayment payment = paid(1000);
        CreateRefund refund = new CreateRefund("r" + payment.paymentNo(), payment.paymentNo(), null, 1000, 1000, CNY, "returned");
        SERVER.delayAfterActing(AFTER_READ_TIMEOUT);

        RefundState lost = alipay().refund(refund);
        SERVER.delayAfterActing(Duration.ZERO);
        RefundState again = alipay().refund(refund);

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(again.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(again.detail()).as("fund_change=N: confirmed by the refund query").startsWith("refunded 10.00");
        AlipayServerLedger.Trade trade = SERVER.trade(payment.paymentNo()).orElseThrow();
        assertThat(trade.refunds).hasSize(1);
        assertThat(trade.refunded()).isEqualByComparingTo("10.00");
    }

    @Test
    void failuresLeaveNoKeyAndNoSignatureInTheLogs(CapturedOutput output) {
        CreatePayment payment = paid(600);
        AlipayChannel wrongMerchantKey = adapterWith(AlipayWire.base64(OTHER_KEYS.getPrivate()), AlipayWire.base64(ALIPAY_KEYS.getPublic()));
        AlipayChannel wrongAlipayKey = adapterWith(AlipayWire.base64(MERCHANT_KEYS.getPrivate()), AlipayWire.base64(OTHER_KEYS.getPublic()));

        wrongMerchantKey.create(qr(600));
        wrongAlipayKey.query(payment.paymentNo());
        SERVER.rateLimit(AlipayProtocolServer.RateLimit.HTTP_429);
        alipay().query(payment.paymentNo());

        String merchantKey = AlipayWire.base64(MERCHANT_KEYS.getPrivate());
        assertThat(output.getAll()).doesNotContain(merchantKey.substring(100, 160))
                .doesNotContain(AlipayWire.base64(OTHER_KEYS.getPrivate()).substring(100, 160))
                .doesNotContain("sign=").doesNotContain("\"sign\"");
    }
}
