package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import io.payonce.support.CallbackReceiver;
import io.payonce.support.GatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Alipay adapter as the gateway uses it (through the guarded registry), driving the official
 * SDK over HTTP against the local protocol server: create (page and QR), the buyer pays, the
 * notification, query, close, refund and refund query.
 */
@GatewayTest
class AlipayChannelTest extends AlipayTestSupport {
    static final Currency CNY = Currency.getInstance("CNY");
    static final Duration NOTIFY_WAIT = Duration.ofSeconds(5);

    CallbackReceiver receiver;

    @BeforeEach
    void receiver() {
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    CreatePayment payment(long amountMinor, String tradeType) {
        return new CreatePayment(newPaymentNo(), amountMinor, CNY, "蓝色马克杯 Blue mug", "http://shop.example/return",
                receiver.url(), clock.instant().plus(Duration.ofHours(2)), tradeType == null ? Map.of() : Map.of("tradeType", tradeType));
    }

    @Test
    void pagePayOpensASignedCashierPageAndThePaymentIsReportedByQueryAndBySignedNotification() {
        CreatePayment payment = payment(1999, "PAGE");

        CreateResult created = alipay().create(payment);
        PaymentState beforeLogin = alipay().query(payment.paymentNo());
        HttpResponse<String> cashier = open(created.action().fields().get("url"));
        HttpResponse<String> paid = pressPay(payment.paymentNo());
        PaymentState state = alipay().query(payment.paymentNo());
        CallbackRequest notification = receiver.next(NOTIFY_WAIT);

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(created.action().type()).isEqualTo("redirect");
        assertThat(created.action().fields().get("url")).startsWith(SERVER.gatewayUrl() + "?").contains("method=alipay.trade.page.pay");
        assertThat(beforeLogin.notFound()).as("page pay makes no trade until the buyer logs in or scans").isTrue();
        assertThat(cashier.statusCode()).as("the protocol server verified the URL's signature").isEqualTo(200);
        assertThat(cashier.body()).contains(payment.paymentNo()).contains("19.99").contains("蓝色马克杯");
        assertThat(paid.statusCode()).isEqualTo(200);
        AlipayServerLedger.Trade trade = SERVER.trade(payment.paymentNo()).orElseThrow();
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(state.amountMinor()).isEqualTo(1999);
        assertThat(state.currency()).isEqualTo(CNY);
        assertThat(state.channelTxnId()).isEqualTo(trade.tradeNo);
        assertThat(state.paidAt()).isEqualTo(AlipayTime.toSeconds(trade.paidAt));
        assertThat(notification.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(alipay().parseCallback(notification)).isInstanceOfSatisfying(CallbackEvent.PaymentReport.class, report -> {
            assertThat(report.eventId()).isEqualTo(AlipayWire.parseForm(notification.body()).get("notify_id"));
            assertThat(report.paymentNo()).isEqualTo(payment.paymentNo());
            assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
            assertThat(report.state().amountMinor()).isEqualTo(1999);
            assertThat(report.state().channelTxnId()).isEqualTo(trade.tradeNo);
        });
        assertThat(alipay().callbackReply(true, null).body()).isEqualTo("success");
        assertThat(alipay().callbackReply(false, "bad signature").body()).isEqualTo("fail");
    }

    @Test
    void qrPrecreateReturnsTheCodeAndTheTradeExistsOnceTheBuyerScans() {
        CreatePayment payment = payment(880, "QR");

        CreateResult created = alipay().create(payment);
        PaymentState beforeScan = alipay().query(payment.paymentNo());
        HttpResponse<String> scanned = open(created.action().fields().get("code"));
        SERVER.scan(payment.paymentNo());
        PaymentState waiting = alipay().query(payment.paymentNo());
        SERVER.pay(payment.paymentNo());
        PaymentState state = alipay().query(payment.paymentNo());

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(created.action().type()).isEqualTo("qr");
        assertThat(created.action().fields().get("code")).startsWith(SERVER.baseUrl() + "/qr/");
        assertThat(scanned.body()).contains(payment.paymentNo()).contains("8.80");
        assertThat(beforeScan.notFound()).isTrue();
        assertThat(waiting.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(waiting.notFound()).isFalse();
        assertThat(waiting.channelTxnId()).isEqualTo(SERVER.trade(payment.paymentNo()).orElseThrow().tradeNo);
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(state.amountMinor()).isEqualTo(880);
        assertThat(alipay().parseCallback(receiver.next(NOTIFY_WAIT))).isInstanceOf(CallbackEvent.PaymentReport.class);
    }

    @Test
    void theProductComesFromChannelOptionsOrConfigurationAndOnlyCnyIsTaken() {
        CreateResult byDefault = alipay().create(payment(100, null));
        CreateResult unknownType = alipay().create(payment(100, "JSAPI"));
        CreatePayment dollars = new CreatePayment(newPaymentNo(), 100, Currency.getInstance("USD"), "mug", null,
                receiver.url(), clock.instant().plus(Duration.ofHours(1)));

        assertThat(byDefault.action().type()).as("payonce.alipay.default-product is PAGE by default").isEqualTo("redirect");
        assertThat(unknownType.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(unknownType.detail()).isEqualTo("channelOptions.tradeType: must be PAGE or QR, not JSAPI");
        assertThat(alipay().supports(CNY)).isTrue();
        assertThat(alipay().supports(Currency.getInstance("USD"))).isFalse();
        assertThat(alipay().create(dollars).outcome()).isEqualTo(ChannelOutcome.FAILED);
    }

    @Test
    void closeBeforeTheBuyerScansIsRefusedForNowBecauseTheBuyerCanStillPayTheCode() {
        CreatePayment payment = payment(1500, "QR");
        alipay().create(payment);

        CloseResult close = alipay().close(payment.paymentNo());
        SERVER.pay(payment.paymentNo()); // the buyer scans the old code after the close
        PaymentState late = alipay().query(payment.paymentNo());

        assertThat(close.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(close.detail()).startsWith("refused for now: not created yet, buyer may still scan until ");
        assertThat(late.outcome()).as("\"not exist\" was no proof of closure").isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void onceTheTimeExpireWeSentHasPassedNotExistIsFinal() {
        CreatePayment payment = new CreatePayment(newPaymentNo(), 1500, CNY, "mug", null, receiver.url(),
                clock.instant().plus(Duration.ofMinutes(1)), Map.of("tradeType", "QR"));
        alipay().create(payment);
        CloseResult early = alipay().close(payment.paymentNo());

        clock.advance(Duration.ofMinutes(1).plus(Duration.ofMinutes(2)).plusSeconds(2)); // time_expire + clock skew
        CloseResult late = alipay().close(payment.paymentNo());

        assertThat(early.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(late.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(late.detail()).startsWith("never created at Alipay, and its time_expire");
        assertThatThrownBy(() -> SERVER.scan(payment.paymentNo())).hasMessageContaining("expired");
    }

    @Test
    void closeOfAScannedUnpaidTradeSucceedsAndQuerySaysClosedNeverPaid() {
        CreatePayment payment = payment(1200, "QR");
        alipay().create(payment);
        SERVER.scan(payment.paymentNo());

        CloseResult close = alipay().close(payment.paymentNo());
        PaymentState state = alipay().query(payment.paymentNo());

        assertThat(close.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(state.closed()).isTrue();
        assertThat(state.detail()).isEqualTo("closed at Alipay, never paid");
        assertThatThrownBy(() -> SERVER.pay(payment.paymentNo())).hasMessageContaining("TRADE_CLOSED");
    }

    @Test
    void closeAfterPaymentIsRefusedAsPaidSoTheCoreQueriesAndFindsTheSuccess() {
        CreatePayment payment = payment(1200, "QR");
        alipay().create(payment);
        SERVER.pay(payment.paymentNo());

        CloseResult close = alipay().close(payment.paymentNo());

        assertThat(close.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(close.detail()).contains("ACQ.TRADE_STATUS_ERROR");
        assertThat(alipay().query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void partialAndFullRefundsAreIdempotentOnTheRefundNoAndNeverExceedTheCapture() {
        CreatePayment payment = payment(1000, "QR");
        alipay().create(payment);
        SERVER.pay(payment.paymentNo());
        String tradeNo = SERVER.trade(payment.paymentNo()).orElseThrow().tradeNo;
        String first = "r" + payment.paymentNo() + "a";
        String rest = "r" + payment.paymentNo() + "b";

        RefundState partial = alipay().refund(new CreateRefund(first, payment.paymentNo(), tradeNo, 300, 1000, CNY, "chipped"));
        PaymentState afterPartial = alipay().query(payment.paymentNo());
        RefundState full = alipay().refund(new CreateRefund(rest, payment.paymentNo(), tradeNo, 700, 1000, CNY, "returned"));
        RefundState repeated = alipay().refund(new CreateRefund(first, payment.paymentNo(), tradeNo, 300, 1000, CNY, "chipped"));
        RefundState tooMuch = alipay().refund(new CreateRefund(rest + "c", payment.paymentNo(), tradeNo, 1, 1000, CNY, "more"));
        PaymentState afterFull = alipay().query(payment.paymentNo());

        assertThat(partial.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(partial.channelRefundId()).isEqualTo(tradeNo);
        assertThat(afterPartial.outcome()).as("a partial refund leaves TRADE_SUCCESS").isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(full.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(repeated.outcome()).as("fund_change=N, then the refund query finds it").isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(tooMuch.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(tooMuch.detail()).contains("ACQ.REASON_TRADE_REFUND_FEE_ERR");
        assertThat(SERVER.trade(payment.paymentNo()).orElseThrow().refunded()).isEqualByComparingTo("10.00");
        assertThat(afterFull.outcome()).as("TRADE_CLOSED after a full refund: no money held").isEqualTo(ChannelOutcome.FAILED);
        assertThat(afterFull.detail()).startsWith("closed at Alipay after a full refund of a payment made at ");
        assertThat(alipay().queryRefund(first, payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        RefundState unknownRefund = alipay().queryRefund("r-never-sent", payment.paymentNo());
        assertThat(unknownRefund.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(unknownRefund.detail()).isEqualTo("refund not found at Alipay");
    }

    @Test
    void aRefundNotificationIsReportedAsARefund() {
        SERVER.notificationRetries(List.of());
        CreatePayment payment = payment(1000, "QR");
        alipay().create(payment);
        SERVER.pay(payment.paymentNo());
        receiver.next(NOTIFY_WAIT);
        String refundNo = "r" + payment.paymentNo();

        alipay().refund(new CreateRefund(refundNo, payment.paymentNo(), null, 400, 1000, CNY, "chipped"));
        CallbackEvent event = alipay().parseCallback(receiver.next(NOTIFY_WAIT));

        assertThat(event).isInstanceOfSatisfying(CallbackEvent.RefundReport.class, report -> {
            assertThat(report.refundNo()).isEqualTo(refundNo);
            assertThat(report.paymentNo()).isEqualTo(payment.paymentNo());
        });
    }
}
