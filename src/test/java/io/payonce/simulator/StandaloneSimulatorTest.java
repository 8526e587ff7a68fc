package io.payonce.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.SimulatorClient;
import io.payonce.support.SimulatorProcess;
import io.payonce.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator as its own JVM, the way crash tests run it: started from the test classpath on
 * its own port and database, it keeps its books while the gateway is gone.
 */
class StandaloneSimulatorTest {
    static SimulatorProcess process;
    static SimulatorClient sim;

    @BeforeAll
    static void start() {
        process = SimulatorProcess.start(TestDatabase.newDatabase(), Path.of("target", "standalone-simulator.log"));
        sim = process.client();
    }

    @AfterAll
    static void stop() {
        if (process != null) process.stop();
    }

    @Test
    void theStandaloneSimulatorTakesPaymentsAndKeepsItsLedger() {
        Map<String, Object> payment = SimulatorTest.payment(SimulatorTest.newPaymentNo(), 4200);
        String paymentNo = (String) payment.get("paymentNo");

        SimulatorClient.Reply created = sim.createPayment(payment);
        SimulatorClient.Reply paid = sim.pay(paymentNo);
        SimulatorClient.Reply queried = sim.get("/sim/api/payments/" + paymentNo, SimulatorClient.DEV_KEY);

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("checkoutUrl")).startsWith("http://localhost:").contains("/sim/checkout/");
        assertThat(paid.text("status")).isEqualTo("PAID");
        assertThat(queried.text("status")).isEqualTo("PAID");
        assertThat(sim.ledgerLine(paymentNo).path("capturedAmount").asLong()).isEqualTo(4200);
    }

    @Test
    void theStandaloneSimulatorServesOnlyTheSimulatorNotTheGateway() {
        assertThat(sim.get("/v1/payments/anything").status()).isEqualTo(404);
    }
}
