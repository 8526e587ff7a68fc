package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.channel.stripe.StripeProtocolServer;
import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway over HTTP with the stripe channel against the local Stripe (real stripe-java SDK,
 * webhooks signed as Stripe signs them). Polls are slow here (first one after an hour), so only
 * webhooks, the return page and M3 can find the truth.
 */
@GatewayTest
class StripeScenarioTest extends ScenarioSupport {
    static final StripeProtocolServer STRIPE = StripeProtocolServer.start();

    @DynamicPropertySource
    static void stripe(DynamicPropertyRegistry registry) {
        registry.add("payonce.stripe.secret-key", () -> StripeProtocolServer.SECRET_KEY);
        registry.add("payonce.stripe.publishable-key", () -> StripeProtocolServer.PUBLISHABLE_KEY);
        registry.add("payonce.stripe.webhook-secret", () -> StripeProtocolServer.WEBHOOK_SECRET);
        registry.add("payonce.stripe.api-base", STRIPE::baseUrl);
    }

    @Override
    Map<String, Object> policy() {
        return Map.of("pollSchedule", "1h,2h");
    }

    @BeforeEach
    void webhooksToTheGateway() {
        STRIPE.reset();
        STRIPE.webhookEndpoint(baseUrl() + "/channels/stripe/notify");
    }

    @AfterAll
    static void stopStripe() {
        STRIPE.close();
    }

    Reply payOnStripe(String orderNo, long amount, String currency) {
        return api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", amount, "currency", currency, "channel", "stripe"));
    }

