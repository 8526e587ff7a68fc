package io.payonce.channel.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stripe's wire format, for the local protocol server: form-encoded parameters with bracketed
 * keys ({@code metadata[payment_no]=...}), ids with Stripe's prefixes, and the error object
 * {@code {"error":{"type","code","message",...}}} with its HTTP status.
 */
final class StripeWire {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private StripeWire() {}

    /** A reply; {@code remembered} false for answers Stripe does not store under an idempotency key (validation, auth, 429). */
    record Reply(int status, Map<String, Object> body, boolean remembered) {
        static Reply ok(Map<String, Object> body) {
            return new Reply(200, body, true);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> params = new TreeMap<>();
        if (encoded == null || encoded.isBlank()) return params;
        for (String pair : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** {@code metadata[x]=y} entries as a map x→y. */
    static Map<String, String> metadata(Map<String, String> params) {
        Map<String, String> metadata = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith("metadata[") && key.endsWith("]")) metadata.put(key.substring(9, key.length() - 1), value);
        });
        return metadata;
    }

    static String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < 24; i++) id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return id.toString();
    }

    static Reply error(int status, String type, String code, String message, String param) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", message);
        if (param != null) error.put("param", param);
        error.put("request_log_url", "https://dashboard.stripe.com/test/logs/" + id("req"));
        error.put("type", type);
        return new Reply(status, Map.of("error", error), status != 401 && status != 429 && !"parameter_missing".equals(code)
                && !"parameter_invalid_integer".equals(code));
    }

    static Reply invalid(String code, String message, String param) {
        return error(400, "invalid_request_error", code, message, param);
    }

    static Reply missing(String type, String id) {
        return error(404, "invalid_request_error", "resource_missing", "No such " + type + ": '" + id + "'", "id");
    }

    static Reply rateLimited() {
        return error(429, "invalid_request_error", "rate_limit",
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", null);
    }

    static Reply unauthorized(String presentedKey) {
        String shown = presentedKey == null || presentedKey.length() < 8 ? "" : presentedKey.substring(0, 8) + "****"
                + presentedKey.substring(presentedKey.length() - 4);
        return error(401, "invalid_request_error", null, presentedKey == null
                ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth."
                : "Invalid API Key provided: " + shown, null);
    }
}
