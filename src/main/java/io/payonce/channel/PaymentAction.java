package io.payonce.channel;

import java.util.Map;

/**
 * What the buyer does next: {@code redirect} (fields: url), {@code qr} (fields: code), or
 * {@code sdk} (fields: the channel's SDK parameters).
 */
public record PaymentAction(String type, Map<String, String> fields) {
    public PaymentAction {
        if (!type.equals("redirect") && !type.equals("qr") && !type.equals("sdk")) {
            throw new IllegalArgumentException("action type must be redirect, qr or sdk: " + type);
        }
        fields = Map.copyOf(fields);
    }

    public static PaymentAction redirect(String url) {
        return new PaymentAction("redirect", Map.of("url", url));
    }
}
