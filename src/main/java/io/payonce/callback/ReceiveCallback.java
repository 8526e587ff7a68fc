package io.payonce.callback;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.Attempts;
import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackReply;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentChannel;
import io.payonce.channel.PaymentState;
import io.payonce.order.RecordPaymentState;
import io.payonce.refund.RefundChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * M11: a channel callback is verified (signature by the channel's parser; our paymentNo,
 * channel, amount and currency here), stored, de-duplicated on the channel's event id, and only
 * then applied through the one idempotent door. Refused callbacks are stored too, for operators.
 */
@Service
public class ReceiveCallback {
    private static final Logger log = LoggerFactory.getLogger(ReceiveCallback.class);

    private final Attempts attempts;
    private final RecordPaymentState recorder;
    private final RefundChecks refundChecks;
    private final CallbackInbox inbox;

    ReceiveCallback(Attempts attempts, RecordPaymentState recorder, RefundChecks refundChecks, CallbackInbox inbox) {
        this.attempts = attempts;
        this.recorder = recorder;
        this.refundChecks = refundChecks;
        this.inbox = inbox;
    }

    public CallbackReply receive(PaymentChannel channel, CallbackRequest request) {
        CallbackEvent event = channel.parseCallback(request);
        return switch (event) {
            case CallbackEvent.Rejected rejected -> refuse(channel, null, request, rejected.reason());
            case CallbackEvent.PaymentReport report -> payment(channel, request, report);
            case CallbackEvent.RefundReport report -> {
                inbox.store(channel.id(), report.eventId(), report.paymentNo(), request.body());
                refundChecks.checkNow(report.refundNo());
                yield channel.callbackReply(true, null);
            }
        };
    }

    private CallbackReply payment(PaymentChannel channel, CallbackRequest request, CallbackEvent.PaymentReport report) {
        Attempt attempt = attempts.find(report.paymentNo()).orElse(null);
        String problem = problem(channel, attempt, report.state());
        if (problem != null) {
            return refuse(channel, report.paymentNo(), request, problem);
        }
        CallbackInbox.Stored stored = inbox.store(channel.id(), report.eventId(), report.paymentNo(), request.body());
        if (stored.alreadyApplied()) {
            return channel.callbackReply(true, null);
        }
        recorder.record(report.paymentNo(), report.state());
        inbox.markApplied(stored.callbackId());
        return channel.callbackReply(true, null);
    }

    private static String problem(PaymentChannel channel, Attempt attempt, PaymentState state) {
        if (attempt == null) return "unknown paymentNo";
        if (!attempt.channel().equals(channel.id())) return "paymentNo belongs to channel " + attempt.channel();
        if (state.outcome() == ChannelOutcome.SUCCEEDED
                && (state.amountMinor() == null || state.amountMinor() != attempt.amountMinor()
                || state.currency() == null || !state.currency().equals(attempt.currency()))) {
            return "amount " + state.amountMinor() + " " + state.currency() + " does not match the attempt's "
                    + attempt.amountMinor() + " " + attempt.currency();
        }
        return null;
    }

    private CallbackReply refuse(PaymentChannel channel, String paymentNo, CallbackRequest request, String reason) {
        log.warn("{} callback refused: {}", channel.id(), reason);
        inbox.storeRejected(channel.id(), paymentNo, request.body(), reason);
        return channel.callbackReply(false, reason);
    }
}
