package io.payonce.channel.sim;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param baseUrl the simulator's address; empty means the simulator inside this gateway
 * @param callbackTolerance how far a callback's signed timestamp may be from now, either way
 * @param actionType how the buyer is sent to the simulator's page: {@code redirect} (a link) or {@code qr}
 *                   (a QR code of the same link, scanned with a phone, as Alipay's and WeChat Pay's Native payments)
 */
@ConfigurationProperties("payonce.sim")
public record SimProperties(String baseUrl, String apiKey, String webhookSecret, Duration connectTimeout,
                            Duration readTimeout, Duration callbackTolerance, String actionType) {
    @ConstructorBinding
    public SimProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        apiKey = apiKey == null ? "sim-dev-key" : apiKey;
        webhookSecret = webhookSecret == null ? "sim-dev-webhook-secret" : webhookSecret;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        callbackTolerance = callbackTolerance == null ? Duration.ofMinutes(5) : callbackTolerance;
        actionType = actionType == null || actionType.isBlank() ? "redirect" : actionType.strip();
        if (!actionType.equals("redirect") && !actionType.equals("qr")) {
            throw new IllegalArgumentException("payonce.sim.action-type must be redirect or qr, not " + actionType);
        }
    }

    /** Tests build the properties without an action type: a redirect. */
    public SimProperties(String baseUrl, String apiKey, String webhookSecret, Duration connectTimeout,
                         Duration readTimeout, Duration callbackTolerance) {
        this(baseUrl, apiKey, webhookSecret, connectTimeout, readTimeout, callbackTolerance, null);
    }
}
