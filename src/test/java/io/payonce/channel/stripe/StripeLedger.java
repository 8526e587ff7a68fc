package io.payonce.channel.stripe;

import io.payonce.channel.stripe.StripeWire.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The local Stripe's books: PaymentIntents, their charges and refunds, with Stripe's status rules
 * (a PaymentIntent takes one successful charge; a decline leaves it payable; only some statuses
 * can be canceled; refunds up to what was charged). Every change emits the event Stripe would
 * send. Callers hold the server's lock.
 */
final class StripeLedger {
    private static final Set<String> CANCELLABLE = Set.of("requires_payment_method", "requires_capture", "requires_confirmation", "requires_action");
    private static final Set<String> CANCEL_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer", "abandoned");

    static final class Intent {
        String id, clientSecret, currency, description, status = "requires_payment_method", cancellationReason, latestCharge;
        long amount, amountReceived, created;
        Long canceledAt;
        Map<String, String> metadata;
        Map<String, Object> lastPaymentError;
    }

    static final class Charge {
        String id, paymentIntent, currency;
        long amount, amountRefunded, created;
        Map<String, String> metadata;
    }

    static final class Refund {
        String id, paymentIntent, charge, currency, status;
        long amount, created;
        Map<String, String> metadata;
    }

    final Map<String, Intent> intents = new LinkedHashMap<>();
    final Map<String, Charge> charges = new LinkedHashMap<>();
    final Map<String, Refund> refunds = new LinkedHashMap<>();
    private final BiConsumer<String, Map<String, Object>> emit;
    boolean refundsStayPending;

    StripeLedger(BiConsumer<String, Map<String, Object>> emit) {
        this.emit = emit;
    }

    Reply createIntent(Map<String, String> params) {
        if (!params.containsKey("amount")) return StripeWire.invalid("parameter_missing", "Missing required param: amount.", "amount");
        if (!params.containsKey("currency")) return StripeWire.invalid("parameter_missing", "Missing required param: currency.", "currency");
        long amount;
        try {
            amount = Long.parseLong(params.get("amount"));
        } catch (NumberFormatException e) {
            return StripeWire.invalid("parameter_invalid_integer", "Invalid integer: " + params.get("amount"), "amount");
        }
        String currency = params.get("currency");
        if (amount < 1) return StripeWire.invalid("amount_too_small", "Amount must be at least 1 " + currency, "amount");
        if (!currency.matches("[a-z]{3}")) return StripeWire.invalid("parameter_invalid", "Invalid currency: " + currency, "currency");
        if (currency.equals("isk") && amount % 100 != 0) {
            return StripeWire.invalid("invalid_charge_amount_no_decimal_compatible", "Invalid amount. Currency ISK has become effectively "
                    + "zero-decimal and charged amounts must be evenly divisible by 100.", "amount");
        }
        Intent intent = new Intent();
        intent.id = StripeWire.id("pi");
        intent.clientSecret = intent.id + "_secret_" + StripeWire.id("s").substring(2);
        intent.amount = amount;
        intent.currency = currency;
        intent.description = params.get("description");
        intent.metadata = StripeWire.metadata(params);
        intent.created = Instant.now().getEpochSecond();
        intents.put(intent.id, intent);
        return Reply.ok(json(intent, false));
    }

    Reply retrieveIntent(String id, boolean expandCharge) {
        Intent intent = intents.get(id);
        return intent == null ? StripeWire.missing("payment_intent", id) : Reply.ok(json(intent, expandCharge));
    }

    Reply cancel(String id, Map<String, String> params) {
        Intent intent = intents.get(id);
        if (intent == null) return StripeWire.missing("payment_intent", id);
        String reason = params.get("cancellation_reason");
        if (reason != null && !CANCEL_REASONS.contains(reason)) {
            return StripeWire.invalid("parameter_invalid", "Invalid cancellation_reason: " + reason, "cancellation_reason");
        }
        if (!CANCELLABLE.contains(intent.status)) return unexpectedState(intent, "cancel", String.join(", ", CANCELLABLE) + ", processing");
        intent.status = "canceled";
        intent.cancellationReason = reason;
        intent.canceledAt = Instant.now().getEpochSecond();
        emit.accept("payment_intent.canceled", json(intent, false));
        return Reply.ok(json(intent, false));
    }

    /** What Stripe.js does when the buyer submits the payment form: pm_card_visa pays, pm_card_chargeDeclined is declined. */
    Reply confirm(String id, Map<String, String> params, boolean publishable) {
        Intent intent = intents.get(id);
        if (intent == null) return StripeWire.missing("payment_intent", id);
        if (publishable && !intent.clientSecret.equals(params.get("client_secret"))) {
            return StripeWire.invalid("payment_intent_authentication_failure", "The client_secret provided does not match.", "client_secret");
        }
        if (!intent.status.equals("requires_payment_method") && !intent.status.equals("requires_confirmation")) {
            return unexpectedState(intent, "confirm", "requires_payment_method, requires_confirmation");
        }
        if ("pm_card_chargeDeclined".equals(params.get("payment_method"))) {
            Map<String, Object> error = new LinkedHashMap<>(Map.of("type", "card_error", "code", "card_declined",
                    "decline_code", "generic_decline", "message", "Your card was declined."));
            intent.lastPaymentError = error;
            intent.status = "requires_payment_method";
            emit.accept("payment_intent.payment_failed", json(intent, false));
            Map<String, Object> body = new LinkedHashMap<>(error);
            body.put("payment_intent", json(intent, false));
            return new Reply(402, Map.of("error", body), true);
        }
        Charge charge = new Charge();
        charge.id = StripeWire.id("ch");
        charge.paymentIntent = intent.id;
        charge.amount = intent.amount;
        charge.currency = intent.currency;
        charge.metadata = intent.metadata;
        charge.created = Instant.now().getEpochSecond();
        charges.put(charge.id, charge);
        intent.status = "succeeded";
        intent.amountReceived = intent.amount;
        intent.latestCharge = charge.id;
        intent.lastPaymentError = null;
        emit.accept("payment_intent.succeeded", json(intent, false));
        return Reply.ok(json(intent, false));
    }

