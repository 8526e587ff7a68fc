package io.payonce.channel.sim;

import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentAction;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;

/**
 * The one place where simulator replies become channel outcomes. The rule: only an answer the
 * simulator clearly gave decides anything; no answer, 5xx, 429 or a reply we cannot read is UNKNOWN.
 */
final class SimResults {
    private SimResults() {}

    /** @param qr show the simulator's page as a QR code of its address rather than a link */
    static CreateResult created(SimClient.Reply reply, boolean qr) {
        if (reply.is(200)) {
            String txnId = reply.text("channelTxnId");
            String status = reply.text("status");
            String checkoutUrl = reply.text("checkoutUrl");
            if (txnId == null || status == null || checkoutUrl == null) return CreateResult.unknown("unreadable create reply");
            return switch (status) {
                // PAID: a repeat of a create whose buyer already paid; the query or callback records it.
                case "CREATED", "PAID" -> new CreateResult(ChannelOutcome.PENDING, txnId, qr
                        ? new PaymentAction("qr", java.util.Map.of("code", checkoutUrl)) : PaymentAction.redirect(checkoutUrl), status);
                default -> new CreateResult(ChannelOutcome.FAILED, txnId, null, "payment is " + status);
            };
        }
        if (definiteRefusal(reply)) return new CreateResult(ChannelOutcome.FAILED, null, null, reply.describe());
        return CreateResult.unknown(reply.describe());
    }

    static PaymentState state(SimClient.Reply reply) {
        if (reply.is(404) && "not_found".equals(reply.simError())) return PaymentState.missing();
        if (!reply.is(200) || reply.text("status") == null) return PaymentState.unknown(reply.describe());
        String txnId = reply.text("channelTxnId");
        return switch (reply.text("status")) {
            case "CREATED" -> PaymentState.pending(txnId);
            case "FAILED" -> PaymentState.failed(txnId, false, "buyer's payment failed");
            case "CLOSED" -> PaymentState.failed(txnId, true, "closed at the simulator");
            case "PAID" -> paid(reply, txnId);
            default -> PaymentState.unknown("unknown status " + reply.text("status"));
        };
    }

    static CloseResult closed(SimClient.Reply reply) {
        if (reply.is(200) && reply.text("status") != null) return new CloseResult(ChannelOutcome.SUCCEEDED, reply.text("status"));
        if (reply.is(409) && reply.simError() != null) return new CloseResult(ChannelOutcome.FAILED, reply.describe());
        return CloseResult.unknown(reply.describe());
    }

    static RefundState refund(SimClient.Reply reply) {
        if (reply.is(200) && reply.text("status") != null) {
            return switch (reply.text("status")) {
                case "SUCCEEDED" -> new RefundState(ChannelOutcome.SUCCEEDED, reply.text("channelRefundId"), null);
                case "FAILED" -> new RefundState(ChannelOutcome.FAILED, reply.text("channelRefundId"), "refund failed");
                default -> RefundState.unknown("unknown refund status " + reply.text("status"));
            };
        }
        if (reply.is(404) && "not_found".equals(reply.simError())) {
            // Never reached the simulator's books: safe to send again with the same refundNo.
            return new RefundState(ChannelOutcome.FAILED, null, "refund not found at the simulator");
        }
        if (definiteRefusal(reply)) return new RefundState(ChannelOutcome.FAILED, null, reply.describe());
        return RefundState.unknown(reply.describe());
    }

    private static PaymentState paid(SimClient.Reply reply, String txnId) {
        Long amount = reply.number("amount");
        String currency = reply.text("currency");
        String paidAt = reply.text("paidAt");
        try {
            if (amount == null || currency == null || paidAt == null) return PaymentState.unknown("paid reply without amount");
            return PaymentState.succeeded(txnId, amount, Currency.getInstance(currency), Instant.parse(paidAt));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return PaymentState.unknown("unreadable paid reply: " + e.getMessage());
        }
    }

    /** A 4xx in the simulator's own format, other than 429: it refused and did nothing. */
    private static boolean definiteRefusal(SimClient.Reply reply) {
        return reply.status() >= 400 && reply.status() < 500 && reply.status() != 429 && reply.simError() != null;
    }
}
