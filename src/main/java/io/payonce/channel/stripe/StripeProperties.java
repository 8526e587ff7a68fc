package io.payonce.channel.stripe;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code payonce.stripe.*}. Keys inline or from files (a file wins over nothing, inline wins over a
 * file); the channel is offered only when a secret key is configured. {@link #toString()} never
 * shows a key.
 *
 * @param apiBase           Stripe's API host; tests point it at a local server
 * @param readTimeout       per request; below {@code payonce.channels.call-timeout}
 * @param callbackTolerance how old a webhook's signed timestamp may be (the SDK's check)
 * @param futureTolerance   how far in the future it may be (our check; the SDK has none)
 */
@ConfigurationProperties("payonce.stripe")
public record StripeProperties(String secretKey, Path secretKeyFile, String publishableKey, String webhookSecret,
                               Path webhookSecretFile, String apiBase, Duration connectTimeout, Duration readTimeout,
                               Duration callbackTolerance, Duration futureTolerance) {
    public StripeProperties {
        apiBase = apiBase == null || apiBase.isBlank() ? "https://api.stripe.com" : apiBase.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        callbackTolerance = callbackTolerance == null ? Duration.ofMinutes(5) : callbackTolerance;
        futureTolerance = futureTolerance == null ? Duration.ofMinutes(1) : futureTolerance;
    }

    @Override
    public String toString() {
        return "StripeProperties[apiBase=" + apiBase + ", secretKey=" + (present(secretKey) || secretKeyFile != null ? "***" : "none")
                + ", webhookSecret=" + (present(webhookSecret) || webhookSecretFile != null ? "***" : "none")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callbackTolerance=" + callbackTolerance + ", futureTolerance=" + futureTolerance + "]";
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
