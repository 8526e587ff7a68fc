package io.payonce.api;

import io.payonce.api.Views.AttemptView;
import io.payonce.api.Views.OrderView;
import io.payonce.api.Views.PayView;
import io.payonce.attempt.Attempts;
import io.payonce.channel.Channels;
import io.payonce.merchant.Merchant;
import io.payonce.order.CloseOrder;
import io.payonce.order.NewOrder;
import io.payonce.order.Order;
import io.payonce.order.Orders;
import io.payonce.order.PayOrder;
import io.payonce.order.PayOutcome;
import io.payonce.order.SyncOrder;
import io.payonce.refund.Refunds;
import io.payonce.shared.ApiException;
import io.payonce.shared.PublicUrls;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class PaymentsController {
    private final PayOrder payOrder;
    private final SyncOrder syncOrder;
    private final CloseOrder closeOrder;
    private final Orders orders;
    private final Attempts attempts;
    private final Refunds refunds;
    private final Channels channels;
    private final PublicUrls urls;
    private final long maxAmountMinor;

    PaymentsController(PayOrder payOrder, SyncOrder syncOrder, CloseOrder closeOrder, Orders orders, Attempts attempts,
                       Refunds refunds, Channels channels, PublicUrls urls,
                       @Value("${payonce.payments.max-amount-minor:100000000000}") long maxAmountMinor) {
        this.payOrder = payOrder;
        this.syncOrder = syncOrder;
        this.closeOrder = closeOrder;
        this.orders = orders;
        this.attempts = attempts;
        this.refunds = refunds;
        this.channels = channels;
        this.urls = urls;
        this.maxAmountMinor = maxAmountMinor;
    }

    @PostMapping("/v1/payments")
    PayView pay(@RequestAttribute(Authentication.MERCHANT) Merchant merchant, @RequestBody(required = false) JsonNode body) {
        NewOrder request = parse(Fields.of(body));
        return switch (payOrder.pay(merchant, request)) {
            case PayOutcome.Refused refused -> throw new ApiException(refused.refusal().httpStatus, refused.refusal().code, refused.message());
            case PayOutcome.Decided decided -> new PayView(decided.order().merchantOrderNo(), decided.order().status().name(),
                    decided.decision().name(), AttemptView.of(decided.attempt()), decided.order().attemptsUsed(),
                    merchant.policy().maxAttempts(), urls.of("/checkout/" + decided.attempt().paymentNo()));
        };
    }

    @GetMapping("/v1/payments/{merchantOrderNo}")
    OrderView get(@RequestAttribute(Authentication.MERCHANT) Merchant merchant, @PathVariable String merchantOrderNo) {
        return view(ownOrder(merchant, merchantOrderNo));
    }

    @PostMapping("/v1/payments/{merchantOrderNo}/sync")
    OrderView sync(@RequestAttribute(Authentication.MERCHANT) Merchant merchant, @PathVariable String merchantOrderNo) {
        return view(syncOrder.sync(ownOrder(merchant, merchantOrderNo).orderId()));
    }

    @PostMapping("/v1/payments/{merchantOrderNo}/close")
    OrderView close(@RequestAttribute(Authentication.MERCHANT) Merchant merchant, @PathVariable String merchantOrderNo) {
        return view(closeOrder.close(ownOrder(merchant, merchantOrderNo).orderId(), "closed by merchant"));
    }

    private Order ownOrder(Merchant merchant, String merchantOrderNo) {
        return orders.find(merchant.merchantId(), merchantOrderNo)
                .orElseThrow(() -> ApiException.notFound("order " + merchantOrderNo));
    }

    private OrderView view(Order order) {
        return OrderView.of(order, attempts.ofOrder(order.orderId()), refunds.ofOrder(order.orderId()));
    }

    private NewOrder parse(Fields fields) {
        String merchantOrderNo = fields.reference("merchantOrderNo");
        long amount = fields.amount("amount", maxAmountMinor);
        var currency = fields.currency("currency");
        String channel = fields.requiredString("channel", 32);
        if (!Channels.KNOWN.contains(channel)) {
            throw ApiException.invalid("channel", "must be one of sim, stripe, wechatpay, alipay");
        }
        if (channels.find(channel).isEmpty()) {
            throw new ApiException(400, "channel_not_available", "channel: " + channel + " is not configured on this gateway");
        }
        if (!channels.get(channel).supports(currency)) {
            throw ApiException.invalid("currency", currency.getCurrencyCode() + " is not supported by channel " + channel);
        }
        Long expireSeconds = fields.optionalWholeNumber("expireSeconds", 1, 30L * 24 * 3600);
        var channelOptions = fields.optionalStringMap("channelOptions", 10, 32, 128);
        channels.get(channel).checkOptions(channelOptions).ifPresent(reason -> {
            throw ApiException.invalid("channelOptions", reason);
        });
        return new NewOrder(merchantOrderNo, amount, currency, channel, fields.optionalString("subject", 128),
                fields.optionalUrl("returnUrl"), fields.optionalUrl("notifyUrl"),
                expireSeconds == null ? null : Duration.ofSeconds(expireSeconds), channelOptions);
    }
}
