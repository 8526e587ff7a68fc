package io.payonce.order;

import java.time.Duration;
import java.util.Currency;
import java.util.Map;

/**
 * A validated pay request (POST /v1/payments). {@code expireAfter} null means the merchant's policy.
 * {@code channelOptions} is what only the chosen channel needs (e.g. WeChat Pay's trade type); it
 * belongs to the attempt it creates, never to the order, and never carries money.
 */
public record NewOrder(String merchantOrderNo, long amountMinor, Currency currency, String channel, String subject,
                       String returnUrl, String notifyUrl, Duration expireAfter, Map<String, String> channelOptions) {
    public NewOrder {
        channelOptions = channelOptions == null ? Map.of() : Map.copyOf(channelOptions);
    }

    public NewOrder(String merchantOrderNo, long amountMinor, Currency currency, String channel, String subject,
                    String returnUrl, String notifyUrl, Duration expireAfter) {
        this(merchantOrderNo, amountMinor, currency, channel, subject, returnUrl, notifyUrl, expireAfter, Map.of());
    }
}
