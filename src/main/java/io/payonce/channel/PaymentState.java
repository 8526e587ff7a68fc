package io.payonce.channel;

import java.time.Instant;
import java.util.Currency;

/**
 * A payment as the channel sees it. SUCCEEDED carries the captured amount and currency (checked
 * against ours) and when the channel took the money. FAILED with {@code closed} means the channel
 * closed it; {@code notFound} (outcome PENDING) means the channel has no such payment yet.
 */
public record PaymentState(ChannelOutcome outcome, String channelTxnId, Long amountMinor, Currency currency,
                           Instant paidAt, boolean closed, boolean notFound, String detail) {

    public static PaymentState unknown(String detail) {
        return new PaymentState(ChannelOutcome.UNKNOWN, null, null, null, null, false, false, detail);
    }

    public static PaymentState pending(String channelTxnId) {
        return new PaymentState(ChannelOutcome.PENDING, channelTxnId, null, null, null, false, false, null);
    }

    public static PaymentState missing() {
        return new PaymentState(ChannelOutcome.PENDING, null, null, null, null, false, true, "not found at channel");
    }

    public static PaymentState succeeded(String channelTxnId, long amountMinor, Currency currency, Instant paidAt) {
        return new PaymentState(ChannelOutcome.SUCCEEDED, channelTxnId, amountMinor, currency, paidAt, false, false, null);
    }

    public static PaymentState failed(String channelTxnId, boolean closed, String detail) {
        return new PaymentState(ChannelOutcome.FAILED, channelTxnId, null, null, null, closed, false, detail);
    }
}
