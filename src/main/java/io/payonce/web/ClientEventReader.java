package io.payonce.web;

import io.payonce.shared.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a /client-events body: {@code {"events":[…]}} (the pages batch them) or one event object.
 * Structure and numbers are checked strictly (a refusal names the field and stores nothing);
 * free text is cut to its limit rather than refused, because a browser's message can be long.
 */
final class ClientEventReader {
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern PAGE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_MESSAGE = 1_000;
    private static final int MAX_URL = 500;
    private static final int MAX_USER_AGENT = 400;
    private static final int MAX_DETAIL = 2_000;

    private final JsonMapper json;
    private final int maxEvents;

    ClientEventReader(JsonMapper json, int maxEvents) {
        this.json = json;
        this.maxEvents = maxEvents;
    }

    List<ClientEvent> read(String body, String userAgentHeader) {
        JsonNode root = parse(body);
        JsonNode events = root.has("events") ? root.get("events") : json.createArrayNode().add(root);
        if (!events.isArray() || events.isEmpty()) throw ApiException.invalid("events", "must be a non-empty array");
        if (events.size() > maxEvents) throw ApiException.invalid("events", "at most " + maxEvents + " per request");
        List<ClientEvent> read = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            read.add(event(events.get(i), "events[" + i + "]", userAgentHeader));
        }
        return read;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) throw ApiException.invalid("body", "must be a JSON object");
        try {
            JsonNode root = json.readTree(body);
            if (!root.isObject()) throw ApiException.invalid("body", "must be a JSON object");
            return root;
        } catch (JacksonException e) {
            throw ApiException.invalid("body", "not valid JSON");
        }
    }

    private static ClientEvent event(JsonNode node, String name, String userAgentHeader) {
        if (!node.isObject()) throw ApiException.invalid(name, "must be an object");
        String userAgent = userAgentHeader != null ? userAgentHeader : text(node, "userAgent", name, MAX_USER_AGENT);
        return new ClientEvent(matching(node, "id", name, KEY, false), matching(node, "page", name, PAGE, false),
                matching(node, "kind", name, KIND, true), text(node, "url", name, MAX_URL),
                integer(node, "status", name, 999), number(node, "elapsedMs", name, 3_600_000),
                integer(node, "attempt", name, 100_000),
                text(node, "message", name, MAX_MESSAGE), cut(userAgent, MAX_USER_AGENT), cut(node.toString(), MAX_DETAIL));
    }

    private static Integer integer(JsonNode node, String field, String name, int max) {
        Long value = number(node, field, name, max);
        return value == null ? null : value.intValue();
    }

    private static String matching(JsonNode node, String field, String name, Pattern pattern, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) throw ApiException.invalid(name + "." + field, "is required");
            return null;
        }
        if (!value.isString() || !pattern.matcher(value.stringValue()).matches()) {
            throw ApiException.invalid(name + "." + field, "must match " + pattern.pattern());
        }
        return value.stringValue();
    }

    private static String text(JsonNode node, String field, String name, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isString()) throw ApiException.invalid(name + "." + field, "must be a string");
        return cut(value.stringValue(), max);
    }

    private static Long number(JsonNode node, String field, String name, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0 || value.longValue() > max) {
            throw ApiException.invalid(name + "." + field, "must be a whole number from 0 to " + max);
        }
        return value.longValue();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
