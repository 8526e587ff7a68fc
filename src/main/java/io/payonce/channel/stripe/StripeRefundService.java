package io.payonce.channel.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.RefundState;
import java.util.Optional;

/**
 * Refunds of a PaymentIntent, under the Idempotency-Key {@code payonce-refund-<refundNo>} and with
 * metadata refund_no and payment_no. The gateway asks again until the answer is final, so a refund
 * whose id is stored is only retrieved (a replayed create would return the FIRST answer, maybe still
 * pending), and a refund sent before without an answer is first looked for among the PaymentIntent's
 * refunds, so that even after the key's 24 h no second refund is made.
 */
final class StripeRefundService {
    static final String METADATA_REFUND_NO = "refund_no";

    private final StripeClient client;
    private final StripeIntents intents;
    private final StripeRecords records;

    StripeRefundService(StripeClient client, StripeIntents intents, StripeRecords records) {
        this.client = client;
        this.intents = intents;
        this.records = records;
    }

    RefundState refund(CreateRefund request) {
        try {
            StripeRecords.RefundRequest earlier = records.refund(request.refundNo()).orElse(null);
            if (earlier != null && earlier.refundId() != null) return state(retrieve(earlier.refundId()));
            StripeIntents.Resolved intent = intents.resolve(request.paymentNo());
            if (intent.id() == null) return RefundState.unknown("no PaymentIntent for " + request.paymentNo() + ": " + intent.whyNone());
            if (earlier != null) {
                Optional<Refund> found = find(intent.id(), request.refundNo());
                if (found.isPresent()) return state(found.get());
            }
            StripeRecords.RefundRequest sent = records.requestRefund(request.refundNo(), request.paymentNo(),
                    StripeAmounts.toStripe(request.amountMinor(), request.currency()));
            return state(create(sent, intent.id()));
        } catch (StripeException e) {
            return StripeErrors.refusedRequest(e) ? new RefundState(ChannelOutcome.FAILED, null, StripeErrors.describe(e))
                    : RefundState.unknown(StripeErrors.describe(e));
        }
    }

    RefundState query(String refundNo, String paymentNo) {
        try {
            StripeRecords.RefundRequest sent = records.refund(refundNo).orElse(null);
            if (sent == null) return new RefundState(ChannelOutcome.FAILED, null, "refund " + refundNo + " was never sent to Stripe");
            if (sent.refundId() != null) return state(retrieve(sent.refundId()));
            StripeIntents.Resolved intent = intents.resolve(paymentNo);
            if (intent.id() == null) return RefundState.unknown("no PaymentIntent for " + paymentNo + ": " + intent.whyNone());
            return find(intent.id(), refundNo).map(this::state)
                    .orElseGet(() -> RefundState.unknown("refund " + refundNo + " was sent but is not at Stripe (yet)"));
        } catch (StripeException e) {
            return RefundState.unknown(StripeErrors.describe(e));
        }
    }

    private Refund create(StripeRecords.RefundRequest sent, String paymentIntentId) throws StripeException {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(sent.amount())
                .putMetadata(METADATA_REFUND_NO, sent.refundNo())
                .putMetadata(StripeIntents.METADATA_PAYMENT_NO, sent.paymentNo())
                .build();
        Refund refund = client.v1().refunds().create(params, StripeIntents.key("payonce-refund-" + sent.refundNo()));
        records.refundAnswered(sent.refundNo(), refund.getId());
        return refund;
    }

    private Refund retrieve(String refundId) throws StripeException {
        return client.v1().refunds().retrieve(refundId, RequestOptions.getDefault());
    }

    private Optional<Refund> find(String paymentIntentId, String refundNo) throws StripeException {
        RefundListParams params = RefundListParams.builder().setPaymentIntent(paymentIntentId).setLimit(100L).build();
        for (Refund refund : client.v1().refunds().list(params).autoPagingIterable()) {
            if (refund.getMetadata() != null && refundNo.equals(refund.getMetadata().get(METADATA_REFUND_NO))) {
                records.refundAnswered(refundNo, refund.getId());
                return Optional.of(refund);
            }
        }
        return Optional.empty();
    }

    private RefundState state(Refund refund) {
        return StripeStates.refund(refund);
    }
}
