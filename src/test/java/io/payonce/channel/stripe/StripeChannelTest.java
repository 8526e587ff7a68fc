package io.payonce.channel.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackEvent.PaymentReport;
import io.payonce.channel.CallbackEvent.RefundReport;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stripe adapter through the gateway's guarded registry, driving the real stripe-java SDK against the local Stripe. */
class StripeChannelTest extends StripeTestSupport {

    @Test
    void aPaymentIntentIsCreatedPaidReportedByWebhookAndQueryClosedRefundedAndItsRefundQueried() {
        CreatePayment payment = newPayment(1999, EUR);
        CreateResult created = stripe.create(payment);

        assertThat(created.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(created.channelTxnId()).startsWith("pi_");
        assertThat(created.action().type()).isEqualTo("sdk");
        assertThat(clientSecret(created)).startsWith(created.channelTxnId() + "_secret_");
        assertThat(created.action().fields()).containsEntry("publishableKey", StripeProtocolServer.PUBLISHABLE_KEY);
        assertThat(STRIPE.paymentIntents(payment.paymentNo())).singleElement().satisfies(intent -> {
            assertThat(intent).containsEntry("amount", 1999L).containsEntry("currency", "eur").containsEntry("description", "Blue mug");
            assertThat(intent.get("metadata")).isEqualTo(Map.of("payment_no", payment.paymentNo()));
        });
        assertThat(STRIPE.calls()).anySatisfy(call -> assertThat(call.idempotencyKey()).isEqualTo("payonce-create-" + payment.paymentNo()));
        assertThat(stripe.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.PENDING);

        assertThat(STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa").statusCode()).isEqualTo(200);
        CallbackEvent webhook = stripe.parseCallback(nextWebhook("payment_intent.succeeded"));
        PaymentState queried = stripe.query(payment.paymentNo());

        assertThat(webhook).isInstanceOfSatisfying(PaymentReport.class, report -> {
            assertThat(report.eventId()).startsWith("evt_");
            assertThat(report.paymentNo()).isEqualTo(payment.paymentNo());
            assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
            assertThat(report.state().amountMinor()).isEqualTo(1999);
            assertThat(report.state().currency()).isEqualTo(EUR);
            assertThat(report.state().channelTxnId()).isEqualTo(created.channelTxnId());
        });
        assertThat(queried.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(queried.amountMinor()).isEqualTo(1999);
        assertThat(queried.currency()).isEqualTo(EUR);
        assertThat(queried.paidAt()).isNotNull();
        assertThat(STRIPE.captured(payment.paymentNo())).isEqualTo(1999);

        CreatePayment other = newPayment(1999, EUR);
        stripe.create(other);
        CloseResult closed = stripe.close(other.paymentNo());
        assertThat(closed.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(STRIPE.paymentIntents(other.paymentNo()).getFirst())
                .containsEntry("status", "canceled").containsEntry("cancellation_reason", "abandoned");
        assertThat(stripe.query(other.paymentNo())).satisfies(state -> {
            assertThat(state.outcome()).isEqualTo(ChannelOutcome.FAILED);
            assertThat(state.closed()).isTrue();
        });
        assertThat(stripe.close(other.paymentNo()).outcome()).as("already canceled").isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(stripe.close(payment.paymentNo())).as("a paid PaymentIntent is not closed")
                .isEqualTo(new CloseResult(ChannelOutcome.FAILED, "refused: paid"));

        CreateRefund refund = new CreateRefund("r" + payment.paymentNo(), payment.paymentNo(), created.channelTxnId(), 500, 1999, EUR, "broken cup");
        RefundState refunded = stripe.refund(refund);
        CallbackEvent refundWebhook = stripe.parseCallback(nextWebhook("refund.created"));
        CallbackEvent chargeWebhook = stripe.parseCallback(nextWebhook("charge.refunded"));
        RefundState askedAgain = stripe.refund(refund);
        RefundState queriedRefund = stripe.queryRefund(refund.refundNo(), payment.paymentNo());

        assertThat(refunded.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(refunded.channelRefundId()).startsWith("re_");
        assertThat(refundWebhook).isEqualTo(new RefundReport(eventId(refundWebhook), refund.refundNo(), payment.paymentNo(),
                new RefundState(ChannelOutcome.SUCCEEDED, refunded.channelRefundId(), null)));
        assertThat(chargeWebhook).as("a refunded charge proves the payment").isInstanceOfSatisfying(PaymentReport.class,
                report -> assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.SUCCEEDED));
        assertThat(askedAgain).isEqualTo(refunded);
        assertThat(queriedRefund).isEqualTo(refunded);
        assertThat(STRIPE.refunded(payment.paymentNo())).as("asked twice, refunded once").isEqualTo(500);
        assertThat(postsWithKey("payonce-refund-" + refund.refundNo())).isEqualTo(1);
    }

    @Test
    void aDeclinedCardLeavesThePaymentIntentPendingAndTheBuyerPaysOnTheSameOne() {
        CreatePayment payment = newPayment(2500, EUR);
        CreateResult created = stripe.create(payment);

        assertThat(STRIPE.buyerConfirms(clientSecret(created), "pm_card_chargeDeclined").statusCode()).isEqualTo(402);
        CallbackEvent failed = stripe.parseCallback(nextWebhook("payment_intent.payment_failed"));
        PaymentState afterDecline = stripe.query(payment.paymentNo());
        STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa");

        assertThat(failed).isInstanceOfSatisfying(PaymentReport.class,
                report -> assertThat(report.state().outcome()).isEqualTo(ChannelOutcome.PENDING));
        assertThat(afterDecline.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(afterDecline.detail()).contains("declined");
        assertThat(stripe.query(payment.paymentNo()).outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
        assertThat(STRIPE.paymentIntents(payment.paymentNo())).hasSize(1);
        assertThat(STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa").statusCode())
                .as("a PaymentIntent takes one successful charge").isEqualTo(400);
        assertThat(STRIPE.charges(payment.paymentNo())).isEqualTo(1);
    }

    @Test
    void amountsAreInStripesUnitsZeroDecimalYenAsIsIcelandicKronaInHundredthsAndAmbiguousCurrenciesAreRefused() {
        CreatePayment yen = newPayment(500, Currency.getInstance("JPY"));
        CreatePayment krona = newPayment(5, Currency.getInstance("ISK"));
        CreateResult yenCreated = stripe.create(yen);
        CreateResult kronaCreated = stripe.create(krona);
        STRIPE.buyerConfirms(clientSecret(kronaCreated), "pm_card_visa");

        assertThat(STRIPE.paymentIntents(yen.paymentNo()).getFirst()).containsEntry("amount", 500L).containsEntry("currency", "jpy");
        assertThat(STRIPE.paymentIntents(krona.paymentNo()).getFirst()).containsEntry("amount", 500L).containsEntry("currency", "isk");
        assertThat(yenCreated.outcome()).isEqualTo(ChannelOutcome.PENDING);
        assertThat(stripe.query(krona.paymentNo())).satisfies(state -> {
            assertThat(state.outcome()).isEqualTo(ChannelOutcome.SUCCEEDED);
            assertThat(state.amountMinor()).isEqualTo(5);
        });
        for (String code : new String[] {"USD", "EUR", "GBP", "JPY", "KRW", "ISK"}) {
            assertThat(stripe.supports(Currency.getInstance(code))).as(code).isTrue();
        }
        for (String code : new String[] {"HUF", "TWD", "UGX", "MGA", "KWD", "BHD", "XAU"}) {
            assertThat(stripe.supports(Currency.getInstance(code))).as(code).isFalse();
        }
        CreatePayment forint = newPayment(1000, Currency.getInstance("HUF"));
        assertThat(stripe.create(forint).outcome()).isEqualTo(ChannelOutcome.FAILED);
        assertThat(STRIPE.paymentIntents(forint.paymentNo())).isEmpty();
    }

    private String eventId(CallbackEvent event) {
        return ((RefundReport) event).eventId();
    }
}
