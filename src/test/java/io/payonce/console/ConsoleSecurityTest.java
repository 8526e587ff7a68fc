package io.payonce.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's sign-in, session, CSRF and roles over real HTTP, and that every other path is left as it was. */
@GatewayTest
class ConsoleSecurityTest {
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void an_anonymous_visitor_is_sent_to_the_login_page() {
        ConsoleSession anonymous = new ConsoleSession(baseUrl());
        for (String path : new String[] {"/console", "/console/orders", "/console/queues", "/console/merchants", "/console/dashboard"}) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/console/login");
        }
        HttpResponse<String> login = anonymous.get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"_csrf\"");
    }

    @Test
    void signing_in_changes_the_session_id_and_the_cookie_is_scoped_secure_and_http_only() {
        ConsoleSession admin = new ConsoleSession(baseUrl());
        HttpResponse<String> loginPage = admin.get("/console/login");
        String before = admin.sessionCookie();
        String setCookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow();

        HttpResponse<String> signedIn = admin.post("/console/login",
                Map.of("username", ConsoleSession.ADMIN, "password", ConsoleSession.ADMIN_PASSWORD), true);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(before).isNotNull();
        assertThat(admin.sessionCookie()).as("session fixation: a new id at sign-in").isNotEqualTo(before);
        assertThat(setCookie).contains("Path=/console", "HttpOnly", "Secure", "SameSite=Strict");
        assertThat(admin.get("/console/orders").statusCode()).isEqualTo(200);

        HttpResponse<String> signedOut = admin.post("/console/logout", Map.of(), true);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?signedOut");
        assertThat(admin.get("/console/orders").statusCode()).as("signed out: back to the login page").isEqualTo(302);
    }

    @Test
    void a_post_without_the_csrf_token_is_refused_with_403_and_creates_nothing() {
        ConsoleSession admin = signedIn(ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
        admin.get("/console/merchants/new");
        long merchantsBefore = count("select count(*) from merchant");

        HttpResponse<String> forged = admin.post("/console/merchants", Map.of("name", "Forged Shop", "maxAttempts", "3",
                "duplicateWindowSeconds", "10", "expireSeconds", "7200", "pollSchedule", "5s", "supersededPollSchedule", "5s"), false);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from merchant")).isEqualTo(merchantsBefore);
        assertThat(count("select count(*) from merchant where name = 'Forged Shop'")).isZero();
        ConsoleSession anonymous = new ConsoleSession(baseUrl());
        assertThat(anonymous.post("/console/login", Map.of("username", "admin", "password", ConsoleSession.ADMIN_PASSWORD), false)
                .statusCode()).as("even sign-in needs the token").isEqualTo(403);
    }

    @Test
    void a_wrong_password_is_refused_and_counted_and_the_limit_locks_the_operator_out_until_an_admin_unlocks() {
        ConsoleSession admin = signedIn(ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
        String username = newOperator(admin, "OPERATOR");

        HttpResponse<String> wrong = new ConsoleSession(baseUrl()).signIn(username, "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
        assertThat(count("select failed_logins from console_operator where username = ?", username)).isEqualTo(1);
        assertThat(metric("payonce_console_login_failures_total{reason=\"bad_credentials\"}")).isGreaterThanOrEqualTo(1);

        for (int i = 0; i < 4; i++) new ConsoleSession(baseUrl()).signIn(username, "still-wrong-" + i);
        assertThat(count("select count(*) from console_operator where username = ? and locked_until > now()", username)).isEqualTo(1);
        HttpResponse<String> rightButLocked = new ConsoleSession(baseUrl()).signIn(username, "operator-password-1");
        assertThat(rightButLocked.headers().firstValue("Location").orElseThrow()).as("locked: even the right password")
                .endsWith("/console/login?error");

        admin.get("/console/operators");
        assertThat(admin.post("/console/operators/" + username + "/unlock", Map.of(), true).statusCode()).isEqualTo(302);
        HttpResponse<String> unlocked = new ConsoleSession(baseUrl()).signIn(username, "operator-password-1");
        assertThat(unlocked.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(count("select failed_logins from console_operator where username = ?", username)).isZero();
    }

    @Test
    void an_operator_sees_no_key_and_may_not_create_rotate_edit_or_manage_operators() {
        ConsoleSession admin = signedIn(ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
        String username = newOperator(admin, "OPERATOR");
        GatewayClient.Merchant merchant = GatewayClient.newMerchant(baseUrl(), Map.of("name", "Keyed Shop"));
        ConsoleSession operator = signedIn(username, "operator-password-1");

        HttpResponse<String> page = operator.get("/console/merchants/" + merchant.merchantId());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Keyed Shop").doesNotContain("sk_", merchant.webhookSecret(), "Rotate API key");
        assertThat(operator.post("/console/merchants/" + merchant.merchantId() + "/rotate-api-key", Map.of(), true).statusCode())
                .isEqualTo(403);
        assertThat(operator.post("/console/merchants/" + merchant.merchantId() + "/rotate-webhook-secret", Map.of(), true).statusCode())
                .isEqualTo(403);
        assertThat(merchant.api().order("no-such-order").status()).as("the old key still works").isEqualTo(404);
        assertThat(operator.get("/console/merchants/new").statusCode()).isEqualTo(403);
        assertThat(operator.get("/console/merchants/" + merchant.merchantId() + "/edit").statusCode()).isEqualTo(403);
        assertThat(operator.post("/console/merchants/" + merchant.merchantId() + "/edit", Map.of("maxAttempts", "9"), true)
                .statusCode()).isEqualTo(403);
        assertThat(operator.get("/console/operators").statusCode()).isEqualTo(403);
        assertThat(operator.post("/console/operators", Map.of("username", "sneaky", "role", "ADMIN", "password", "sneaky-password-1"), true)
                .statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from console_operator where username = 'sneaky'")).isZero();
        assertThat(operator.get("/console/queues").statusCode()).as("operators do see the queues").isEqualTo(200);
    }

    @Test
    void the_merchant_api_admin_api_buyer_pages_and_actuator_get_no_session_csrf_or_added_headers() {
        GatewayClient.Merchant merchant = GatewayClient.newMerchant(baseUrl(), Map.of("name", "Plain Shop"));
        GatewayClient.Reply paid = merchant.api().pay("plain-1", 500, "USD");
        assertThat(paid.status()).as("a POST with no CSRF token, as before").isIn(200, 201);

        ConsoleSession outsider = new ConsoleSession(baseUrl());
        for (String path : new String[] {"/actuator/health", "/checkout/" + paid.text("attempt.paymentNo") + "/status",
                "/v1/payments/plain-1"}) {
            HttpResponse<String> response = outsider.get(path);
            assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).isEmpty();
            // Spring Security's header writer adds these three together; a page's own Cache-Control is its business
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).isEmpty();
            assertThat(response.headers().firstValue("Pragma")).as(path).isEmpty();
        }
        assertThat(outsider.get("/v1/payments/plain-1").statusCode()).as("the API key auth is unchanged").isEqualTo(401);
        assertThat(outsider.post("/checkout/" + paid.text("attempt.paymentNo") + "/client-events", Map.of(), false).statusCode())
                .as("no CSRF on buyer pages").isNotEqualTo(403);
    }

    private ConsoleSession signedIn(String username, String password) {
        ConsoleSession session = new ConsoleSession(baseUrl());
        HttpResponse<String> response = session.signIn(username, password);
        assertThat(response.headers().firstValue("Location").orElseThrow()).as("signed in as " + username).endsWith("/console");
        return session;
    }

    /** An admin adds an operator through the console's form; its password is operator-password-1. */
    private String newOperator(ConsoleSession admin, String role) {
        String username = "op-" + USERS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        admin.get("/console/operators");
        HttpResponse<String> added = admin.post("/console/operators",
                Map.of("username", username, "role", role, "password", "operator-password-1"), true);
        assertThat(added.statusCode()).isEqualTo(302);
        return username;
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private double metric(String name) {
        String scrape = new GatewayClient(baseUrl(), null).getText("/actuator/prometheus");
        return scrape.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElse(0);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
