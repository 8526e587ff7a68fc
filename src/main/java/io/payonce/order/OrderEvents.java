package io.payonce.order;

import java.time.Instant;
import java.util.Currency;

/**
 * Facts the order module publishes inside the transaction that makes them true, so that the
 * work they schedule (polls, expiry, refunds) commits with them. Listeners run synchronously.
 */
public final class OrderEvents {
    private OrderEvents() {}

    /** A new order; its expiry must be scheduled (M12). */
    public record OrderOpened(long orderId, String merchantId, Instant expireAt) {}

    /**
     * A new attempt; its compensation polls must be scheduled (M7), the first at {@code firstCheckAt}
     * (from the merchant's policy, which the request has read already, as for OrderOpened's expiry).
     */
    public record AttemptStarted(String paymentNo, long orderId, String merchantId, Instant firstCheckAt) {}

    /** An attempt was superseded; it goes on the fast close/query schedule (M5). */
    public record AttemptSuperseded(String paymentNo, long orderId, String merchantId) {}

    /** A success that did not pay its order; it must be refunded through its channel (M6). */
    public record DuplicateCaptured(long orderId, String merchantId, String paymentNo, String channel,
                                    String channelTxnId, long amountMinor, Currency currency) {}
}
