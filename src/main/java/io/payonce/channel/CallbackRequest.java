package io.payonce.channel;

import java.util.Map;

/** A callback as received: header names in lower case, and the raw body exactly as sent. */
public record CallbackRequest(Map<String, String> headers, String body) {
    public CallbackRequest {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
