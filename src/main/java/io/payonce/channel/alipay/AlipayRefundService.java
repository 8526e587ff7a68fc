package io.payonce.channel.alipay;

import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.RefundState;
import io.payonce.shared.MoneyAmount;
import java.util.List;

/**
 * Refunds: out_request_no is our refundNo, so sending the same refund again never refunds twice.
 * Alipay answers a refund synchronously, but a repeat of one it already made says fund_change=N
 * ("no money moved this time"): only the refund query then tells whether it was made.
 */
final class AlipayRefundService {
    private final AlipayGateway gateway;

    AlipayRefundService(AlipayGateway gateway) {
        this.gateway = gateway;
    }

    RefundState refund(CreateRefund request) {
        if (!AlipayChannel.CNY.equals(request.currency())) {
            return new RefundState(ChannelOutcome.FAILED, null, "currency: Alipay refunds CNY only, not " + request.currency());
        }
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(request.paymentNo());
        model.setOutRequestNo(request.refundNo());
        model.setRefundAmount(MoneyAmount.toDecimalString(request.amountMinor(), AlipayChannel.CNY));
        if (request.reason() != null && !request.reason().isBlank()) {
            model.setRefundReason(request.reason().length() > 256 ? request.reason().substring(0, 256) : request.reason());
        }
        AlipayTradeRefundRequest refund = new AlipayTradeRefundRequest();
        refund.setBizModel(model);
        AlipayReply<AlipayTradeRefundResponse> reply = gateway.execute(refund);
        if (reply.ok() && "Y".equals(reply.response().getFundChange())) {
            return new RefundState(ChannelOutcome.SUCCEEDED, reply.response().getTradeNo(), "refunded (fund_change=Y)");
        }
        if (reply.ok()) {
            return query(request.refundNo(), request.paymentNo()); // fund_change=N or absent: Alipay says ask
        }
        if (reply.refusedWith("ACQ.SELLER_BALANCE_NOT_ENOUGH")) {
            return new RefundState(ChannelOutcome.PENDING, null, "refused for now, retried later: " + reply.describe());
        }
        if (reply.businessRefusal()) return new RefundState(ChannelOutcome.FAILED, null, "refund refused: " + reply.describe());
        // Busy, no answer, or our request refused (credentials): nothing is decided, and a later try with
        // the same out_request_no is safe, so the refund stays on its schedule.
        return RefundState.unknown("refund: " + reply.describe());
    }

    /**
     * REFUND_SUCCESS (or data with no status, as Alipay's docs allow) is a refund made. No data at
     * all means Alipay has no such refund (never received, or not made): PENDING, since sending the
     * refund again with the same out_request_no is safe.
     */
    RefundState query(String refundNo, String paymentNo) {
        AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(paymentNo);
        model.setOutRequestNo(refundNo);
        model.setQueryOptions(List.of("gmt_refund_pay"));
        AlipayTradeFastpayRefundQueryRequest query = new AlipayTradeFastpayRefundQueryRequest();
        query.setBizModel(model);
        AlipayReply<AlipayTradeFastpayRefundQueryResponse> reply = gateway.execute(query);
        if (reply.refusedWith("ACQ.TRADE_NOT_EXIST")) {
            return new RefundState(ChannelOutcome.FAILED, null, "no such trade at Alipay, so no refund");
        }
        if (!reply.ok()) return RefundState.unknown("refund query: " + reply.describe());
        AlipayTradeFastpayRefundQueryResponse found = reply.response();
        if (found.getRefundAmount() == null || found.getRefundAmount().isBlank()) {
            return new RefundState(ChannelOutcome.PENDING, null, "refund not found at Alipay");
        }
        String status = found.getRefundStatus();
        if (status == null || status.isBlank() || status.equals("REFUND_SUCCESS")) {
            return new RefundState(ChannelOutcome.SUCCEEDED, found.getTradeNo(), "refunded " + found.getRefundAmount() + " CNY");
        }
        return RefundState.unknown("refund query: unknown refund_status " + status);
    }
}
