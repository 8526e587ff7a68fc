package io.payonce.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * One signed POST of a payload to a merchant. Every way it can go wrong becomes an {@link Answer}
 * with a short reason for operators; the webhook secret and the signature never appear in it.
 */
@Component
class WebhookSender {
    private static final int MAX_ERROR_CHARS = 300;

    /** @param statusCode null when no HTTP answer came (no URL, connection failed, timeout) */
    record Answer(boolean acknowledged, Integer statusCode, String error) {
        static Answer failed(Integer statusCode, String error) {
            return new Answer(false, statusCode, error);
        }
    }

    private final NotifyProperties properties;
    private final Clock clock;
    private final HttpClient client;

    WebhookSender(NotifyProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                // A redirect is not an acknowledgement, and following one could take a signed body elsewhere.
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 avoids h2c upgrade requests, which some merchants' servers mishandle.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Answer post(String url, String webhookSecret, String payload) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Answer.failed(null, "notify URL is not a valid URI");
        }
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            return Answer.failed(null, "notify URL is not an absolute http(s) URL");
        }
        long timestampSeconds = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "PayOnce-Notify/1")
                .header(NotificationSignature.HEADER, NotificationSignature.sign(webhookSecret, timestampSeconds, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(request, info -> new LimitedBody(properties.maxResponseBytes()));
        // The request timeout only covers the wait for headers; this bound also covers a slow body.
        long deadlineMs = properties.connectTimeout().plus(properties.requestTimeout()).toMillis();
        try {
            HttpResponse<String> response = exchange.get(deadlineMs, TimeUnit.MILLISECONDS);
            int code = response.statusCode();
            if (code >= 200 && code < 300) {
                return new Answer(true, code, null);
            }
            String body = response.body().strip();
            return Answer.failed(code, shorten("HTTP " + code + (body.isEmpty() ? "" : ": " + body)));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Answer.failed(null, "no complete answer within " + deadlineMs + " ms");
        } catch (ExecutionException e) {
            return Answer.failed(null, shorten(describe(e.getCause())));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering a notification", e);
        }
    }

    private String describe(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException e -> "could not connect within " + properties.connectTimeout().toMillis() + " ms";
            case HttpTimeoutException e -> "no answer within " + properties.requestTimeout().toMillis() + " ms";
            case ConnectException e -> "connection refused or unreachable";
            case IOException e -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            default -> cause.getClass().getSimpleName();
        };
    }

    /** The merchant's answer ends up in logs and the admin API: bounded, and on one line. */
    private static String shorten(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
