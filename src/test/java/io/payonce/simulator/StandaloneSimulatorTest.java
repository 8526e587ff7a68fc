package io.payonce.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.SimulatorClient;
import io.payonce.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator as its own JVM, the way crash tests run it: started from the test classpath on
 * its own port and database, it keeps its books while the gateway is gone.
 */
class StandaloneSimulatorTest {
    static Process process;
    static SimulatorClient sim;

    @BeforeAll
    static void start() throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = Files.createDirectories(Path.of("target")).resolve("standalone-simulator.log");
        process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.payonce.simulator.SimulatorApplication", "--server.port=" + port,
                "--spring.datasource.url=" + TestDatabase.newDatabase(), "--spring.datasource.username=postgres"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        sim = new SimulatorClient("http://localhost:" + port);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> sim.get("/sim/control/faults").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (process != null) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
