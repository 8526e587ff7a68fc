package io.payonce.refund;

import io.payonce.merchant.Merchant;
import io.payonce.order.Order;
import io.payonce.order.Orders;
import io.payonce.shared.Ids;
import io.payonce.shared.Jobs;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * POST /v1/refunds: idempotent on merchantRefundNo; never more than captured minus what other
 * refunds hold. Checked under the order's row lock, so two refunds cannot both take the rest.
 */
@Service
public class RequestRefund {
    public record Command(String merchantOrderNo, String merchantRefundNo, long amountMinor, String reason) {}

    public sealed interface Outcome {
        record Accepted(Refund refund, Order order) implements Outcome {}
        record Refused(int httpStatus, String code, String message) implements Outcome {}
    }

    private final Orders orders;
    private final Refunds refunds;
    private final Jobs jobs;
    private final Clock clock;

    RequestRefund(Orders orders, Refunds refunds, Jobs jobs, Clock clock) {
        this.orders = orders;
        this.refunds = refunds;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Transactional
    public Outcome request(Merchant merchant, Command command) {
        Order order = orders.lock(merchant.merchantId(), command.merchantOrderNo()).orElse(null);
        if (order == null) {
            return new Outcome.Refused(404, "not_found", "order " + command.merchantOrderNo() + " not found");
        }
        Refund existing = refunds.findByMerchantRefundNo(merchant.merchantId(), command.merchantRefundNo()).orElse(null);
        if (existing != null) {
            if (existing.orderId() != order.orderId() || existing.amountMinor() != command.amountMinor()) {
                return new Outcome.Refused(409, "refund_mismatch", "refund " + command.merchantRefundNo()
                        + " exists for another order or amount");
            }
            return new Outcome.Accepted(existing, order);
        }
        if (!order.status().isPaid()) {
            return new Outcome.Refused(409, "order_not_paid", "order " + order.merchantOrderNo() + " is " + order.status());
        }
        long left = order.capturedMinor() - refunds.reservedMinor(order.orderId());
        if (command.amountMinor() > left) {
            return new Outcome.Refused(409, "refund_exceeds_captured", "amount: " + command.amountMinor()
                    + " is more than the " + left + " left to refund");
        }
        Refund refund = new Refund(Ids.next("r", clock.instant()), order.orderId(), merchant.merchantId(),
                order.payingPaymentNo(), command.merchantRefundNo(), Refund.Kind.MERCHANT, command.amountMinor(),
                order.currency(), command.reason(), RefundStatus.PENDING, null, null, clock.instant(), null);
        refunds.insert(refund);
        jobs.schedule(RefundJob.NAME, refund.refundNo(), clock.instant(), 0);
        return new Outcome.Accepted(refund, order);
    }
}
