package io.payonce.channel.stripe;

import io.payonce.channel.CallbackRequest;
import io.payonce.channel.Channels;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentChannel;
import io.payonce.support.CallbackReceiver;
import io.payonce.support.GatewayTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway configured for Stripe against one local Stripe protocol server, shared by the
 * adapter tests (one Spring context for all of them). Webhooks go to a {@link CallbackReceiver}
 * so that each test hands them to the adapter itself, untouched or tampered with.
 */
@GatewayTest
abstract class StripeTestSupport {
    static final StripeProtocolServer STRIPE = StripeProtocolServer.start();
    static final Currency EUR = Currency.getInstance("EUR");
    static final Duration WEBHOOK_WAIT = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("payonce.stripe.secret-key", () -> StripeProtocolServer.SECRET_KEY);
        registry.add("payonce.stripe.publishable-key", () -> StripeProtocolServer.PUBLISHABLE_KEY);
        registry.add("payonce.stripe.webhook-secret", () -> StripeProtocolServer.WEBHOOK_SECRET);
        registry.add("payonce.stripe.api-base", STRIPE::baseUrl);
    }

    @Autowired Channels channels;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    PaymentChannel stripe;
    CallbackReceiver webhooks;
    final List<CallbackRequest> unread = new ArrayList<>();

    @BeforeEach
    void stripeChannel() {
        STRIPE.reset();
        stripe = channels.get("stripe");
        webhooks = new CallbackReceiver();
        STRIPE.webhookEndpoint(webhooks.url());
    }

    @AfterEach
    void stopReceiver() {
        STRIPE.reset();
        webhooks.close();
    }

    static CreatePayment newPayment(long amountMinor, Currency currency) {
        String paymentNo = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return new CreatePayment(paymentNo, amountMinor, currency, "Blue mug", "http://shop.example/return",
                "http://gateway.example/channels/stripe/notify", Instant.now().plus(Duration.ofHours(2)));
    }

    /** An adapter of our own, beside the gateway's, e.g. with another key or a short read timeout. */
    StripeChannel adapter(String secretKey, Duration readTimeout, Clock wallClock) {
        return new StripeChannel(new StripeProperties(secretKey, null, StripeProtocolServer.PUBLISHABLE_KEY,
                StripeProtocolServer.WEBHOOK_SECRET, null, STRIPE.baseUrl(), Duration.ofSeconds(1), readTimeout,
                Duration.ofMinutes(5), Duration.ofMinutes(1)), jdbc, json, wallClock);
    }

    String clientSecret(CreateResult created) {
        return created.action().fields().get("clientSecret");
    }

    /** The first webhook of this type Stripe sent and no test took yet (they arrive in any order). */
    CallbackRequest nextWebhook(String type) {
        for (CallbackRequest request = take(type); ; request = take(type)) {
            if (request != null) return request;
            CallbackRequest arrived = webhooks.next(WEBHOOK_WAIT);
            if (arrived == null) throw new AssertionError("no " + type + " webhook within " + WEBHOOK_WAIT);
            unread.add(arrived);
        }
    }

    private CallbackRequest take(String type) {
        for (CallbackRequest request : unread) {
            if (json.readTree(request.body()).path("type").asString().equals(type)) {
                unread.remove(request);
                return request;
            }
        }
        return null;
    }

    static CallbackRequest signedAt(String body, long timestamp, String secret) {
        return new CallbackRequest(Map.of("stripe-signature", StripeProtocolServer.sign(body, timestamp, secret)), body);
    }

    long postsTo(String path) {
        return STRIPE.calls().stream().filter(c -> c.method().equals("POST") && c.path().equals(path)).count();
    }

    long postsWithKey(String idempotencyKey) {
        return STRIPE.calls().stream().filter(c -> c.method().equals("POST") && idempotencyKey.equals(c.idempotencyKey())).count();
    }
}
