package io.payonce.channel.stripe;

import com.stripe.StripeClient;
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
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe, through the official SDK (stripe-java): a PaymentIntent per attempt, the buyer pays it
 * with Stripe.js from the client secret. Offered only when {@code payonce.stripe.secret-key} (or
 * {@code -file}) is set. A PaymentIntent takes at most one successful charge and stays payable
 * after a decline, so the gateway keeps one per order on this channel ({@link #keepsOnePaymentPerOrder}).
 */
@Component
@EnableConfigurationProperties(StripeProperties.class)
@Conditional(StripeConfigured.class)
public class StripeChannel implements PaymentChannel {
    private final StripePaymentService payments;
    private final StripeRefundService refunds;
    private final StripeCallbackParser callbacks;
    private final JsonMapper json;

    @Autowired
    StripeChannel(StripeProperties properties, JdbcClient jdbc, JsonMapper json) {
        this(properties, jdbc, json, Clock.systemUTC());
    }

    /** @param wallClock Stripe's clock stand-in: webhook ages and the 24 h life of idempotency keys */
    StripeChannel(StripeProperties properties, JdbcClient jdbc, JsonMapper json, Clock wallClock) {
        StripeKeys keys = StripeKeys.from(properties);
        // Built once. No SDK retries: ours repeat the same Idempotency-Key, on our schedules.
        StripeClient client = StripeClient.builder()
                .setApiKey(keys.secretKey())
                .setApiBase(properties.apiBase())
                .setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
                .setMaxNetworkRetries(0)
                .build();
        StripeRecords records = new StripeRecords(jdbc, wallClock);
        StripeIntents intents = new StripeIntents(client, records);
        this.payments = new StripePaymentService(intents, records, keys);
        this.refunds = new StripeRefundService(client, intents, records);
        this.callbacks = new StripeCallbackParser(properties, keys, records, wallClock);
        this.json = json;
    }

    @Override public String id() { return "stripe"; }

    @Override public boolean supports(Currency currency) { return StripeAmounts.supports(currency); }

    @Override public boolean keepsOnePaymentPerOrder() { return true; }

    @Override public CreateResult create(CreatePayment request) { return payments.create(request); }

    @Override public PaymentState query(String paymentNo) { return payments.query(paymentNo); }

    @Override public CloseResult close(String paymentNo) { return payments.close(paymentNo); }

    @Override public RefundState refund(CreateRefund request) { return refunds.refund(request); }

    @Override public RefundState queryRefund(String refundNo, String paymentNo) { return refunds.query(refundNo, paymentNo); }

    @Override public CallbackEvent parseCallback(CallbackRequest request) { return callbacks.parse(request); }

    /** Stripe retries any non-2xx for days, so a refused event gets 400 and an accepted one 200. */
    @Override
    public CallbackReply callbackReply(boolean accepted, String reason) {
        return accepted
                ? new CallbackReply(200, "application/json", "{\"received\":true}")
                : new CallbackReply(400, "application/json", json.writeValueAsString(Map.of("error", String.valueOf(reason))));
    }
}
