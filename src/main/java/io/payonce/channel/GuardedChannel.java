package io.payonce.channel;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kill Bill's rule: a timeout on every plugin call, and an exception is an unknown outcome,
 * never a failure. Queries also spend from the channel's query budget; over budget is UNKNOWN.
 */
final class GuardedChannel implements PaymentChannel {
    private static final Logger log = LoggerFactory.getLogger(GuardedChannel.class);
    private static final ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

    private final PaymentChannel delegate;
    private final Duration timeout;
    private final RateLimiter queryBudget;

    GuardedChannel(PaymentChannel delegate, ChannelProperties.Limits limits) {
        this.delegate = delegate;
        this.timeout = limits.callTimeout();
        this.queryBudget = new RateLimiter(limits.queryRatePerSecond());
    }

    @Override public String id() { return delegate.id(); }

    @Override public boolean supports(java.util.Currency currency) { return delegate.supports(currency); }

    @Override public boolean keepsOnePaymentPerOrder() { return delegate.keepsOnePaymentPerOrder(); }

    @Override
    public java.util.Optional<String> checkOptions(java.util.Map<String, String> options) {
        return delegate.checkOptions(options);
    }

    @Override
    public CreateResult create(CreatePayment request) {
        return guarded("create", () -> delegate.create(request), CreateResult::unknown);
    }

    @Override
    public PaymentState query(String paymentNo) {
        if (!queryBudget.tryAcquire()) {
            return PaymentState.unknown("query budget of " + delegate.id() + " exhausted");
        }
        return guarded("query", () -> delegate.query(paymentNo), PaymentState::unknown);
    }

    @Override
    public CloseResult close(String paymentNo) {
        return guarded("close", () -> delegate.close(paymentNo), CloseResult::unknown);
    }

    @Override
    public RefundState refund(CreateRefund request) {
        return guarded("refund", () -> delegate.refund(request), RefundState::unknown);
    }

    @Override
    public RefundState queryRefund(String refundNo, String paymentNo) {
        if (!queryBudget.tryAcquire()) {
            return RefundState.unknown("query budget of " + delegate.id() + " exhausted");
        }
        return guarded("refund query", () -> delegate.queryRefund(refundNo, paymentNo), RefundState::unknown);
    }

    @Override
    public CallbackEvent parseCallback(CallbackRequest request) {
        try {
            return delegate.parseCallback(request);
        } catch (RuntimeException e) {
            log.warn("{} callback could not be parsed: {}", delegate.id(), e.toString());
            return new CallbackEvent.Rejected("unparseable callback: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public CallbackReply callbackReply(boolean accepted, String reason) {
        return delegate.callbackReply(accepted, reason);
    }

    private <T> T guarded(String call, Supplier<T> action, Function<String, T> unknown) {
        Future<T> future = CALLS.submit(action::get);
        try {
            T result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return result != null ? result : unknown.apply(call + " returned nothing");
        } catch (TimeoutException e) {
            future.cancel(true);
            log.warn("{} {} timed out after {} ms: outcome unknown", delegate.id(), call, timeout.toMillis());
            return unknown.apply(call + " timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            log.warn("{} {} failed: outcome unknown: {}", delegate.id(), call, e.getCause().toString());
            return unknown.apply(call + " failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown.apply(call + " interrupted");
        }
    }
}
