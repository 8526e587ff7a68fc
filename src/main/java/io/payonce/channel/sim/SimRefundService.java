package io.payonce.channel.sim;

import io.payonce.channel.CreateRefund;
import io.payonce.channel.RefundState;
import java.util.Map;

/** Refunds at the simulator, idempotent on refundNo. */
final class SimRefundService {
    private final SimClient client;

    SimRefundService(SimClient client) {
        this.client = client;
    }

    RefundState refund(CreateRefund request) {
        return SimResults.refund(client.post("/sim/api/refunds", Map.of(
                "refundNo", request.refundNo(), "paymentNo", request.paymentNo(), "amount", request.amountMinor())));
    }

    RefundState query(String refundNo) {
        return SimResults.refund(client.get("/sim/api/refunds/" + SimPaymentService.encode(refundNo)));
    }
}
