package io.payonce.channel.sim;

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
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator channel. Offered when the simulator runs inside this gateway, or when
 * {@code payonce.sim.base-url} points at a standalone one.
 */
@Component
@EnableConfigurationProperties(SimProperties.class)
@ConditionalOnExpression("${payonce.simulator.enabled:true} or '${payonce.sim.base-url:}' != ''")
public class SimChannel implements PaymentChannel {
    private final SimPaymentService payments;
    private final SimRefundService refunds;
    private final SimCallbackParser callbacks;
    private final JsonMapper json;

    SimChannel(SimProperties properties, PublicUrls publicUrls, JsonMapper json) {
        SimClient client = new SimClient(properties,
                () -> properties.baseUrl().isEmpty() ? publicUrls.baseUrl() : properties.baseUrl(), json);
        this.payments = new SimPaymentService(client, properties.actionType().equals("qr"));
        this.refunds = new SimRefundService(client);
        this.callbacks = new SimCallbackParser(properties, json, Clock.systemUTC());
        this.json = json;
    }

    @Override public String id() { return "sim"; }

    @Override public CreateResult create(CreatePayment request) { return payments.create(request); }

    @Override public PaymentState query(String paymentNo) { return payments.query(paymentNo); }

    @Override public CloseResult close(String paymentNo) { return payments.close(paymentNo); }

    @Override public RefundState refund(CreateRefund request) { return refunds.refund(request); }

    @Override public RefundState queryRefund(String refundNo, String paymentNo) { return refunds.query(refundNo); }

    @Override public CallbackEvent parseCallback(CallbackRequest request) { return callbacks.parse(request); }

    /** The simulator retries on anything but 2xx, so a refusal must not be 2xx. */
    @Override
    public CallbackReply callbackReply(boolean accepted, String reason) {
        return accepted
                ? new CallbackReply(200, "application/json", "{\"received\":true}")
                : new CallbackReply(400, "application/json", json.writeValueAsString(Map.of("error", String.valueOf(reason))));
    }
}
