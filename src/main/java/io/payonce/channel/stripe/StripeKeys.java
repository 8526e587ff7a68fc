package io.payonce.channel.stripe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three Stripe secrets, read once (inline value, else file). A missing publishable key or a
 * live secret key paired with a test publishable key stops the start with the property named.
 * {@link #toString()} never shows a key.
 *
 * @param webhookSecret null when not configured: then every webhook is refused and queries alone find the truth
 */
record StripeKeys(String secretKey, String publishableKey, String webhookSecret) {

    static StripeKeys from(StripeProperties properties) {
        String secretKey = inlineOrFile(properties.secretKey(), properties.secretKeyFile(), "payonce.stripe.secret-key");
        String webhookSecret = inlineOrFile(properties.webhookSecret(), properties.webhookSecretFile(), "payonce.stripe.webhook-secret");
        if (secretKey == null) {
            throw new IllegalStateException("payonce.stripe.secret-key: required for the stripe channel (or payonce.stripe.secret-key-file)");
        }
        if (!StripeProperties.present(properties.publishableKey())) {
            throw new IllegalStateException("payonce.stripe.publishable-key: required when payonce.stripe.secret-key is set (the buyer's page needs it)");
        }
        StripeKeys keys = new StripeKeys(secretKey, properties.publishableKey().strip(), webhookSecret);
        Boolean secretLive = livemode(secretKey);
        Boolean publishableLive = livemode(keys.publishableKey());
        if (secretLive != null && publishableLive != null && !secretLive.equals(publishableLive)) {
            throw new IllegalStateException("payonce.stripe.publishable-key: a " + mode(publishableLive)
                    + " key cannot go with a " + mode(secretLive) + " secret key");
        }
        return keys;
    }

    /** True for a live key, false for a test key, null when the prefix says neither. */
    Boolean livemode() {
        return livemode(secretKey);
    }

    static Boolean livemode(String key) {
        if (key.matches("^(sk|rk|pk)_live_.*")) return true;
        if (key.matches("^(sk|rk|pk)_test_.*")) return false;
        return null;
    }

    private static String mode(boolean live) {
        return live ? "live" : "test";
    }

    private static String inlineOrFile(String inline, Path file, String property) {
        if (StripeProperties.present(inline)) return inline.strip();
        if (file == null) return null;
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) throw new IllegalStateException(property + "-file: " + file + " is empty");
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(property + "-file: cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return "StripeKeys[secretKey=***, publishableKey=" + publishableKey + ", webhookSecret=" + (webhookSecret == null ? "none" : "***") + "]";
    }
}
