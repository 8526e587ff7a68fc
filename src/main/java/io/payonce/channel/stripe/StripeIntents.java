package io.payonce.channel.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import java.time.Duration;

/**
 * PaymentIntents through the SDK, each write under OUR Idempotency-Key derived from the paymentNo,
 * so that a retry (ours, or the JDK's silent re-send of a POST) never makes a second one.
 */
final class StripeIntents {
    /**
     * Stripe keeps an idempotency key for 24 h; a lost create is repeated only well inside that,
     * because after it the same key would make a NEW PaymentIntent.
     */
    static final Duration REPEAT_CREATE_WITHIN = Duration.ofHours(23);
    static final String METADATA_PAYMENT_NO = "payment_no";

    /** @param id null when no PaymentIntent can be known; then {@code whyNone} says why. */
    record Resolved(String id, String whyNone) {}

    private final StripeClient client;
    private final StripeRecords records;

    StripeIntents(StripeClient client, StripeRecords records) {
        this.client = client;
        this.records = records;
    }

    static String createKey(String paymentNo) {
        return "payonce-create-" + paymentNo;
    }

    /** Sends the create exactly as recorded (the same parameters on every try) and records the id it returns. */
    PaymentIntent create(StripeRecords.Intent intent) throws StripeException {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(intent.amount())
                .setCurrency(intent.currency())
                .putMetadata(METADATA_PAYMENT_NO, intent.paymentNo())
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build());
        if (intent.description() != null) params.setDescription(intent.description());
        PaymentIntent created = client.v1().paymentIntents().create(params.build(), key(createKey(intent.paymentNo())));
        records.intentAnswered(intent.paymentNo(), created.getId());
        return created;
    }

    /**
     * The PaymentIntent of a paymentNo: the stored id, or — when the create's reply was lost — the
     * create repeated with its key, which Stripe answers with the same PaymentIntent.
     */
    Resolved resolve(String paymentNo) throws StripeException {
        StripeRecords.Intent intent = records.intent(paymentNo).orElse(null);
        if (intent == null) return new Resolved(null, "never sent to Stripe");
        if (intent.paymentIntentId() != null) return new Resolved(intent.paymentIntentId(), null);
        if (Duration.between(intent.requestedAt(), records.now()).compareTo(REPEAT_CREATE_WITHIN) > 0) {
            return new Resolved(null, "create sent at " + intent.requestedAt() + " was never answered and its idempotency key "
                    + "has expired; its client secret never reached a buyer, so it cannot have been paid");
        }
        return new Resolved(create(intent).getId(), null);
    }

    PaymentIntent retrieve(String id) throws StripeException {
        return client.v1().paymentIntents().retrieve(id, PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(),
                RequestOptions.getDefault());
    }

    PaymentIntent cancel(String paymentNo, String id) throws StripeException {
        return client.v1().paymentIntents().cancel(id, PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED).build(), key("payonce-cancel-" + paymentNo));
    }

    static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
