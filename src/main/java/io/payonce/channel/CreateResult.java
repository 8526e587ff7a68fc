package io.payonce.channel;

/** PENDING with an action is the normal answer; FAILED is a definite refusal; UNKNOWN decides nothing. */
public record CreateResult(ChannelOutcome outcome, String channelTxnId, PaymentAction action, String detail) {
    public static CreateResult unknown(String detail) {
        return new CreateResult(ChannelOutcome.UNKNOWN, null, null, detail);
    }
}
