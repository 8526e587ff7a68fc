package io.payonce.shared;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where buyers and channels reach this gateway. With a random port the address is only known
 * once the server listens, so it is resolved on each call until then, and kept from then on
 * (resolving the placeholders on every channel call cost a few per cent of a request's CPU).
 */
@Component
public class PublicUrls {
    private final Environment environment;
    private volatile String resolved;

    PublicUrls(Environment environment) {
        this.environment = environment;
    }

    public String baseUrl() {
        String known = resolved;
        if (known != null) return known;
        String url = environment.getProperty("payonce.public-base-url");
        if (url == null || url.isBlank()) {
            url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (environment.containsProperty("local.server.port")) {
            resolved = url;
        }
        return url;
    }

    public String of(String path) {
        return baseUrl() + path;
    }
}
