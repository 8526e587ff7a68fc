package io.payonce.web;

import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.order.Order;
import io.payonce.order.SettleAttempt;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * M9: the buyer pages' pull. A PENDING attempt is queried at its channel on demand, at most once
 * per attempt per {@link #PULL_INTERVAL} across all nodes (a database compare-and-set), so a page
 * left open cannot spend the channel's query budget.
 */
@RestController
class PaymentStatusController {
    static final Duration PULL_INTERVAL = Duration.ofSeconds(2);

    /**
     * @param result    paid | closed | failed | checking (see {@link BuyerState})
     * @param retryable the buyer may start another attempt (this one ended unpaid and the order has attempts left)
     */
    record StatusView(String paymentNo, String result, String orderStatus, String attemptStatus, String returnUrl,
                      boolean retryable) {}

    private final Attempts attempts;
    private final Cashier cashier;
    private final SettleAttempt settle;

    PaymentStatusController(Attempts attempts, Cashier cashier, SettleAttempt settle) {
        this.attempts = attempts;
        this.cashier = cashier;
        this.settle = settle;
    }

    @GetMapping("/checkout/{paymentNo}/status")
    ResponseEntity<StatusView> status(@PathVariable String paymentNo) {
        Attempt attempt = cashier.attempt(paymentNo);
        if (attempt.status() == AttemptStatus.PENDING && attempts.claimPull(paymentNo, PULL_INTERVAL)) {
            settle.query(paymentNo);
            attempt = cashier.attempt(paymentNo);
        }
        Order order = cashier.order(attempt);
        StatusView view = new StatusView(paymentNo, BuyerState.of(order, attempt), order.status().name(),
                attempt.status().name(), order.returnUrl(), cashier.page(attempt, order).retryable());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
    }
}
