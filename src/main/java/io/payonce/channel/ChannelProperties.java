package io.payonce.channel;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on talking to channels. {@code callTimeout} bounds every channel call (the adapter's own
 * HTTP timeouts are shorter); {@code queryRatePerSecond} is the channel's query budget, shared by
 * compensation polls and return-page pulls on this node.
 */
@ConfigurationProperties("payonce.channels")
public record ChannelProperties(Duration callTimeout, Double queryRatePerSecond, Map<String, Limits> limits) {
    public ChannelProperties {
        callTimeout = callTimeout == null ? Duration.ofSeconds(10) : callTimeout;
        queryRatePerSecond = queryRatePerSecond == null ? 50.0 : queryRatePerSecond;
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    public record Limits(Duration callTimeout, Double queryRatePerSecond) {}

    Limits forChannel(String channelId) {
        Limits own = limits.get(channelId);
        return new Limits(
                own != null && own.callTimeout() != null ? own.callTimeout() : callTimeout,
                own != null && own.queryRatePerSecond() != null ? own.queryRatePerSecond() : queryRatePerSecond);
    }
}
