package io.payonce.attempt;

import io.payonce.channel.PaymentAction;
import java.time.Instant;
import java.util.Currency;

/**
 * One payment attempt of an order (M1): {@code paymentNo} is the only number the channel sees.
 *
 * @param superseded replaced by a newer attempt or its order closed; kept on the fast schedule until terminal (M5)
 * @param duplicate  a success that did not pay the order; it is refunded (M6)
 */
public record Attempt(String paymentNo, long orderId, String channel, long amountMinor, Currency currency,
                      AttemptStatus status, boolean superseded, boolean duplicate, String channelTxnId,
                      PaymentAction action, String failureReason, Instant createdAt, Instant updatedAt,
                      Instant channelPaidAt) {

    public boolean isLive() {
        return status.isLive() && !superseded;
    }
}
