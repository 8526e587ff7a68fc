package io.payonce.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console user's browser, reduced to HTTP: keeps the session cookie itself (the JDK's cookie
 * manager would not send a Secure cookie over http://localhost, browsers do) and reads the CSRF
 * token from the last page's forms, as a browser submits it.
 */
final class ConsoleSession {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-console-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;

    ConsoleSession(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs in through the form; returns the answer to the form's POST (302 to /console on success). */
    HttpResponse<String> signIn(String username, String password) {
        get("/console/login");
        return post("/console/login", Map.of("username", username, "password", password), true);
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) csrfToken = token.group(1);
        return response;
    }

    HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrfToken) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (withCsrfToken) fields.put("_csrf", csrfToken);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    String sessionCookie() {
        return cookies.get("PAYONCE_CONSOLE");
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || setCookie.contains("Max-Age=0")) cookies.remove(pair.substring(0, eq));
                else cookies.put(pair.substring(0, eq), value);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
