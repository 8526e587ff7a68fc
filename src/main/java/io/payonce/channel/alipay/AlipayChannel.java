package io.payonce.channel.alipay;

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
import java.time.Clock;
import java.util.Currency;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alipay through the official SDK (com.alipay.sdk:alipay-sdk-java), public-key mode with RSA2.
 * Offered only when {@code payonce.alipay.app-id} and both keys are configured.
 */
@Component
@EnableConfigurationProperties(AlipayProperties.class)
@Conditional(AlipayCredentialsPresent.class)
public class AlipayChannel implements PaymentChannel {
    static final Currency CNY = Currency.getInstance("CNY");

    private final AlipayPaymentService payments;
    private final AlipayRefundService refunds;
    private final AlipayCallbackParser callbacks;

    AlipayChannel(AlipayProperties properties, JdbcClient jdbc, Clock clock, JsonMapper json) {
        AlipayKeys keys = AlipayKeys.load(properties);
        AlipayGateway gateway = new AlipayGateway(properties, keys);
        AlipayTrades trades = new AlipayTrades(jdbc, clock);
        this.payments = new AlipayPaymentService(gateway, trades,
                new AlipayPaymentResults(json, clock, properties.clockSkew()), properties, clock);
        this.refunds = new AlipayRefundService(gateway);
        this.callbacks = new AlipayCallbackParser(properties, keys, trades, clock);
    }

    @Override public String id() { return "alipay"; }

    @Override public boolean supports(Currency currency) { return CNY.equals(currency); }

    /** Refused before an order exists, so a bad option never costs the buyer an attempt. */
    @Override
    public java.util.Optional<String> checkOptions(java.util.Map<String, String> channelOptions) {
        for (String key : channelOptions.keySet()) {
            if (!key.equals("tradeType")) return java.util.Optional.of(key + " is not an Alipay option (only tradeType)");
        }
        String tradeType = channelOptions.get("tradeType");
        return tradeType == null || AlipayProduct.parse(tradeType) != null
                ? java.util.Optional.empty()
                : java.util.Optional.of("tradeType must be PAGE or QR, not " + tradeType);
    }

    @Override public CreateResult create(CreatePayment request) { return payments.create(request); }

    @Override public PaymentState query(String paymentNo) { return payments.query(paymentNo); }

    @Override public CloseResult close(String paymentNo) { return payments.close(paymentNo); }

    @Override public RefundState refund(CreateRefund request) { return refunds.refund(request); }

    @Override public RefundState queryRefund(String refundNo, String paymentNo) { return refunds.query(refundNo, paymentNo); }

    @Override public CallbackEvent parseCallback(CallbackRequest request) { return callbacks.parse(request); }

    /** Alipay stops only on the exact text "success"; anything else (here "fail") makes it send again later. */
    @Override
    public CallbackReply callbackReply(boolean accepted, String reason) {
        return new CallbackReply(200, "text/plain", accepted ? "success" : "fail");
    }
}
