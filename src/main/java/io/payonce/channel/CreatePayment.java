package io.payonce.channel;

import java.time.Instant;
import java.util.Currency;
import java.util.Map;

/**
 * @param returnUrl where the channel sends the buyer back; @param notifyUrl where it calls us back.
 * @param channelOptions what only one channel needs (e.g. WeChat Pay's trade type and payer), never money.
 */
public record CreatePayment(String paymentNo, long amountMinor, Currency currency, String subject,
                            String returnUrl, String notifyUrl, Instant expireAt, Map<String, String> channelOptions) {
    public CreatePayment {
        channelOptions = channelOptions == null ? Map.of() : Map.copyOf(channelOptions);
    }

    public CreatePayment(String paymentNo, long amountMinor, Currency currency, String subject,
                         String returnUrl, String notifyUrl, Instant expireAt) {
        this(paymentNo, amountMinor, currency, subject, returnUrl, notifyUrl, expireAt, Map.of());
    }
}
