package io.payonce.channel;

/** SUCCEEDED: money returned. FAILED: definite refusal. PENDING: in progress. UNKNOWN: no answer. */
public record RefundState(ChannelOutcome outcome, String channelRefundId, String detail) {
    public static RefundState unknown(String detail) {
        return new RefundState(ChannelOutcome.UNKNOWN, null, detail);
    }
}
