package io.payonce.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A buyer's browser without the browser: plain HTTP, its own form cookie, no redirects followed. */
final class BuyerHttp {
    private static final Pattern TOKEN = Pattern.compile("name=\"formToken\" value=\"([0-9a-f]+)\"");
    private static final Pattern COOKIE = Pattern.compile("payonce_form=([0-9a-f]+)");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    String cookie;
    String formToken;

    BuyerHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** GET a page; remembers the form cookie and the page's form token, as a browser would. */
    HttpResponse<String> open(String path) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Map.of());
        page.headers().allValues("Set-Cookie").forEach(header -> {
            Matcher matcher = COOKIE.matcher(header);
            if (matcher.find()) cookie = matcher.group(1);
        });
        Matcher matcher = TOKEN.matcher(page.body());
        if (matcher.find()) formToken = matcher.group(1);
        return page;
    }

    /** A form POST with the given fields and extra headers; the cookie goes along when there is one. */
    HttpResponse<String> submit(String path, Map<String, String> fields, Map<String, String> headers) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), headers);
    }

    HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    HttpResponse<byte[]> bytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers) {
        request.timeout(Duration.ofSeconds(30));
        if (cookie != null) request.header("Cookie", "payonce_form=" + cookie);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
