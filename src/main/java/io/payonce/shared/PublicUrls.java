package io.payonce.shared;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where buyers and channels reach this gateway. Read on every call, because with a random port
 * the address is only known once the server listens.
 */
@Component
public class PublicUrls {
    private final Environment environment;

    PublicUrls(Environment environment) {
        this.environment = environment;
    }

    public String baseUrl() {
        String url = environment.getProperty("payonce.public-base-url");
        if (url == null || url.isBlank()) {
            url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String of(String path) {
        return baseUrl() + path;
    }
}
