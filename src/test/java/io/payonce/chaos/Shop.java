package io.payonce.chaos;

import java.time.Duration;
import java.util.Map;

/**
 * The merchant's backend, as a real one talks to the gateway: it asks to pay an order and, when
 * the gateway does not answer or answers 5xx (it may be restarting, or its database may be),
 * tries the same request twice more at once, then tells the buyer it failed. Every answer's
 * order status is recorded.
 */
final class Shop {
    private static final int TRIES = 3;
    private static final Duration BACKOFF = Duration.ofMillis(150);

    private final Http http;
    private final String baseUrl;
    private final String apiKey;
    private final Observations seen;

    Shop(Http http, String baseUrl, String apiKey, Observations seen) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.seen = seen;
    }

    Http.Response pay(BuyerPlan plan, String channel) {
        Map<String, Object> body = Map.of("merchantOrderNo", plan.merchantOrderNo(), "amount", plan.amountMinor(),
                "currency", "USD", "channel", channel, "subject", "Chaos order " + plan.index());
        Http.Response reply = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            long sent = System.nanoTime();
            reply = http.postJson(baseUrl + "/v1/payments", apiKey, body);
            if (reply.answered() && reply.status() < 500) {
                record(plan.merchantOrderNo(), sent, reply);
                return reply;
            }
            seen.count("shop: pay request " + (reply.answered() ? "answered " + reply.status() : "unanswered"));
            Buyer.sleep(BACKOFF.multipliedBy(attempt));
        }
        return reply;
    }

    /** GET the order, once; the status is recorded when there is an answer. */
    void look(String merchantOrderNo) {
        long sent = System.nanoTime();
        Http.Response reply = http.get(baseUrl + "/v1/payments/" + merchantOrderNo, apiKey);
        if (reply.ok()) seen.sawStatus(merchantOrderNo, sent, reply.text("status"), "merchant GET");
    }

    private void record(String merchantOrderNo, long sent, Http.Response reply) {
        if (reply.ok()) {
            seen.sawStatus(merchantOrderNo, sent, reply.text("orderStatus"), "pay reply");
            seen.sawPayment(merchantOrderNo, reply.text("attempt.paymentNo"));
            seen.count("shop: decision " + reply.text("decision"));
        } else {
            seen.count("shop: refused " + reply.text("error.code"));
        }
    }
}
