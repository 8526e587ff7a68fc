package io.payonce.channel.sim;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param baseUrl the simulator's address; empty means the simulator inside this gateway
 * @param callbackTolerance how far a callback's signed timestamp may be from now, either way
 */
@ConfigurationProperties("payonce.sim")
public record SimProperties(String baseUrl, String apiKey, String webhookSecret, Duration connectTimeout,
                            Duration readTimeout, Duration callbackTolerance) {
    public SimProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        apiKey = apiKey == null ? "sim-dev-key" : apiKey;
        webhookSecret = webhookSecret == null ? "sim-dev-webhook-secret" : webhookSecret;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        callbackTolerance = callbackTolerance == null ? Duration.ofMinutes(5) : callbackTolerance;
    }
}
