package io.payonce.channel.wechatpay;

import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackReply;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentChannel;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import io.payonce.shared.PublicUrls;
import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat Pay API v3 through the official SDK (com.github.wechatpay-apiv3:wechatpay-java), for one
 * merchant in direct mode, CNY only. Offered only when {@code payonce.wechatpay.mchid} and its
 * private key are configured. See docs/channels.md, "WeChat Pay".
 */
@Component
@Conditional(WechatPayConfigured.class)
@EnableConfigurationProperties(WechatPayProperties.class)
public class WechatPayChannel implements PaymentChannel {
    static final String ID = "wechatpay";

    private final WechatPayPaymentService payments;
    private final WechatPayRefundService refunds;
    private final WechatPayCallbackParser callbacks;
    private final JsonMapper json;

    @Autowired
    WechatPayChannel(WechatPayProperties properties, PublicUrls urls, NotificationNonces nonces, JsonMapper json) {
        this(properties, WechatPaySdk.build(properties), () -> urls.of("/channels/" + ID + "/notify"), nonces, json,
                Clock.systemUTC());
    }

    /** @param wallClock WeChat Pay signs notifications with wall time, so freshness is judged by it. */
    WechatPayChannel(WechatPayProperties properties, WechatPaySdk sdk, Supplier<String> refundNotifyUrl,
                     NotificationNonces nonces, JsonMapper json, Clock wallClock) {
        this.payments = new WechatPayPaymentService(sdk, properties);
        this.refunds = new WechatPayRefundService(sdk, refundNotifyUrl);
        this.callbacks = new WechatPayCallbackParser(properties, sdk.notifications(), nonces, json, wallClock);
        this.json = json;
    }

    @Override public String id() { return ID; }

    @Override public boolean supports(Currency currency) { return WechatPayMoney.CNY.equals(currency); }

    @Override public Optional<String> checkOptions(Map<String, String> channelOptions) { return WechatPayOptions.problem(channelOptions); }

    @Override public CreateResult create(CreatePayment request) { return payments.create(request); }

    @Override public PaymentState query(String paymentNo) { return payments.query(paymentNo); }

    @Override public CloseResult close(String paymentNo) { return payments.close(paymentNo); }

    @Override public RefundState refund(CreateRefund request) { return refunds.refund(request); }

    @Override public RefundState queryRefund(String refundNo, String paymentNo) { return refunds.query(refundNo); }

    @Override public CallbackEvent parseCallback(CallbackRequest request) { return callbacks.parse(request); }

    /** WeChat Pay wants 2xx without a body when accepted, and retries on anything else; a refusal says why. */
    @Override
    public CallbackReply callbackReply(boolean accepted, String reason) {
        if (accepted) {
            return new CallbackReply(204, "application/json", "");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", "FAIL");
        body.put("message", reason == null ? "refused" : reason);
        return new CallbackReply(400, "application/json", json.writeValueAsString(body));
    }
}
