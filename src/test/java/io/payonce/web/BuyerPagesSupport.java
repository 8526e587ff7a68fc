package io.payonce.web;

import io.payonce.support.GatewayClient;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.SimulatorClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the buyer-page tests share: a merchant whose own compensation poll is an hour away (so only
 * the pages can learn a result quickly), its notify endpoint, the simulator, and the admin API.
 */
abstract class BuyerPagesSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ORDERS = new AtomicInteger();

    @LocalServerPort int port;

    SimulatorClient sim;
    MerchantReceiver merchantEndpoint;
    GatewayClient api;
    GatewayClient admin;

    @BeforeEach
    void merchantAndSimulator() {
        sim = new SimulatorClient(baseUrl());
        sim.resetFaults();
        merchantEndpoint = MerchantReceiver.start();
        Map<String, Object> fields = new HashMap<>(Map.of("name", "Tea House", "notifyUrl", merchantEndpoint.url(),
                "pollSchedule", "1h", "supersededPollSchedule", "500ms,1s,1s,2s,3s", "duplicateWindowSeconds", 10));
        api = GatewayClient.newMerchant(baseUrl(), fields).api();
        admin = new GatewayClient(baseUrl(), GatewayClient.ADMIN_TOKEN);
    }

    @AfterEach
    void stopEndpoint() {
        merchantEndpoint.close();
        sim.resetFaults();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    static String newOrderNo() {
        return "order-" + System.nanoTime() + "-" + ORDERS.incrementAndGet();
    }

    /** POST /v1/payments with a subject and a return URL, as a shop would; the reply. */
    GatewayClient.Reply pay(String orderNo, long amount, String currency) {
        GatewayClient.Reply reply = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", amount,
                "currency", currency, "channel", "sim", "subject", "Oolong tea, 250 g", "returnUrl", "https://shop.example/orders/" + orderNo));
        if (reply.status() != 200) throw new IllegalStateException("payment not created: " + reply);
        return reply;
    }

    /** How much the simulator captured, over every attempt of the order: exactly-once means the amount, once. */
    long capturedForOrder(String orderNo) {
        List<String> paymentNos = api.order(orderNo).body().path("attempts").findValuesAsString("paymentNo");
        return sim.ledger().stream().filter(line -> paymentNos.contains(line.path("paymentNo").asString()))
                .mapToLong(line -> line.path("capturedAmount").asLong()).sum();
    }

    List<JsonNode> sales() {
        return merchantEndpoint.received().stream().map(r -> JSON.readTree(r.rawBody()))
                .filter(n -> n.path("type").asString().equals("payment.succeeded")).toList();
    }

    /** Waits until the gateway knows what the buyer's page will say ("failed" once the sim's callback or a pull arrived). */
    void awaitResult(String paymentNo, String result) {
        GatewayClient page = new GatewayClient(baseUrl(), null);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> page.get("/checkout/" + paymentNo + "/status").text("result").equals(result));
    }

    /** The client events of one payment, newest first, through the admin API. */
    List<JsonNode> clientEvents(String paymentNo) {
        GatewayClient.Reply reply = admin.get("/v1/admin/client-events?limit=200&paymentNo=" + paymentNo);
        if (reply.status() != 200) throw new IllegalStateException("admin read failed: " + reply);
        List<JsonNode> events = new java.util.ArrayList<>();
        reply.body().path("events").forEach(events::add);
        return events;
    }
}
