package io.payonce.channel.stripe;

import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentAction;
import io.payonce.channel.PaymentState;
import java.util.Map;

/** Create, query and close of PaymentIntents, as outcomes. Never throws for an operating error. */
final class StripePaymentService {
    private final StripeIntents intents;
    private final StripeRecords records;
    private final StripeKeys keys;

    StripePaymentService(StripeIntents intents, StripeRecords records, StripeKeys keys) {
        this.intents = intents;
        this.records = records;
        this.keys = keys;
    }

    CreateResult create(CreatePayment request) {
        if (!StripeAmounts.supports(request.currency())) {
            return new CreateResult(ChannelOutcome.FAILED, null, null, "currency " + request.currency() + " is not supported on stripe");
        }
        StripeRecords.Intent intent = records.requestIntent(request.paymentNo(),
                StripeAmounts.toStripe(request.amountMinor(), request.currency()), StripeAmounts.stripeCode(request.currency()),
                request.subject());
        try {
            PaymentIntent created = intent.paymentIntentId() != null ? intents.retrieve(intent.paymentIntentId()) : intents.create(intent);
            if (created.getClientSecret() == null) return CreateResult.unknown("PaymentIntent " + created.getId() + " without client secret");
            PaymentAction action = new PaymentAction("sdk", Map.of(
                    "clientSecret", created.getClientSecret(), "publishableKey", keys.publishableKey()));
            return new CreateResult(ChannelOutcome.PENDING, created.getId(), action, created.getStatus());
        } catch (StripeException e) {
            // A create Stripe refused made nothing; 401/403 too (no PaymentIntent without a valid key).
            return StripeErrors.outcomeUnknown(e) ? CreateResult.unknown(StripeErrors.describe(e))
                    : new CreateResult(ChannelOutcome.FAILED, null, null, StripeErrors.describe(e));
        }
    }

    PaymentState query(String paymentNo) {
        try {
            StripeIntents.Resolved resolved = intents.resolve(paymentNo);
            if (resolved.id() == null) {
                return new PaymentState(ChannelOutcome.PENDING, null, null, null, null, false, true, resolved.whyNone());
            }
            return StripeStates.of(intents.retrieve(resolved.id()), paymentNo);
        } catch (StripeException e) {
            return PaymentState.unknown(StripeErrors.describe(e));
        }
    }

    /** Cancel (reason abandoned). Paid → FAILED "refused: paid" so that the core queries; already canceled → SUCCEEDED. */
    CloseResult close(String paymentNo) {
        try {
            StripeIntents.Resolved resolved = intents.resolve(paymentNo);
            if (resolved.id() == null) return new CloseResult(ChannelOutcome.SUCCEEDED, resolved.whyNone());
            PaymentIntent current = intents.retrieve(resolved.id());
            // Cancel only what Stripe will cancel, so that the key never stores a refusal that may stop being true.
            if (!cancellable(current.getStatus())) return closeAnswer(current);
            return closeAnswer(intents.cancel(paymentNo, resolved.id()));
        } catch (StripeException e) {
            PaymentIntent refusedOn = StripeErrors.unexpectedState(e);
            if (refusedOn != null) return closeAnswer(refusedOn);
            return StripeErrors.refusedRequest(e) ? new CloseResult(ChannelOutcome.FAILED, StripeErrors.describe(e))
                    : CloseResult.unknown(StripeErrors.describe(e));
        }
    }

    private static boolean cancellable(String status) {
        return switch (status == null ? "" : status) {
            case "requires_payment_method", "requires_confirmation", "requires_action" -> true;
            default -> false;
        };
    }

    private static CloseResult closeAnswer(PaymentIntent intent) {
        String status = String.valueOf(intent.getStatus());
        return switch (status) {
            case "canceled" -> new CloseResult(ChannelOutcome.SUCCEEDED, "canceled");
            case "succeeded" -> new CloseResult(ChannelOutcome.FAILED, "refused: paid");
            default -> new CloseResult(ChannelOutcome.FAILED, "refused for now: PaymentIntent is " + status);
        };
    }
}