    Reply refund(Map<String, String> params) {
        String intentId = params.get("payment_intent");
        if (intentId == null) return StripeWire.invalid("parameter_missing", "Missing required param: payment_intent.", "payment_intent");
        Intent intent = intents.get(intentId);
        if (intent == null) return StripeWire.missing("payment_intent", intentId);
        if (!intent.status.equals("succeeded")) {
            return StripeWire.invalid("charge_not_refundable", "This PaymentIntent (" + intentId + ") does not have a successful charge to refund.", "payment_intent");
        }
        Charge charge = charges.get(intent.latestCharge);
        long left = charge.amount - charge.amountRefunded;
        long amount = params.containsKey("amount") ? Long.parseLong(params.get("amount")) : left;
        if (left == 0) return StripeWire.invalid("charge_already_refunded", "Charge " + charge.id + " has already been refunded.", null);
        if (amount > left) {
            return StripeWire.invalid("amount_too_large", "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + left + ")", "amount");
        }
        Refund refund = new Refund();
        refund.id = StripeWire.id("re");
        refund.paymentIntent = intent.id;
        refund.charge = charge.id;
        refund.amount = amount;
        refund.currency = intent.currency;
        refund.metadata = StripeWire.metadata(params);
        refund.created = Instant.now().getEpochSecond();
        refund.status = refundsStayPending ? "pending" : "succeeded";
        refunds.put(refund.id, refund);
        charge.amountRefunded += amount;
        emit.accept("refund.created", json(refund));
        emit.accept("charge.refunded", json(charge));
        return Reply.ok(json(refund));
    }

    /** The bank confirms the pending refunds (Stripe then sends refund.updated). */
    void settlePendingRefunds() {
        refunds.values().stream().filter(r -> r.status.equals("pending")).forEach(refund -> {
            refund.status = "succeeded";
            emit.accept("refund.updated", json(refund));
        });
    }

    Reply retrieveRefund(String id) {
        Refund refund = refunds.get(id);
        return refund == null ? StripeWire.missing("refund", id) : Reply.ok(json(refund));
    }

    Reply listRefunds(String paymentIntent) {
        List<Object> data = new ArrayList<>();
        refunds.values().stream().filter(r -> paymentIntent == null || r.paymentIntent.equals(paymentIntent))
                .sorted((a, b) -> Long.compare(b.created, a.created)).forEach(r -> data.add(json(r)));
        return Reply.ok(new LinkedHashMap<>(Map.of("object", "list", "data", data, "has_more", false, "url", "/v1/refunds")));
    }

    private Reply unexpectedState(Intent intent, String action, String allowed) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", StripeErrors.UNEXPECTED_STATE);
        error.put("doc_url", "https://stripe.com/docs/error-codes/payment-intent-unexpected-state");
        error.put("message", "You cannot " + action + " this PaymentIntent because it has a status of " + intent.status
                + ". Only a PaymentIntent with one of the following statuses may be " + action + "ed: " + allowed + ".");
        error.put("payment_intent", json(intent, false));
        error.put("type", "invalid_request_error");
        return new Reply(400, Map.of("error", error), true);
    }

    Map<String, Object> json(Intent intent, boolean expandCharge) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", intent.id);
        json.put("object", "payment_intent");
        json.put("amount", intent.amount);
        json.put("amount_capturable", 0);
        json.put("amount_received", intent.amountReceived);
        json.put("automatic_payment_methods", Map.of("allow_redirects", "always", "enabled", true));
        json.put("canceled_at", intent.canceledAt);
        json.put("cancellation_reason", intent.cancellationReason);
        json.put("capture_method", "automatic_async");
        json.put("client_secret", intent.clientSecret);
        json.put("confirmation_method", "automatic");
        json.put("created", intent.created);
        json.put("currency", intent.currency);
        json.put("description", intent.description);
        json.put("last_payment_error", intent.lastPaymentError);
        json.put("latest_charge", expandCharge && intent.latestCharge != null ? json(charges.get(intent.latestCharge)) : intent.latestCharge);
        json.put("livemode", false);
        json.put("metadata", intent.metadata);
        json.put("payment_method_types", List.of("card"));
        json.put("status", intent.status);
        return json;
    }

    Map<String, Object> json(Charge charge) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", charge.id);
        json.put("object", "charge");
        json.put("amount", charge.amount);
        json.put("amount_captured", charge.amount);
        json.put("amount_refunded", charge.amountRefunded);
        json.put("captured", true);
        json.put("created", charge.created);
        json.put("currency", charge.currency);
        json.put("livemode", false);
        json.put("metadata", charge.metadata);
        json.put("paid", true);
        json.put("payment_intent", charge.paymentIntent);
        json.put("refunded", charge.amountRefunded == charge.amount);
        json.put("status", "succeeded");
        return json;
    }

    Map<String, Object> json(Refund refund) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", refund.id);
        json.put("object", "refund");
        json.put("amount", refund.amount);
        json.put("charge", refund.charge);
        json.put("created", refund.created);
        json.put("currency", refund.currency);
        json.put("metadata", refund.metadata);
        json.put("payment_intent", refund.paymentIntent);
        json.put("reason", null);
        json.put("status", refund.status);
        return json;
    }
}
