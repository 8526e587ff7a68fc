package io.payonce.channel;

/** SUCCEEDED: closed or never existed. FAILED: refused for now (too early, or already paid). UNKNOWN: no answer. */
public record CloseResult(ChannelOutcome outcome, String detail) {
    public static CloseResult unknown(String detail) {
        return new CloseResult(ChannelOutcome.UNKNOWN, detail);
    }
}
