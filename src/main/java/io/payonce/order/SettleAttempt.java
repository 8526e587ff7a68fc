package io.payonce.order;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptPolls;
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
    private final AttemptPolls polls;

    SettleAttempt(Attempts attempts, Channels channels, RecordPaymentState recorder, AttemptPolls polls) {
        this.attempts = attempts;
        this.channels = channels;
        this.recorder = recorder;
        this.polls = polls;
    }

    /** Queries only: records what the channel says now. */
    public Settlement query(String paymentNo) {
        Attempt attempt = attempts.find(paymentNo).orElseThrow();
        if (attempt.status() != AttemptStatus.PENDING) {
            return settlement(attempt);
        }
        recorder.record(paymentNo, query(channels.get(attempt.channel()), attempt));
        return settlement(attempts.find(paymentNo).orElseThrow());
    }

    public Settlement queryAndClose(String paymentNo, String reason) {
        Attempt attempt = attempts.find(paymentNo).orElseThrow();
        if (attempt.status() != AttemptStatus.PENDING) {
            return settlement(attempt);
        }
        PaymentChannel channel = channels.get(attempt.channel());
        PaymentState state = query(channel, attempt);
        recorder.record(paymentNo, state);
        if (state.outcome() == ChannelOutcome.SUCCEEDED || state.outcome() == ChannelOutcome.FAILED) {
            return settlement(attempts.find(paymentNo).orElseThrow());
        }
        CloseResult close = channel.close(paymentNo);
        polls.record(paymentNo, attempt.channel(), AttemptPolls.Action.close, close.outcome(), close.detail());
        if (close.outcome() == ChannelOutcome.SUCCEEDED) {
            recorder.record(paymentNo, PaymentState.failed(null, true, "closed at channel: " + reason));
        } else if (close.outcome() == ChannelOutcome.FAILED) {
            recorder.record(paymentNo, query(channel, attempt));
        }
        return settlement(attempts.find(paymentNo).orElseThrow());
    }

    /** Every answer is logged for the operators' timeline (attempt_poll), then recorded as usual. */
    private PaymentState query(PaymentChannel channel, Attempt attempt) {
        PaymentState state = channel.query(attempt.paymentNo());
        polls.record(attempt.paymentNo(), attempt.channel(), AttemptPolls.Action.query, state.outcome(), state.detail());
        return state;
    }

    private static Settlement settlement(Attempt attempt) {
        return switch (attempt.status()) {
            case SUCCEEDED -> Settlement.SUCCEEDED;
            case FAILED, CLOSED -> Settlement.ENDED;
            case PENDING -> Settlement.OPEN;
        };
    }
}
