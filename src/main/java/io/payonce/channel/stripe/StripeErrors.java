package io.payonce.channel.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;

/**
 * How a Stripe error reads for exactly-once. No answer, 429 (rate_limit), 409 (the same key is
 * still in flight), 5xx and idempotency errors say nothing about what Stripe did: UNKNOWN. Other
 * 4xx are Stripe's definite "no". Messages never contain our keys (Stripe masks them in its own).
 */
final class StripeErrors {
    static final String UNEXPECTED_STATE = "payment_intent_unexpected_state";

    private StripeErrors() {}

    /** Stripe may or may not have acted, or we may not be allowed to know: only a later query decides. */
    static boolean outcomeUnknown(StripeException e) {
        Integer status = e.getStatusCode();
        return noAnswer(e) || status == 429 || status == 409 || status >= 500 || e instanceof IdempotencyException;
    }

    /** The SDK reports a connection failure or read timeout as ApiConnectionException with status 0. */
    private static boolean noAnswer(StripeException e) {
        return e instanceof ApiConnectionException || e.getStatusCode() == null || e.getStatusCode() < 100;
    }

    /** A definite refusal that is about the request, not about our credentials (401/403 may be fixed by an operator). */
    static boolean refusedRequest(StripeException e) {
        Integer status = e.getStatusCode();
        return !outcomeUnknown(e) && status != 401 && status != 403;
    }

    /** The PaymentIntent Stripe attaches to a payment_intent_unexpected_state error, if any. */
    static PaymentIntent unexpectedState(StripeException e) {
        if (!UNEXPECTED_STATE.equals(e.getCode()) || e.getStripeError() == null) return null;
        return e.getStripeError().getPaymentIntent();
    }

    static String describe(StripeException e) {
        Integer status = e.getStatusCode();
        if (noAnswer(e)) return "no answer from Stripe: " + e.getClass().getSimpleName();
        String type = e.getStripeError() != null ? e.getStripeError().getType() : null;
        String message = e.getStripeError() != null ? e.getStripeError().getMessage() : null;
        return "HTTP " + status + " " + (type != null ? type : "error") + (e.getCode() != null ? "/" + e.getCode() : "")
                + (message != null ? ": " + message : "");
    }
}
