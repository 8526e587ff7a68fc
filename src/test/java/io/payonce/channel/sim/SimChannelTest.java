package io.payonce.channel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.Channels;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentChannel;
import io.payonce.channel.PaymentState;
import io.payonce.shared.Hmac;
import io.payonce.support.CallbackReceiver;
import io.payonce.support.GatewayTest;
import io.payonce.support.SimulatorClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** The sim channel as the gateway uses it (through the guarded registry), against the simulator over HTTP. */
@GatewayTest
class SimChannelTest {
    static final Currency EUR = Currency.getInstance("EUR");
    static final Duration CALLBACK_WAIT = Duration.ofSeconds(5);

    @LocalServerPort int port;
    @Autowired Channels channels;
    @Autowired SimProperties properties;
    @Autowired JsonMapper json;
    PaymentChannel sim;
    SimulatorClient control;
    CallbackReceiver receiver;

    @BeforeEach
    void setUp() {
        sim = channels.get("sim");
        control = new SimulatorClient("http://localhost:" + port);
        control.resetFaults();
        receiver = new CallbackReceiver();
    }

    @AfterEach
    void tearDown() {
        control.resetFaults();
        receiver.close();
    }

    CreatePayment newPayment(long amountMinor) {
        String paymentNo = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return new CreatePayment(paymentNo, amountMinor, EUR, "Blue mug", "http://shop.example/return",
                receiver.url(), Instant.now().plus(Duration.ofHours(2)));
    }

    SimCallbackParser parser(String secret) {
        return new SimCallbackParser(new SimProperties("", "k", secret, null, null, Duration.ofMinutes(5)), json, Clock.systemUTC());
    }

    @Test
    void aPaidPaymentIsReportedByQueryAndByASignedCallbackThatVerifies() {
        CreatePayment payment = newPayment(1999);
        CreateResult created = sim.create(payment);
        control.pay(payment.paymentNo());

        PaymentState state = sim.query(payment.paymentNo());
        CallbackRequest callback = receiver.next(CALLBACK_WAIT);

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(created.action().type()).isEqualTo("redirect");
        assertThat(created.action().fields().get("url")).endsWith("/sim/checkout/" + created.channelTxnId());
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(state.amountMinor()).isEqualTo(1999);
        assertThat(state.currency()).isEqualTo(EUR);
        assertThat(state.paidAt()).isNotNull();
        assertThat(callback).isNotNull();
        CallbackEvent event = sim.parseCallback(callback);
        assertThat(event).isInstanceOfSatisfying(CallbackEvent.PaymentReport.class, report -> {
            assertThat(report.paymentNo()).isEqualTo(payment.paymentNo());
            assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
            assertThat(report.state().amountMinor()).isEqualTo(1999);
            assertThat(report.state().channelTxnId()).isEqualTo(created.channelTxnId());
        });
        assertThat(sim.callbackReply(true, null).httpStatus()).isEqualTo(200);
        assertThat(sim.callbackReply(false, "bad signature").httpStatus()).isEqualTo(400);
    }

    @Test
    void aTamperedUnsignedStaleOrFutureCallbackIsRejected() {
        CreatePayment payment = newPayment(700);
        sim.create(payment);
        control.pay(payment.paymentNo());
        CallbackRequest genuine = receiver.next(CALLBACK_WAIT);
        String body = genuine.body();
        String secret = properties.webhookSecret();
        long now = Instant.now().getEpochSecond();

        CallbackRequest tampered = new CallbackRequest(genuine.headers(), body.replace("700", "7"));
        CallbackRequest unsigned = new CallbackRequest(Map.of(), body);
        CallbackRequest stale = signed(body, secret, now - 600);
        CallbackRequest future = signed(body, secret, now + 600);

        assertThat(sim.parseCallback(genuine)).isInstanceOf(CallbackEvent.PaymentReport.class);
        assertThat(sim.parseCallback(tampered)).isInstanceOf(CallbackEvent.Rejected.class);
        assertThat(sim.parseCallback(unsigned)).isInstanceOf(CallbackEvent.Rejected.class);
        assertThat(parser("another-secret").parse(genuine)).isInstanceOf(CallbackEvent.Rejected.class);
        assertThat(sim.parseCallback(stale)).isEqualTo(new CallbackEvent.Rejected("signature timestamp is stale"));
        assertThat(sim.parseCallback(future)).isEqualTo(new CallbackEvent.Rejected("signature timestamp is in the future"));
        assertThat(sim.parseCallback(signed(body, secret, now))).isInstanceOf(CallbackEvent.PaymentReport.class);
    }

