package io.payonce.chaos;

import java.util.Map;

/**
 * The merchant's backend, as a real one talks to the gateway: it asks to pay an order and, when
 * the gateway does not answer or answers 5xx (it may be restarting, or its database may be),
 * keeps the request and asks again until it answers (see {@link Http#PATIENCE}). Every answer's
 * order status is recorded.
 */
final class Shop {

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
        long[] sent = {0};
        Http.Response reply = Http.patiently(() -> {
            sent[0] = System.nanoTime();
            return http.postJson(baseUrl + "/v1/payments", apiKey, body);
        }, () -> seen.count("shop: pay request unanswered or 5xx, asked again"));
        if (reply.answered() && reply.status() < 500) record(plan.merchantOrderNo(), sent[0], reply);
        else seen.count("shop: gave up on the gateway");
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
