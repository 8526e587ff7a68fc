package io.payonce.channel.sim;

import io.payonce.shared.PublicUrls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test classpath only, and only with {@code payonce.chaos.second-sim-channel=<id>}: the simulator
 * PSP offered a second time under another channel id, so that the chaos suite's buyers can switch
 * channels (which skips the duplicate window and always goes through M3) without the credentials
 * and protocol servers of a real second channel. Same PSP, same ledger, its own callback URL.
 */
@Component
@ConditionalOnProperty(name = "payonce.chaos.second-sim-channel")
class SimulatorAsSecondChannel extends SimChannel {
    private final String id;

    SimulatorAsSecondChannel(SimProperties properties, PublicUrls publicUrls, JsonMapper json,
                             @Value("${payonce.chaos.second-sim-channel}") String id) {
        super(properties, publicUrls, json);
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
