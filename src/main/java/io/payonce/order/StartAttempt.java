package io.payonce.order;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.Channels;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentChannel;
import io.payonce.order.PayOutcome.Decided;
import io.payonce.order.PayOutcome.Decision;
import io.payonce.shared.PublicUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a committed attempt at its channel, outside any transaction, and stores the answer.
 * The attempt and its first poll were committed before the call, so a crash here loses nothing:
 * the poll will find (or close) whatever the channel did.
 */
@Service
class StartAttempt {
    private static final int CREATE_TRIES = 2;
    private static final Duration REUSE_POLL = Duration.ofMillis(50);

    private final Orders orders;
    private final Attempts attempts;
    private final Channels channels;
    private final PublicUrls urls;
    private final TransactionTemplate transactions;
    private final Duration reuseWait;

    StartAttempt(Orders orders, Attempts attempts, Channels channels, PublicUrls urls, TransactionTemplate transactions,
                 @Value("${payonce.payments.reuse-wait:3s}") Duration reuseWait) {
        this.orders = orders;
        this.attempts = attempts;
        this.channels = channels;
        this.urls = urls;
        this.transactions = transactions;
        this.reuseWait = reuseWait;
    }

    /** @param channelOptions as stored on the attempt in the same transaction that made it */
    Decided atChannel(Order order, String paymentNo, String channelId, Map<String, String> channelOptions) {
        PaymentChannel channel = channels.get(channelId);
        CreatePayment request = new CreatePayment(paymentNo, order.amountMinor(), order.currency(), order.subject(),
                urls.of("/checkout/" + paymentNo + "/return"), urls.of("/channels/" + channelId + "/notify"), order.expireAt(),
                channelOptions);
        CreateResult result = channel.create(request);
        for (int tries = 1; tries < CREATE_TRIES && result.outcome() == ChannelOutcome.UNKNOWN; tries++) {
            result = channel.create(request); // same paymentNo: the channel's idempotency makes this safe
        }
        CreateResult answer = result;
        // The reply is read in the same short transaction as the write: one round of BEGIN/COMMIT instead of three.
        return transactions.execute(status -> {
            Attempt stored = switch (answer.outcome()) {
                case PENDING, SUCCEEDED -> attempts.recordCreated(paymentNo, answer.channelTxnId(), answer.action()).orElse(null);
                case FAILED -> {
                    attempts.finish(paymentNo, AttemptStatus.PENDING, AttemptStatus.FAILED, "create refused: " + answer.detail());
                    yield null;
                }
                case UNKNOWN -> null; // the compensation poll decides
            };
            Attempt attempt = stored != null ? stored : attempts.find(paymentNo).orElseThrow();
            return new Decided(Decision.NEW_ATTEMPT, orders.find(order.orderId()).orElseThrow(), attempt);
        });
    }

    /** M2: the same attempt again, once its channel answer is stored (bounded wait while its create is in flight). */
    Decided reuse(Order order, Attempt attempt) {
        Instant deadline = Instant.now().plus(reuseWait);
        Attempt current = attempt;
        while (current.action() == null && current.status() == AttemptStatus.PENDING && Instant.now().isBefore(deadline)) {
            sleep();
            current = attempts.find(attempt.paymentNo()).orElseThrow();
        }
        return new Decided(Decision.REUSED_ATTEMPT, orders.find(order.orderId()).orElseThrow(), current);
    }

    private static void sleep() {
        try {
            Thread.sleep(REUSE_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