    @Test
    void seed_000_on_stripe_webhooks_lost_and_page_pull_failing_the_buyer_pays_and_asks_again_four_minutes_later() {
        STRIPE.dropWebhooks(true);
        String orderNo = newOrderNo();
        Reply first = payOnStripe(orderNo, 4999, "USD");
        String paymentNo = first.text("attempt.paymentNo");
        STRIPE.rateLimit(true); // the page's pulls fail: Stripe answers 429
        var page = new GatewayClient(baseUrl(), null);
        assertThat(STRIPE.buyerConfirms(first.text("attempt.action.clientSecret"), "pm_card_visa").statusCode()).isEqualTo(200);
        assertThat(page.get("/checkout/" + paymentNo + "/status").text("result")).as("the page cannot learn the truth").isEqualTo("checking");
        STRIPE.rateLimit(false);
        clock.advance(Duration.ofMinutes(4));

        Reply again = payOnStripe(orderNo, 4999, "USD");

        assertThat(first.text("decision")).isEqualTo("NEW_ATTEMPT");
        assertThat(first.text("attempt.action.type")).isEqualTo("sdk");
        assertThat(again.text("decision")).isEqualTo("ALREADY_PAID");
        assertThat(again.text("attempt.paymentNo")).isEqualTo(paymentNo);
        assertThat(STRIPE.paymentIntents(paymentNo)).hasSize(1);
        assertThat(STRIPE.charges(paymentNo)).as("one capture at Stripe").isEqualTo(1);
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sales().size() == 1);
        assertThat(STRIPE.events()).filteredOn(e -> e.payload().contains(paymentNo)).as("its webhook was lost")
                .singleElement().satisfies(e -> assertThat(e.status()).isZero());
    }

    @Test
    void one_payment_intent_per_order_a_retry_after_the_window_gets_the_same_client_secret_and_only_one_charge_can_happen() {
        String orderNo = newOrderNo();
        Reply first = payOnStripe(orderNo, 3000, "EUR");
        String paymentNo = first.text("attempt.paymentNo");
        String clientSecret = first.text("attempt.action.clientSecret");
        clock.advance(Duration.ofMinutes(1));
        Reply second = payOnStripe(orderNo, 3000, "EUR");
        assertThat(STRIPE.buyerConfirms(clientSecret, "pm_card_chargeDeclined").statusCode()).isEqualTo(402);
        clock.advance(Duration.ofMinutes(1));
        Reply afterDecline = payOnStripe(orderNo, 3000, "EUR");

        for (Reply retry : new Reply[] {second, afterDecline}) {
            assertThat(retry.text("decision")).isEqualTo("REUSED_ATTEMPT");
            assertThat(retry.text("attempt.paymentNo")).isEqualTo(paymentNo);
            assertThat(retry.text("attempt.action.clientSecret")).isEqualTo(clientSecret);
            assertThat(retry.body().path("attemptsUsed").asInt()).isEqualTo(1);
        }
        assertThat(STRIPE.paymentIntents(paymentNo)).hasSize(1);

        // two tabs, one PaymentIntent: Stripe takes the money once
        int tabOne = STRIPE.buyerConfirms(clientSecret, "pm_card_visa").statusCode();
        int tabTwo = STRIPE.buyerConfirms(afterDecline.text("attempt.action.clientSecret"), "pm_card_visa").statusCode();
        assertThat(tabOne).isEqualTo(200);
        assertThat(tabTwo).isEqualTo(400);
        assertThat(STRIPE.charges(paymentNo)).isEqualTo(1);
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(10));
        clock.advance(Duration.ofMinutes(1));
        assertThat(payOnStripe(orderNo, 3000, "EUR").text("decision")).isEqualTo("ALREADY_PAID");
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
    }

    @Test
    void while_stripe_rate_limits_a_retried_order_keeps_its_payment_intent_instead_of_superseding_it() {
        String orderNo = newOrderNo();
        String paymentNo = payOnStripe(orderNo, 1500, "USD").text("attempt.paymentNo");
        clock.advance(Duration.ofMinutes(1));
        STRIPE.rateLimit(true);

        Reply retry = payOnStripe(orderNo, 1500, "USD");
        STRIPE.rateLimit(false);

        assertThat(retry.text("decision")).isEqualTo("REUSED_ATTEMPT");
        assertThat(retry.text("attempt.paymentNo")).isEqualTo(paymentNo);
        JsonNode attempts = api.order(orderNo).body().path("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).path("superseded").asBoolean()).isFalse();
        assertThat(STRIPE.paymentIntents(paymentNo)).singleElement().satisfies(i -> assertThat(i).containsEntry("status", "requires_payment_method"));
    }

    @Test
    void m11_a_webhook_delivered_twice_is_applied_once_and_a_tampered_one_is_refused_and_recorded() {
        String orderNo = newOrderNo();
        Reply paid = payOnStripe(orderNo, 2200, "USD");
        STRIPE.buyerConfirms(paid.text("attempt.action.clientSecret"), "pm_card_visa");
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(10));
        var succeeded = STRIPE.events().stream().filter(e -> e.type().equals("payment_intent.succeeded")
                && e.payload().contains(paid.text("attempt.paymentNo"))).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered(succeeded.id()) == 200);

        var replayed = STRIPE.deliver(succeeded);
        int tamperedStatus = postWebhook(succeeded.payload().replace("\"amount\":2200", "\"amount\":1"), succeeded.signature());

        assertThat(replayed.status()).as("accepted again, so Stripe stops").isEqualTo(200);
        assertThat(count("select count(*) from channel_callback where channel = 'stripe' and event_id = ? and verified", succeeded.id())).isEqualTo(1);
        assertThat(tamperedStatus).isEqualTo(400);
        assertThat(count("select count(*) from channel_callback where channel = 'stripe' and not verified and reject_reason like '%No signatures found%'"))
                .isGreaterThanOrEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
    }

    @Test
    void m6_a_stripe_payment_made_after_the_order_was_paid_on_another_channel_is_refunded_through_stripe() {
        String orderNo = newOrderNo();
        Reply onStripe = payOnStripe(orderNo, 2500, "USD");
        String stripeNo = onStripe.text("attempt.paymentNo");
        clock.advance(Duration.ofSeconds(11));
        STRIPE.rateLimit(true); // M3 can neither ask nor cancel the PaymentIntent: it is superseded (M5)
        String simNo = api.pay(orderNo, 2500, "USD").text("attempt.paymentNo");
        sim.pay(simNo);
        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(10));
        STRIPE.buyerConfirms(onStripe.text("attempt.action.clientSecret"), "pm_card_visa"); // the Stripe tab was still open
        STRIPE.rateLimit(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> STRIPE.refunded(stripeNo) == 2500);
        JsonNode order = api.order(orderNo).body();
        assertThat(order.path("status").asString()).isEqualTo("PAID");
        assertThat(order.path("refunds").get(0).path("kind").asString()).isEqualTo("DUPLICATE");
        await().atMost(Duration.ofSeconds(5)).until(() -> sales().size() == 1);
        assertThat(sales()).extracting(n -> n.path("data").path("paymentNo").asString()).containsExactly(simNo);
    }

    @Test
    void a_currency_whose_stripe_unit_is_ambiguous_is_refused_before_the_order_exists() {
        String orderNo = newOrderNo();
        Reply refused = payOnStripe(orderNo, 100000, "HUF");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("invalid_request");
        assertThat(refused.text("error.message")).startsWith("currency").contains("HUF");
        assertThat(api.order(orderNo).status()).isEqualTo(404);
    }

    private int delivered(String eventId) {
        return STRIPE.events().stream().filter(e -> e.id().equals(eventId)).findFirst().orElseThrow().status();
    }

    private int postWebhook(String body, String signature) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/channels/stripe/notify"))
                    .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
