package io.payonce.scenarios;

import static org.awaitility.Awaitility.await;

import io.payonce.shared.ShiftableClock;
import io.payonce.support.GatewayClient;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.SimulatorClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every scenario needs: a merchant with short schedules, its notify endpoint, the simulator. */
abstract class ScenarioSupport {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ORDERS = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired ShiftableClock clock;
    @Autowired JdbcClient jdbc;

    SimulatorClient sim;
    MerchantReceiver merchantEndpoint;
    GatewayClient.Merchant merchant;
    GatewayClient api;

    @BeforeEach
    void merchantAndSimulator() {
        sim = new SimulatorClient(baseUrl());
        sim.resetFaults();
        merchantEndpoint = MerchantReceiver.start();
        Map<String, Object> fields = new HashMap<>(Map.of("name", "Scenario Shop", "notifyUrl", merchantEndpoint.url(),
                "pollSchedule", "1s,1s,1s,2s,2s,3s,5s", "supersededPollSchedule", "500ms,1s,1s,2s,3s"));
        fields.putAll(policy());
        merchant = GatewayClient.newMerchant(baseUrl(), fields);
        api = merchant.api();
    }

    @AfterEach
    void stopEndpoint() {
        merchantEndpoint.close();
        sim.resetFaults();
    }

    /** Policy fields a scenario wants on top of the short schedules. */
    Map<String, Object> policy() {
        return Map.of();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    static String newOrderNo() {
        return "order-" + System.nanoTime() + "-" + ORDERS.incrementAndGet();
    }

    GatewayClient.Reply awaitOrder(String merchantOrderNo, Predicate<GatewayClient.Reply> condition, Duration atMost) {
        GatewayClient.Reply[] last = new GatewayClient.Reply[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> condition.test(last[0] = api.order(merchantOrderNo)));
        return last[0];
    }

    List<JsonNode> sales() {
        return notifications("payment.succeeded");
    }

    List<JsonNode> notifications(String type) {
        return merchantEndpoint.received().stream().map(r -> JSON.readTree(r.rawBody()))
                .filter(n -> n.path("type").asString().equals(type)).toList();
    }

    long captured(String paymentNo) {
        return sim.ledgerLine(paymentNo).path("capturedAmount").asLong();
    }

    long refunded(String paymentNo) {
        return sim.ledgerLine(paymentNo).path("refundedAmount").asLong();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
