package io.payonce.channel.sim;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import io.payonce.shared.Hmac;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a simulator callback: {@code Sim-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t.body)>}
 * over the raw body, in constant time, with t within the tolerance either way (wall time, as the
 * simulator signs with wall time). Anything wrong is a Rejected with the reason, never an exception.
 */
final class SimCallbackParser {
    private final SimProperties properties;
    private final JsonMapper json;
    private final Clock wallClock;

    SimCallbackParser(SimProperties properties, JsonMapper json, Clock wallClock) {
        this.properties = properties;
        this.json = json;
        this.wallClock = wallClock;
    }

    CallbackEvent parse(CallbackRequest request) {
        String rejection = verify(request.header("Sim-Signature"), request.body());
        if (rejection != null) return new CallbackEvent.Rejected(rejection);
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (JacksonException e) {
            return new CallbackEvent.Rejected("body is not JSON");
        }
        SimClient.Reply event = new SimClient.Reply(200, body, null);
        String eventId = event.text("eventId");
        String type = event.text("type");
        String paymentNo = event.text("paymentNo");
        String txnId = event.text("channelTxnId");
        Long amount = event.number("amount");
        if (eventId == null || type == null || paymentNo == null || txnId == null || amount == null) {
            return new CallbackEvent.Rejected("callback lacks eventId, type, paymentNo, channelTxnId or amount");
        }
        try {
            return switch (type) {
                case "payment.paid" -> new CallbackEvent.PaymentReport(eventId, paymentNo, PaymentState.succeeded(
                        txnId, amount, Currency.getInstance(event.text("currency")), Instant.parse(event.text("paidAt"))));
                case "payment.failed" -> new CallbackEvent.PaymentReport(eventId, paymentNo,
                        PaymentState.failed(txnId, false, "buyer's payment failed"));
                case "refund.succeeded" -> event.text("refundNo") == null
                        ? new CallbackEvent.Rejected("refund callback without refundNo")
                        : new CallbackEvent.RefundReport(eventId, event.text("refundNo"), paymentNo,
                                new RefundState(ChannelOutcome.SUCCEEDED, event.text("channelRefundId"), null));
                default -> new CallbackEvent.Rejected("unknown callback type " + type);
            };
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            return new CallbackEvent.Rejected("callback has an unreadable currency or paidAt");
        }
    }

    /** @return null when the signature is good and fresh, else why not. */
    private String verify(String header, String body) {
        if (header == null || body == null) return "missing Sim-Signature header or body";
        String timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) timestamp = pair[1];
            if (pair.length == 2 && pair[0].equals("v1")) signature = pair[1];
        }
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) return "malformed Sim-Signature header";
        String expected = Hmac.sha256Hex(properties.webhookSecret(), timestamp + "." + body);
        if (!Hmac.constantTimeEquals(expected, signature)) return "signature does not match";
        long ageSeconds = wallClock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(ageSeconds) > properties.callbackTolerance().toSeconds()) {
            return ageSeconds > 0 ? "signature timestamp is stale" : "signature timestamp is in the future";
        }
        return null;
    }
}
