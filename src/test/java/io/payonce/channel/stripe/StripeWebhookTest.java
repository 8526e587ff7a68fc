package io.payonce.channel.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackEvent.PaymentReport;
import io.payonce.channel.CallbackEvent.Rejected;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhooks judged by the SDK's Webhook.constructEvent, plus our future bound and our checks that the object is ours. */
class StripeWebhookTest extends StripeTestSupport {

    CallbackRequest paidWebhook(long amountMinor) {
        CreatePayment payment = newPayment(amountMinor, EUR);
        CreateResult created = stripe.create(payment);
        STRIPE.buyerConfirms(clientSecret(created), "pm_card_visa");
        return nextWebhook("payment_intent.succeeded");
    }

    @Test
    void aTamperedUnsignedWronglySignedStaleOrFutureWebhookIsRejected() {
        CallbackRequest genuine = paidWebhook(700);
        String body = genuine.body();
        long now = Instant.now().getEpochSecond();
        String secret = StripeProtocolServer.WEBHOOK_SECRET;

        assertThat(stripe.parseCallback(genuine)).isInstanceOf(PaymentReport.class);
        assertThat(stripe.parseCallback(new CallbackRequest(genuine.headers(), body.replace("\"amount\":700", "\"amount\":7"))))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("No signatures found matching"));
        assertThat(stripe.parseCallback(new CallbackRequest(Map.of(), body))).isEqualTo(new Rejected("missing Stripe-Signature header"));
        assertThat(stripe.parseCallback(signedAt(body, now, "whsec_someone_elses_endpoint")))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("No signatures found matching"));
        assertThat(stripe.parseCallback(signedAt(body, now - 600, secret)))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("Timestamp outside the tolerance zone"));
        assertThat(stripe.parseCallback(signedAt(body, now + 600, secret))).isEqualTo(new Rejected("signature timestamp is in the future"));
        assertThat(stripe.parseCallback(signedAt(body, now + 20, secret))).as("clock skew within 1 min").isInstanceOf(PaymentReport.class);
        assertThat(stripe.callbackReply(false, "bad").httpStatus()).as("Stripe retries a non-2xx").isEqualTo(400);
        assertThat(stripe.callbackReply(true, null).httpStatus()).isEqualTo(200);
    }

    @Test
    void aCorrectlySignedWebhookAboutAnotherAmountAnotherIntentAnotherModeOrNotOursIsRejected() {
        CallbackRequest genuine = paidWebhook(800);
        String body = genuine.body();
        String paymentNo = json.readTree(body).path("data").path("object").path("metadata").path("payment_no").asString();
        String intentId = json.readTree(body).path("data").path("object").path("id").asString();
        long now = Instant.now().getEpochSecond();
        String secret = StripeProtocolServer.WEBHOOK_SECRET;

        CallbackEvent otherAmount = stripe.parseCallback(signedAt(body.replace("\"amount\":800", "\"amount\":80")
                .replace("\"amount_received\":800", "\"amount_received\":80"), now, secret));
        CallbackEvent otherIntent = stripe.parseCallback(signedAt(body.replace(intentId, "pi_SomeoneElsesIntent000000"), now, secret));
        CallbackEvent notOurs = stripe.parseCallback(signedAt(body.replace(paymentNo, "p_not_from_this_gateway"), now, secret));
        CallbackEvent live = stripe.parseCallback(signedAt(body.replace("\"livemode\":false", "\"livemode\":true"), now, secret));
        CallbackEvent otherType = stripe.parseCallback(signedAt(body.replace("\"payment_intent.succeeded\"", "\"customer.created\""), now, secret));

        assertThat(otherAmount).isEqualTo(new Rejected("amount 80 eur is not the 800 eur we asked for"));
        assertThat(otherIntent).isEqualTo(new Rejected("PaymentIntent pi_SomeoneElsesIntent000000 is not the one created for payment_no " + paymentNo));
        assertThat(notOurs).isEqualTo(new Rejected("payment_no p_not_from_this_gateway was never sent to Stripe by this gateway"));
        assertThat(live).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("livemode"));
        assertThat(otherType).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).startsWith("event type customer.created is not handled"));
    }

    @Test
    void theSameEventSentTwiceCarriesTheSameEventIdForTheInbox() {
        CallbackRequest first = paidWebhook(900);
        StripeProtocolServer.Webhook event = STRIPE.events().stream().filter(e -> e.type().equals("payment_intent.succeeded")
                && first.body().equals(e.payload())).findFirst().orElseThrow();
        STRIPE.deliver(event);
        CallbackRequest again = nextWebhook("payment_intent.succeeded");

        PaymentReport one = (PaymentReport) stripe.parseCallback(first);
        PaymentReport two = (PaymentReport) stripe.parseCallback(again);
        assertThat(two.eventId()).isEqualTo(one.eventId());
        assertThat(two).isEqualTo(one);
    }
}
