package io.payonce.order;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.Channels;
import io.payonce.channel.CloseResult;
import io.payonce.channel.PaymentChannel;
import io.payonce.channel.PaymentState;
import org.springframework.stereotype.Service;

/**
 * Asks before it closes (M3): query the attempt at its channel; if it is not paid, close it
 * there; if the channel refuses the close, query once more, since "already paid" is a refusal
 * too. No transaction is open while the channel is called.
 */
@Service
public class SettleAttempt {
    public enum Settlement { SUCCEEDED, ENDED, OPEN }

    private final Attempts attempts;
    private final Channels channels;
    private final RecordPaymentState recorder;

    SettleAttempt(Attempts attempts, Channels channels, RecordPaymentState recorder) {
        this.attempts = attempts;
        this.channels = channels;
        this.recorder = recorder;
    }

    /** Queries only: records what the channel says now. */
    public Settlement query(String paymentNo) {
        Attempt attempt = attempts.find(paymentNo).orElseThrow();
        if (attempt.status() != AttemptStatus.PENDING) {
            return settlement(attempt);
        }
        recorder.record(paymentNo, channels.get(attempt.channel()).query(paymentNo));
        return settlement(attempts.find(paymentNo).orElseThrow());
    }

    public Settlement queryAndClose(String paymentNo, String reason) {
        Attempt attempt = attempts.find(paymentNo).orElseThrow();
        if (attempt.status() != AttemptStatus.PENDING) {
            return settlement(attempt);
        }
        PaymentChannel channel = channels.get(attempt.channel());
        PaymentState state = channel.query(paymentNo);
        recorder.record(paymentNo, state);
        if (state.outcome() == ChannelOutcome.SUCCEEDED || state.outcome() == ChannelOutcome.FAILED) {
            return settlement(attempts.find(paymentNo).orElseThrow());
        }
        CloseResult close = channel.close(paymentNo);
        if (close.outcome() == ChannelOutcome.SUCCEEDED) {
            recorder.record(paymentNo, PaymentState.failed(null, true, "closed at channel: " + reason));
        } else if (close.outcome() == ChannelOutcome.FAILED) {
            recorder.record(paymentNo, channel.query(paymentNo));
        }
        return settlement(attempts.find(paymentNo).orElseThrow());
    }

    private static Settlement settlement(Attempt attempt) {
        return switch (attempt.status()) {
            case SUCCEEDED -> Settlement.SUCCEEDED;
            case FAILED, CLOSED -> Settlement.ENDED;
            case PENDING -> Settlement.OPEN;
        };
    }
}
