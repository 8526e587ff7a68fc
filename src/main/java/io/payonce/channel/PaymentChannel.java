package io.payonce.channel;

/**
 * The channel SPI: one implementation per channel ({@code channel/<id>/}), chosen from an
 * injected map keyed by {@link #id()}. Implementations never throw for operating errors: they
 * return UNKNOWN. The {@link Channels} registry adds a hard timeout around every call.
 * Every call is idempotent on our numbers (paymentNo, refundNo): a retry never acts twice.
 */
public interface PaymentChannel {
    String id();

    /** Whether this channel can take payments in the currency; asked before an order is accepted. */
    default boolean supports(java.util.Currency currency) {
        return true;
    }

    /**
     * True when the channel lets one payment object take at most one successful charge and stay
     * payable after a failed try (Stripe's PaymentIntent): an order retried on this channel then
     * keeps its open attempt instead of getting a second one, which could be paid too.
     */
    default boolean keepsOnePaymentPerOrder() {
        return false;
    }

    /**
     * Why these channel options cannot work, if they cannot (e.g. a missing payer for WeChat Pay's
     * JSAPI); asked before an order is accepted. The default takes any options and ignores them.
     */
    default java.util.Optional<String> checkOptions(java.util.Map<String, String> channelOptions) {
        return java.util.Optional.empty();
    }

    /** Creates the channel's payment for an attempt; the buyer's next step is in the action. */
    CreateResult create(CreatePayment request);

    /** Where the payment stands at the channel now. */
    PaymentState query(String paymentNo);

    /** SUCCEEDED = closed (or never created), FAILED = refused for now (query to learn why). */
    CloseResult close(String paymentNo);

    RefundState refund(CreateRefund request);

    RefundState queryRefund(String refundNo, String paymentNo);

    /** Verifies a callback in full (signature, freshness) and says what it reports. */
    CallbackEvent parseCallback(CallbackRequest request);

    /** The reply the channel expects to a callback, so that it stops (accepted) or retries. */
    CallbackReply callbackReply(boolean accepted, String reason);
}
