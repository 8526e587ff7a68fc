package io.payonce.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.payonce.attempt.Attempt;
import io.payonce.order.Order;
import io.payonce.refund.Refund;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the public contract v1. */
final class Views {
    private Views() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AttemptView(String paymentNo, String channel, String status, boolean duplicate, boolean superseded,
                       String channelTxnId, Map<String, String> action, Instant createdAt) {
        static AttemptView of(Attempt a) {
            Map<String, String> action = null;
            if (a.action() != null) {
                action = new LinkedHashMap<>();
                action.put("type", a.action().type());
                action.putAll(a.action().fields());
            }
            return new AttemptView(a.paymentNo(), a.channel(), a.status().name(), a.duplicate(), a.superseded(),
                    a.channelTxnId(), action, a.createdAt());
        }
    }

    record RefundView(String merchantRefundNo, String refundNo, String merchantOrderNo, String paymentNo, String kind,
                      long amount, String currency, String status, String reason, Instant createdAt, Instant finishedAt) {
        static RefundView of(Refund r, String merchantOrderNo) {
            return new RefundView(r.merchantRefundNo(), r.refundNo(), merchantOrderNo, r.paymentNo(), r.kind().name(),
                    r.amountMinor(), r.currency().getCurrencyCode(), r.status().name(), r.reason(), r.createdAt(), r.finishedAt());
        }
    }

    record OrderView(String merchantOrderNo, String status, long amount, String currency, String subject,
                     int attemptsUsed, long capturedAmount, long refundedAmount, Instant createdAt, Instant expireAt,
                     Instant paidAt, Instant closedAt, List<AttemptView> attempts, List<RefundView> refunds) {
        static OrderView of(Order o, List<Attempt> attempts, List<Refund> refunds) {
            return new OrderView(o.merchantOrderNo(), o.status().name(), o.amountMinor(), o.currency().getCurrencyCode(),
                    o.subject(), o.attemptsUsed(), o.capturedMinor(), o.refundedMinor(), o.createdAt(), o.expireAt(),
                    o.paidAt(), o.closedAt(), attempts.stream().map(AttemptView::of).toList(),
                    refunds.stream().map(r -> RefundView.of(r, o.merchantOrderNo())).toList());
        }
    }

    /** @param checkoutUrl the buyer's cashier page for this order (GET /checkout/{paymentNo}); send the buyer there. */
    record PayView(String merchantOrderNo, String orderStatus, String decision, AttemptView attempt,
                   int attemptsUsed, int attemptsMax, String checkoutUrl) {}
}
