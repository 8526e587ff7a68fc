package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayProcess;
import io.payonce.support.JavaProcess;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.SimulatorClient;
import io.payonce.support.SimulatorProcess;
import io.payonce.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "No paid order is lost, even when the gateway crashes": the gateway runs as its own JVM, the
 * simulator PSP as another, and the gateway is killed with SIGKILL after the buyer paid but
 * before the channel's (delayed) callback reached it. After a restart on the same port and
 * database the order ends PAID, the merchant hears of the sale exactly once, and the buyer
 * was charged exactly once.
 */
class GatewayCrashTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CALLBACK_DELAY_MS = 4_000;

    static SimulatorProcess simulator;
    static SimulatorClient sim;

    GatewayProcess gateway;
    MerchantReceiver merchantEndpoint;

    @BeforeAll
    static void startSimulator() {
        simulator = SimulatorProcess.start(TestDatabase.newDatabase(), Path.of("target", "gateway-crash-simulator.log"));
        sim = simulator.client();
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) simulator.stop();
    }

    @AfterEach
    void stopGateway() {
        if (gateway != null) gateway.kill();
        if (merchantEndpoint != null) merchantEndpoint.close();
    }

    @Test
    void a_gateway_killed_between_the_buyers_payment_and_the_callback_ends_paid_after_restart_and_notifies_once() throws Exception {
        String gatewayDb = TestDatabase.newDatabase();
        gateway = new GatewayProcess(JavaProcess.freePort(), gatewayDb, simulator.baseUrl(), Map.of(), List.of(),
                Path.of("target", "gateway-crash-gateway"));
        gateway.start();
        String baseUrl = gateway.baseUrl();

        sim.resetFaults();
        merchantEndpoint = MerchantReceiver.start();
        GatewayClient api = GatewayClient.newMerchant(baseUrl, Map.of("name", "Crash Shop", "notifyUrl", merchantEndpoint.url(),
                "pollSchedule", "2s,2s,2s,3s,5s")).api();
        String orderNo = "crash-order-" + System.nanoTime();
        GatewayClient.Reply created = api.pay(orderNo, 4200, "USD");
        assertThat(created.status()).as("pay: %s", created).isBetween(200, 201);
        String paymentNo = created.text("attempt.paymentNo");
        assertThat(paymentNo).isNotBlank();

        // The buyer pays; the simulator's callback waits CALLBACK_DELAY_MS, and the gateway dies meanwhile.
        sim.faults(Map.of("callbackDelayMs", CALLBACK_DELAY_MS));
        SimulatorClient.Reply paid = sim.pay(paymentNo);
        gateway.kill(); // SIGKILL on Linux: no graceful shutdown, no shutdown hooks
        assertThat(gateway.isAlive()).as("gateway died").isFalse();
        assertThat(paid.text("status")).isEqualTo("PAID");
        assertThat(orderStatus(gatewayDb, orderNo))
                .as("the kill came before the gateway applied the success (else lengthen CALLBACK_DELAY_MS)")
                .isNotEqualTo("PAID");
        assertThat(attemptStatus(gatewayDb, paymentNo)).isEqualTo("PENDING");

        // Restart on the same port and database: the delayed callback (retried by the simulator)
        // or the gateway's own poll of the channel must bring the order to PAID.
        gateway.start();

        await("order PAID after restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.order(orderNo).text("status").equals("PAID"));
        await("merchant notified").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> sales().size() == 1);
        await("still one notification").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sales().size() == 1);
        JsonNode sale = sales().getFirst().path("data");
        assertThat(sale.path("merchantOrderNo").asString()).isEqualTo(orderNo);
        assertThat(sale.path("paymentNo").asString()).isEqualTo(paymentNo);
        assertThat(sale.path("amount").asLong()).isEqualTo(4200);

        assertThat(attemptStatus(gatewayDb, paymentNo)).isEqualTo("SUCCEEDED");
        // Diagnosis only: whether the retried callback or the gateway's own poll got there (either is fine).
        System.out.println("GatewayCrashTest: verified callbacks for " + paymentNo + " after restart: "
                + single(gatewayDb, "select count(*)::text from channel_callback where payment_no = ? and verified", paymentNo));
        List<JsonNode> ledger = sim.ledger();
        assertThat(ledger).as("one channel payment, the order's one attempt").hasSize(1);
        JsonNode line = ledger.getFirst();
        assertThat(line.path("paymentNo").asString()).isEqualTo(paymentNo);
        assertThat(line.path("capturedAmount").asLong()).isEqualTo(4200);
        assertThat(line.path("refundedAmount").asLong()).isZero();
    }

    private List<JsonNode> sales() {
        return merchantEndpoint.received().stream().map(r -> JSON.readTree(r.rawBody()))
                .filter(n -> n.path("type").asString().equals("payment.succeeded")).toList();
    }

    private static String orderStatus(String jdbcUrl, String merchantOrderNo) throws SQLException {
        return single(jdbcUrl, "select status from payment_order where merchant_order_no = ?", merchantOrderNo);
    }

    private static String attemptStatus(String jdbcUrl, String paymentNo) throws SQLException {
        return single(jdbcUrl, "select status from payment_attempt where payment_no = ?", paymentNo);
    }

    private static String single(String jdbcUrl, String sql, String param) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, param);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", param).isTrue();
                return rs.getString(1);
            }
        }
    }
}
