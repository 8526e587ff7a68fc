package io.payonce.shared;

import java.net.URI;
import java.util.Optional;

/** The one rule for URLs the gateway calls or sends buyers to: absolute http or https, at most 512 characters. */
public final class HttpUrls {
    public static final int MAX_LENGTH = 512;

    private HttpUrls() {}

    /** Why {@code value} is not acceptable, or empty when it is. */
    public static Optional<String> problem(String value) {
        if (value.length() > MAX_LENGTH) return Optional.of("must be at most " + MAX_LENGTH + " characters");
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return Optional.of("must be an absolute http or https URL");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid URL");
        }
    }
}
