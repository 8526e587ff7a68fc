package io.payonce.channel.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.IdempotencyException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import io.payonce.channel.CallbackEvent;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.ChannelProperties;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What goes wrong between us and Stripe: wrong key, rate limit, replies lost after Stripe acted, keys expired. */
class StripeFaultsTest extends StripeTestSupport {
    @Autowired ChannelProperties channelProperties;

    @Test
    void aWrongApiKeyIsRefusedBy401SoCreateFailsAndNothingElseIsDecided() {
        StripeChannel wrongKey = adapter("sk_test_51NotTheRightKey00000000000abcd", Duration.ofSeconds(2), Clock.systemUTC());
        CreatePayment payment = newPayment(1500, EUR);
        stripe.create(payment);

        CreateResult create = wrongKey.create(newPayment(1500, EUR));
        PaymentState query = wrongKey.query(payment.paymentNo());

        assertThat(create.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(create.detail()).startsWith("HTTP 401").contains("Invalid API Key provided: sk_test_****abcd")
                .doesNotContain("sk_test_51NotTheRightKey00000000000abcd");
        assertThat(query.outcome()).as("401 says nothing about the payment").isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(wrongKey.close(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
    }

    @Test
    void aCreateStripeRefusesIsFailedWithStripesCodeAndLeavesNoPaymentIntent() {
        CreatePayment payment = newPayment(20, EUR);
        STRIPE.refuse(400, "invalid_request_error", "amount_too_small", "Amount must be at least €0.50 eur");

        CreateResult refused = stripe.create(payment);
        STRIPE.refuse(0, null, null, null);

        assertThat(refused.outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(refused.detail()).isEqualTo("HTTP 400 invalid_request_error/amount_too_small: Amount must be at least €0.50 eur");
        assertThat(STRIPE.paymentIntents(payment.paymentNo())).isEmpty();
    }

    @Test
    void aRateLimitedReplyIsUnknownNeverFailed() {
        CreatePayment paid = newPayment(1200, EUR);
        CreateResult created = stripe.create(paid);
        STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa");
        CreatePayment during = newPayment(1200, EUR);
        STRIPE.rateLimit(true);

        CreateResult create = stripe.create(during);
        PaymentState query = stripe.query(paid.paymentNo());
        CloseResult close = stripe.close(paid.paymentNo());
        RefundState refund = stripe.refund(new CreateRefund("r" + paid.paymentNo(), paid.paymentNo(), created.channelTxnId(), 1200, 1200, EUR, null));
        STRIPE.rateLimit(false);

        assertThat(List.of(create.outcome(), query.outcome(), close.outcome(), refund.outcome())).containsOnly(ChannelOutcome.UNKNOWN);
        assertThat(query.detail()).contains("HTTP 429").contains("rate_limit");
        assertThat(stripe.create(during).outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(STRIPE.paymentIntents(during.paymentNo())).hasSize(1);
        assertThat(stripe.query(paid.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void theQueryBudgetIs25PerSecondOnThisNodeAndOverBudgetIsUnknown() throws Exception {
        CreatePayment payment = newPayment(300, EUR);
        stripe.create(payment);
        Thread.sleep(1100); // a full bucket, whatever the tests before spent
        long getsBefore = gets();

        List<PaymentState> states = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PaymentState>> burst = IntStream.range(0, 60).mapToObj(i -> threads.submit(() -> stripe.query(payment.paymentNo()))).toList();
            for (Future<PaymentState> query : burst) states.add(query.get());
        }
        long answered = states.stream().filter(s -> s.outcome() == ChannelOutcome.PENDING).count();
        long overBudget = states.stream().filter(s -> s.outcome() == ChannelOutcome.UNKNOWN && s.detail().contains("query budget")).count();

        assertThat(channelProperties.limits().get("stripe").queryRatePerSecond()).isEqualTo(25.0);
        assertThat(answered + overBudget).isEqualTo(60);
        assertThat(answered).isBetween(25L, 40L);
        assertThat(gets() - getsBefore).as("refused queries never reach Stripe").isEqualTo(answered);
    }

    @Test
    void aCreateWhoseReplyIsLostAfterStripeActedIsUnknownThenTheQueryFindsItWithoutASecondPaymentIntent() {
        StripeChannel impatient = adapter(StripeProtocolServer.SECRET_KEY, Duration.ofMillis(400), Clock.systemUTC());
        CreatePayment payment = newPayment(4200, EUR);
        STRIPE.delayAfterActing(Duration.ofMillis(1500));

        CreateResult lost = impatient.create(payment);
        STRIPE.delayAfterActing(Duration.ZERO);
        // the follow-up calls are patient: only the first reply is lost (a short timeout here would flake on a busy machine)
        PaymentState found = stripe.query(payment.paymentNo());
        CreateResult retried = stripe.create(payment);

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(lost.detail()).startsWith("no answer from Stripe");
        assertThat(STRIPE.paymentIntents(payment.paymentNo())).as("Stripe did act").hasSize(1);
        String intentId = (String) STRIPE.paymentIntents(payment.paymentNo()).getFirst().get("id");
        assertThat(found.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(found.channelTxnId()).isEqualTo(intentId);
        assertThat(retried.channelTxnId()).isEqualTo(intentId);
        assertThat(clientSecret(retried)).startsWith(intentId + "_secret_");
        assertThat(STRIPE.paymentIntents(payment.paymentNo())).as("the repeated create made no second one").hasSize(1);
        assertThat(STRIPE.calls().stream().filter(c -> ("payonce-create-" + payment.paymentNo()).equals(c.idempotencyKey()))).hasSize(2);

        STRIPE.buyerConfirms(clientSecret(retried), "pm_card_visa");
        assertThat(stripe.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
    }

    @Test
    void aRefundWhoseReplyIsLostIsFoundAmongTheRefundsOfThePaymentIntentAndNotMadeTwice() {
        StripeChannel impatient = adapter(StripeProtocolServer.SECRET_KEY, Duration.ofMillis(400), Clock.systemUTC());
        CreatePayment payment = newPayment(6000, EUR);
        CreateResult created = stripe.create(payment);
        STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa");
        CreateRefund refund = new CreateRefund("r" + payment.paymentNo(), payment.paymentNo(), created.channelTxnId(), 6000, 6000, EUR, null);
        STRIPE.delayAfterActing(Duration.ofMillis(1500));

        RefundState lost = impatient.refund(refund);
        STRIPE.delayAfterActing(Duration.ZERO);
        RefundState queried = stripe.queryRefund(refund.refundNo(), payment.paymentNo());
        RefundState again = stripe.refund(refund);

        assertThat(lost.outcome()).isEqualTo(ChannelOutcome.UNKNOWN);
        assertThat(queried.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(again).isEqualTo(queried);
        assertThat(STRIPE.refunded(payment.paymentNo())).isEqualTo(6000);
        assertThat(postsWithKey("payonce-refund-" + refund.refundNo())).isEqualTo(1);
    }

    @Test
    void pendingRefundsAreFollowedUntilStripeSettlesThem() {
        CreatePayment payment = newPayment(3000, EUR);
        CreateResult created = stripe.create(payment);
        STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa");
        STRIPE.refundsStayPending(true);
        CreateRefund refund = new CreateRefund("r" + payment.paymentNo(), payment.paymentNo(), created.channelTxnId(), 1000, 3000, EUR, null);

        RefundState first = stripe.refund(refund);
        STRIPE.settlePendingRefunds();
        RefundState later = stripe.refund(refund);

        assertThat(first.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(later).isEqualTo(new RefundState(ChannelOutcome.SUCCEEDED, first.channelRefundId(), null));
        assertThat(stripe.parseCallback(nextWebhook("refund.updated"))).isInstanceOfSatisfying(
                CallbackEvent.RefundReport.class, r -> assertThat(r.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED));
        assertThat(postsWithKey("payonce-refund-" + refund.refundNo())).as("the second ask retrieves, a replayed create would say pending").isEqualTo(1);
    }

    @Test
    void aCreateLeftUnansweredForMoreThan24HoursIsNeverRepeatedBecauseItsKeyHasExpired() {
        CreatePayment payment = newPayment(5100, EUR);
        STRIPE.rateLimit(true);
        stripe.create(payment);
        STRIPE.rateLimit(false);
        StripeChannel dayLater = adapter(StripeProtocolServer.SECRET_KEY, Duration.ofSeconds(2),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        long postsBefore = postsTo("/v1/payment_intents");

        PaymentState state = dayLater.query(payment.paymentNo());
        CloseResult close = dayLater.close(payment.paymentNo());

        assertThat(state.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(state.notFound()).isTrue();
        assertThat(state.detail()).contains("idempotency key has expired");
        assertThat(close.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(postsTo("/v1/payment_intents")).isEqualTo(postsBefore);
        assertThat(STRIPE.paymentIntents(payment.paymentNo())).isEmpty();
    }

    @Test
    void theLocalStripeRefusesTheSameIdempotencyKeyWithOtherParameters() throws Exception {
        StripeClient client = StripeClient.builder().setApiKey(StripeProtocolServer.SECRET_KEY).setApiBase(STRIPE.baseUrl()).build();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("payonce-test-" + System.nanoTime()).build();
        var first = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(100L).setCurrency("eur").build(), key);
        var replay = client.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(100L).setCurrency("eur").build(), key);

        assertThat(replay.getId()).isEqualTo(first.getId());
        assertThatThrownBy(() -> client.v1().paymentIntents().create(
                PaymentIntentCreateParams.builder().setAmount(200L).setCurrency("eur").build(), key))
                .isInstanceOf(IdempotencyException.class);
    }

    private long gets() {
        return STRIPE.calls().stream().filter(c -> c.method().equals("GET")).count();
    }
}
