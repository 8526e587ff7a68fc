package io.payonce.api;

import io.payonce.api.Views.RefundView;
import io.payonce.merchant.Merchant;
import io.payonce.order.Orders;
import io.payonce.refund.Refund;
import io.payonce.refund.Refunds;
import io.payonce.refund.RequestRefund;
import io.payonce.shared.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class RefundsController {
    private final RequestRefund requestRefund;
    private final Refunds refunds;
    private final Orders orders;
    private final long maxAmountMinor;

    RefundsController(RequestRefund requestRefund, Refunds refunds, Orders orders,
                      @Value("${payonce.payments.max-amount-minor:100000000000}") long maxAmountMinor) {
        this.requestRefund = requestRefund;
        this.refunds = refunds;
        this.orders = orders;
        this.maxAmountMinor = maxAmountMinor;
    }

    @PostMapping("/v1/refunds")
    RefundView refund(@RequestAttribute(Authentication.MERCHANT) Merchant merchant, @RequestBody(required = false) JsonNode body) {
        Fields fields = Fields.of(body);
        var command = new RequestRefund.Command(fields.reference("merchantOrderNo"), fields.reference("merchantRefundNo"),
                fields.amount("amount", maxAmountMinor), fields.optionalString("reason", 256));
        return switch (requestRefund.request(merchant, command)) {
            case RequestRefund.Outcome.Refused refused -> throw new ApiException(refused.httpStatus(), refused.code(), refused.message());
            case RequestRefund.Outcome.Accepted accepted -> RefundView.of(accepted.refund(), accepted.order().merchantOrderNo());
        };
    }

    @GetMapping("/v1/refunds/{merchantRefundNo}")
    RefundView get(@RequestAttribute(Authentication.MERCHANT) Merchant merchant, @PathVariable String merchantRefundNo) {
        Refund refund = refunds.findByMerchantRefundNo(merchant.merchantId(), merchantRefundNo)
                .orElseThrow(() -> ApiException.notFound("refund " + merchantRefundNo));
        return RefundView.of(refund, orders.find(refund.orderId()).orElseThrow().merchantOrderNo());
    }
}