    @Test
    void aDroppedCallbackNeverArrivesButTheQueryStillFindsThePayment() {
        control.faults(Map.of("callbackDropRate", 1));
        CreatePayment payment = newPayment(1200);
        sim.create(payment);
        control.pay(payment.paymentNo());

        assertThat(receiver.next(Duration.ofSeconds(2))).isNull();
        assertThat(sim.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void aDuplicatedCallbackArrivesTwiceWithTheSameEventId() {
        control.faults(Map.of("callbackDuplicateRate", 1));
        CreatePayment payment = newPayment(1300);
        sim.create(payment);
        control.fail(payment.paymentNo());

        CallbackEvent first = sim.parseCallback(receiver.next(CALLBACK_WAIT));
        CallbackEvent second = sim.parseCallback(receiver.next(CALLBACK_WAIT));

        assertThat(first).isInstanceOf(CallbackEvent.PaymentReport.class).isEqualTo(second);
        assertThat(((CallbackEvent.PaymentReport) first).state().outcome()).isEqualTo(ChannelOutcome.FAILED);
    }

    @Test
    void aRefusedCallbackIsSentAgainWithTheSameEventId() {
        receiver.answerWith(500);
        CreatePayment payment = newPayment(1400);
        sim.create(payment);
        control.pay(payment.paymentNo());

        CallbackRequest refused = receiver.next(CALLBACK_WAIT);
        receiver.answerWith(200);
        CallbackRequest retried = receiver.next(CALLBACK_WAIT);

        assertThat(retried).isNotNull();
        assertThat(sim.parseCallback(retried)).isEqualTo(sim.parseCallback(refused));
    }

    @Test
    void closeIsRefusedWhileTooEarlyAndSucceedsLater() {
        control.faults(Map.of("closeBlockedForMs", 1500));
        CreatePayment payment = newPayment(900);
        sim.create(payment);

        CloseResult early = sim.close(payment.paymentNo());

        assertThat(early.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(early.detail()).contains("too_early");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                .until(() -> sim.close(payment.paymentNo()).outcome() == ChannelOutcome.SUCCEEDED);
        PaymentState state = sim.query(payment.paymentNo());
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(state.closed()).isTrue();
    }

    @Test
    void closingAPaidPaymentFailsAndClosingAnUnknownOneSucceeds() {
        CreatePayment payment = newPayment(900);
        sim.create(payment);
        control.pay(payment.paymentNo());

        assertThat(sim.close(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(sim.close("never-created-" + UUID.randomUUID()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void aLostCreateReplyIsUnknownButTheQueryFindsThePayment() {
        control.faults(Map.of("responseLostRate", 1));
        CreatePayment payment = newPayment(1500);

        CreateResult created = sim.create(payment);
        control.resetFaults();
        PaymentState state = sim.query(payment.paymentNo());

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(state.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(state.notFound()).isFalse();
        assertThat(state.channelTxnId()).isNotBlank();
    }

    @Test
    void queryErrorsAreUnknownAndAPaymentNeverCreatedIsMissing() {
        CreatePayment payment = newPayment(1600);
        sim.create(payment);
        control.faults(Map.of("queryErrorRate", 1));

        PaymentState failing = sim.query(payment.paymentNo());
        control.resetFaults();

        assertThat(failing.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(sim.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.PENDING);
        PaymentState missing = sim.query("never-created-" + UUID.randomUUID());
        assertThat(missing.notFound()).isTrue();
    }

    @Test
    void aRateLimitedQueryIsUnknownNeverFailedAndTheNextQueryFindsThePayment() {
        CreatePayment payment = newPayment(1650);
        sim.create(payment);
        control.pay(payment.paymentNo());
        control.faults(Map.of("queryRateLimitRate", 1));

        PaymentState limited = sim.query(payment.paymentNo());
        control.resetFaults();

        assertThat(limited.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(limited.detail()).contains("429", "rate_limited");
        assertThat(sim.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void aCallbackHeldBackAsLateArrivesOnlyAfterItsDelay() {
        control.faults(Map.of("callbackLateRate", 1, "callbackLateMs", 2500));
        CreatePayment payment = newPayment(1750);
        sim.create(payment);
        control.pay(payment.paymentNo());

        assertThat(receiver.next(Duration.ofMillis(1500))).as("held back").isNull();
        CallbackRequest late = receiver.next(CALLBACK_WAIT);
        assertThat(late).isNotNull();
        assertThat(sim.parseCallback(late)).isInstanceOf(CallbackEvent.PaymentReport.class);
    }

    @Test
    void jitteredCallbacksArriveInAnotherOrderThanTheirEvents() throws InterruptedException {
        // Fixed seed: the simulator's draws, and so the order of arrival, are the same every run.
        control.faults(Map.of("callbackJitterMs", 4000, "seed", 7));
        java.util.List<String> paid = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CreatePayment payment = newPayment(1800 + i);
            sim.create(payment);
            control.pay(payment.paymentNo());
            paid.add(payment.paymentNo());
            Thread.sleep(300); // without jitter, 300 ms apart is further than the sender's 200 ms poll: in order
        }
        java.util.List<String> arrived = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CallbackEvent event = sim.parseCallback(receiver.next(Duration.ofSeconds(8)));
            arrived.add(((CallbackEvent.PaymentReport) event).paymentNo());
        }

        assertThat(arrived).containsExactlyInAnyOrderElementsOf(paid).isNotEqualTo(paid);
    }

    @Test
    void aCreateErrorIsUnknownAndNothingIsCreated() {
        control.faults(Map.of("createErrorRate", 1));
        CreatePayment payment = newPayment(1700);

        assertThat(sim.create(payment).outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        control.resetFaults();
        assertThat(sim.query(payment.paymentNo()).notFound()).isTrue();
    }

    @Test
    void refundsUpToTheCapturedAmountSucceedAndMoreIsRefused() {
        CreatePayment payment = newPayment(1000);
        CreateResult created = sim.create(payment);
        control.pay(payment.paymentNo());
        receiver.next(CALLBACK_WAIT);
        String refundNo = "r" + payment.paymentNo();

        var refunded = sim.refund(new CreateRefund(refundNo, payment.paymentNo(), created.channelTxnId(), 800, 1000, EUR, "broken"));
        var tooMuch = sim.refund(new CreateRefund(refundNo + "b", payment.paymentNo(), created.channelTxnId(), 300, 1000, EUR, "more"));
        CallbackEvent refundCallback = sim.parseCallback(receiver.next(CALLBACK_WAIT));

        assertThat(refunded.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(tooMuch.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(tooMuch.detail()).contains("refund_exceeds_captured");
        assertThat(sim.queryRefund(refundNo, payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(sim.queryRefund(refundNo + "b", payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(refundCallback).isInstanceOfSatisfying(CallbackEvent.RefundReport.class,
                report -> assertThat(report.refundNo()).isEqualTo(refundNo));
        assertThat(control.ledgerLine(payment.paymentNo()).path("refundedAmount").asLong()).isEqualTo(800);
    }

    private static CallbackRequest signed(String body, String secret, long unixSeconds) {
        return new CallbackRequest(Map.of("sim-signature",
                "t=" + unixSeconds + ",v1=" + Hmac.sha256Hex(secret, unixSeconds + "." + body)), body);
    }
}
