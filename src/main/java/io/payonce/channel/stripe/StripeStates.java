package io.payonce.channel.stripe;

import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.time.Instant;
import java.util.Map;

/**
 * A PaymentIntent's status as our payment state. Only {@code succeeded} is paid and only
 * {@code canceled} is over: a declined card leaves the PaymentIntent in requires_payment_method,
 * still payable by the buyer on the same PaymentIntent, so it stays PENDING. Refunds likewise.
 */
final class StripeStates {
    private StripeStates() {}

    static PaymentState of(PaymentIntent intent, String paymentNo) {
        return of(intent, paymentNo, null);
    }

    /** @param eventTime when the charge is not expanded (webhooks), the time of the event stands for the time paid */
    static PaymentState of(PaymentIntent intent, String paymentNo, Instant eventTime) {
        Map<String, String> metadata = intent.getMetadata();
        if (metadata == null || !paymentNo.equals(metadata.get(StripeIntents.METADATA_PAYMENT_NO))) {
            return PaymentState.unknown("PaymentIntent " + intent.getId() + " does not carry payment_no " + paymentNo);
        }
        String status = String.valueOf(intent.getStatus());
        return switch (status) {
            case "succeeded" -> succeeded(intent, eventTime);
            case "canceled" -> PaymentState.failed(intent.getId(), true, "canceled at Stripe ("
                    + (intent.getCancellationReason() != null ? intent.getCancellationReason() : "no reason") + ")");
            case "requires_payment_method", "requires_confirmation", "requires_action", "processing", "requires_capture" ->
                    new PaymentState(ChannelOutcome.PENDING, intent.getId(), null, null, null, false, false, pendingDetail(intent));
            default -> PaymentState.unknown("PaymentIntent " + intent.getId() + " has unknown status " + status);
        };
    }

    private static PaymentState succeeded(PaymentIntent intent, Instant eventTime) {
        Instant paidAt = paidAt(intent) != null ? paidAt(intent) : eventTime;
        return StripeAmounts.fromStripe(intent.getAmountReceived(), intent.getCurrency())
                .map(money -> PaymentState.succeeded(intent.getId(), money.amountMinor(), money.currency(), paidAt))
                .orElseGet(() -> PaymentState.unknown("PaymentIntent " + intent.getId() + " received "
                        + intent.getAmountReceived() + " " + intent.getCurrency() + ", not an amount we can read exactly"));
    }

    /** When the charge was made; null (the gateway then uses its own clock) when the charge was not expanded. */
    private static Instant paidAt(PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        return charge != null && charge.getCreated() != null ? Instant.ofEpochSecond(charge.getCreated()) : null;
    }

    static RefundState refund(Refund refund) {
        return switch (String.valueOf(refund.getStatus())) {
            case "succeeded" -> new RefundState(ChannelOutcome.SUCCEEDED, refund.getId(), null);
            case "failed", "canceled" -> new RefundState(ChannelOutcome.FAILED, refund.getId(), "refund " + refund.getStatus()
                    + (refund.getFailureReason() != null ? ": " + refund.getFailureReason() : ""));
            case "pending", "requires_action" -> new RefundState(ChannelOutcome.PENDING, refund.getId(), refund.getStatus());
            default -> RefundState.unknown("refund " + refund.getId() + " has unknown status " + refund.getStatus());
        };
    }

    private static String pendingDetail(PaymentIntent intent) {
        String detail = intent.getStatus();
        if (intent.getLastPaymentError() != null && intent.getLastPaymentError().getMessage() != null) {
            detail += "; last try failed: " + intent.getLastPaymentError().getMessage() + " (the buyer may try again on it)";
        }
        return detail;
    }
}
