package io.payonce.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.Channels;
import io.payonce.support.GatewayTest;
import io.payonce.support.SimulatorClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A production gateway turns the simulator off: no PSP endpoints, and no sim channel unless one is configured. */
@GatewayTest
@TestPropertySource(properties = "payonce.simulator.enabled=false")
class SimulatorDisabledTest {
    @LocalServerPort int port;
    @Autowired Channels channels;

    @Test
    void withTheSimulatorOffNeitherItsPagesNorTheSimChannelExist() {
        SimulatorClient sim = new SimulatorClient("http://localhost:" + port);

        assertThat(sim.get("/sim/control/faults").status()).isEqualTo(404);
        assertThat(sim.get("/sim/api/payments/any", SimulatorClient.DEV_KEY).status()).isEqualTo(404);
        assertThat(channels.offered()).doesNotContain("sim");
    }
}
