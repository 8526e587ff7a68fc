package io.payonce.channel.stripe;

import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackEvent.Rejected;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a verified event says, once we know it is about OUR objects: the payment_no / refund_no in
 * its metadata was sent by this gateway, its PaymentIntent is the one we mapped to that number,
 * and its amount and currency are what we asked for. The event id is Stripe's, for de-duplication.
 */
final class StripeEventReader {
    static final String HANDLED = "payment_intent.* (succeeded, canceled, payment_failed, ...), refund.created, "
            + "refund.updated, refund.failed, charge.refunded";

    private final StripeRecords records;

    StripeEventReader(StripeRecords records) {
        this.records = records;
    }

    CallbackEvent read(Event event, StripeObject object) {
        String type = event.getType();
        Instant at = event.getCreated() == null ? null : Instant.ofEpochSecond(event.getCreated());
        if (type.startsWith("payment_intent.") && object instanceof PaymentIntent intent) return paymentIntent(event.getId(), intent, at);
        if (type.startsWith("refund.") && object instanceof Refund refund) return refund(event.getId(), refund);
        if (type.equals("charge.refunded") && object instanceof Charge charge) return chargeRefunded(event.getId(), charge);
        return new Rejected("event type " + type + " is not handled; subscribe the endpoint to " + HANDLED);
    }

    private CallbackEvent paymentIntent(String eventId, PaymentIntent intent, Instant at) {
        String paymentNo = metadata(intent.getMetadata(), StripeIntents.METADATA_PAYMENT_NO);
        String problem = notOurs(paymentNo, intent.getId(), intent.getAmount(), intent.getCurrency());
        if (problem != null) return new Rejected(problem);
        PaymentState state = StripeStates.of(intent, paymentNo, at);
        if (state.outcome() == ChannelOutcome.UNKNOWN) return new Rejected(state.detail());
        return new CallbackEvent.PaymentReport(eventId, paymentNo, state);
    }

    private CallbackEvent refund(String eventId, Refund refund) {
        String refundNo = metadata(refund.getMetadata(), StripeRefundService.METADATA_REFUND_NO);
        StripeRecords.RefundRequest sent = refundNo == null ? null : records.refund(refundNo).orElse(null);
        if (sent == null) return new Rejected("refund " + refund.getId() + " carries no refund_no this gateway sent");
        if (sent.refundId() != null && !sent.refundId().equals(refund.getId())) {
            return new Rejected("refund " + refund.getId() + " is not the one created for refund_no " + refundNo);
        }
        StripeRecords.Intent intent = records.intent(sent.paymentNo()).orElse(null);
        if (intent == null || intent.paymentIntentId() == null || !intent.paymentIntentId().equals(refund.getPaymentIntent())) {
            return new Rejected("refund " + refund.getId() + " is not on the PaymentIntent of " + sent.paymentNo());
        }
        if (!Objects.equals(refund.getAmount(), sent.amount()) || !intent.currency().equals(refund.getCurrency())) {
            return new Rejected("refund amount " + refund.getAmount() + " " + refund.getCurrency() + " is not the "
                    + sent.amount() + " " + intent.currency() + " we asked for");
        }
        return new CallbackEvent.RefundReport(eventId, refundNo, sent.paymentNo(), StripeStates.refund(refund));
    }

    /** A refunded charge proves the PaymentIntent was paid; the refund itself is followed by refund.* and our checks. */
    private CallbackEvent chargeRefunded(String eventId, Charge charge) {
        String paymentNo = charge.getPaymentIntent() == null ? null : records.paymentNoOf(charge.getPaymentIntent()).orElse(null);
        String problem = notOurs(paymentNo, charge.getPaymentIntent(), charge.getAmount(), charge.getCurrency());
        if (problem != null) return new Rejected(problem);
        if (!Boolean.TRUE.equals(charge.getCaptured()) || !Objects.equals(charge.getAmountCaptured(), charge.getAmount())) {
            return new Rejected("charge " + charge.getId() + " was not captured in full");
        }
        return StripeAmounts.fromStripe(charge.getAmount(), charge.getCurrency())
                .<CallbackEvent>map(money -> new CallbackEvent.PaymentReport(eventId, paymentNo, PaymentState.succeeded(
                        charge.getPaymentIntent(), money.amountMinor(), money.currency(),
                        charge.getCreated() == null ? null : Instant.ofEpochSecond(charge.getCreated()))))
                .orElseGet(() -> new Rejected("charge amount " + charge.getAmount() + " " + charge.getCurrency() + " is not readable"));
    }

    /** @return why the object is not one of ours, or null when it is the PaymentIntent we created for paymentNo, for the amount we asked. */
    private String notOurs(String paymentNo, String paymentIntentId, Long amount, String currency) {
        if (paymentNo == null) return "PaymentIntent " + paymentIntentId + " carries no payment_no of this gateway";
        StripeRecords.Intent intent = records.intent(paymentNo).orElse(null);
        if (intent == null) return "payment_no " + paymentNo + " was never sent to Stripe by this gateway";
        if (intent.paymentIntentId() != null && !intent.paymentIntentId().equals(paymentIntentId)) {
            return "PaymentIntent " + paymentIntentId + " is not the one created for payment_no " + paymentNo;
        }
        if (!Objects.equals(amount, intent.amount()) || !intent.currency().equals(currency)) {
            return "amount " + amount + " " + currency + " is not the " + intent.amount() + " " + intent.currency() + " we asked for";
        }
        return null;
    }

    private static String metadata(Map<String, String> metadata, String key) {
        return metadata == null ? null : metadata.get(key);
    }
}
