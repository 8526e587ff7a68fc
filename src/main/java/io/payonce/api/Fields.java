package io.payonce.api;

import io.payonce.merchant.MerchantRules;
import io.payonce.shared.ApiException;
import io.payonce.shared.HttpUrls;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Strict reading of JSON request fields. Every refusal names the field and the reason. Amounts
 * must be JSON integers: 19.99 is refused rather than rounded, because money is minor units.
 */
final class Fields {
    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_\\-.:]{1,64}");

    private final JsonNode body;

    private Fields(JsonNode body) {
        this.body = body;
    }

    static Fields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        return new Fields(body);
    }

    String reference(String name) {
        String value = requiredString(name, 64);
        if (!REFERENCE.matcher(value).matches()) {
            throw ApiException.invalid(name, "use 1 to 64 of the characters A-Z a-z 0-9 _ - . :");
        }
        return value;
    }

    long amount(String name, long maxMinor) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) throw ApiException.invalid(name, "is required");
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.invalid(name, "must be a whole number of minor units (1999 = 19.99)");
        }
        long value = node.longValue();
        if (value <= 0) throw ApiException.invalid(name, "must be positive");
        if (value > maxMinor) throw ApiException.invalid(name, "must be at most " + maxMinor + " minor units");
        return value;
    }

    Currency currency(String name) {
        String code = requiredString(name, 3);
        if (!code.matches("[A-Z]{3}")) throw ApiException.invalid(name, "must be an ISO 4217 code in upper case, like USD");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, code + " is not an ISO 4217 currency");
        }
    }

    String requiredString(String name, int maxLength) {
        String value = optionalString(name, maxLength);
        if (value == null || value.isBlank()) throw ApiException.invalid(name, "is required");
        return value;
    }

    String optionalString(String name, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) return null;
        if (!node.isString()) throw ApiException.invalid(name, "must be a string");
        String value = node.stringValue();
        if (value.length() > maxLength) throw ApiException.invalid(name, "must be at most " + maxLength + " characters");
        return value;
    }

    String optionalUrl(String name) {
        String value = optionalString(name, HttpUrls.MAX_LENGTH);
        if (value == null) return null;
        HttpUrls.problem(value).ifPresent(reason -> {
            throw ApiException.invalid(name, reason);
        });
        return value;
    }

    Long optionalWholeNumber(String name, long min, long max) {
        return optionalWholeNumber(name, new MerchantRules.Range(min, max));
    }

    Long optionalWholeNumber(String name, MerchantRules.Range range) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) return null;
        if (!node.isIntegralNumber() || !node.canConvertToLong() || !range.contains(node.longValue())) {
            throw ApiException.invalid(name, range.reason());
        }
        return node.longValue();
    }

    /** An optional JSON object of strings, bounded in keys and lengths; absent or null is empty. */
    Map<String, String> optionalStringMap(String name, int maxKeys, int maxKeyLength, int maxValueLength) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw ApiException.invalid(name, "must be a JSON object of strings");
        if (node.size() > maxKeys) throw ApiException.invalid(name, "must have at most " + maxKeys + " keys");
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > maxKeyLength) {
                throw ApiException.invalid(name, "keys must be 1 to " + maxKeyLength + " characters");
            }
            JsonNode value = entry.getValue();
            if (!value.isString()) throw ApiException.invalid(name + "." + key, "must be a string");
            if (value.stringValue().length() > maxValueLength) {
                throw ApiException.invalid(name + "." + key, "must be at most " + maxValueLength + " characters");
            }
            values.put(key, value.stringValue());
        }
        return values;
    }
}
