package io.payonce.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.attempt.Attempt;
import io.payonce.attempt.AttemptStatus;
import io.payonce.attempt.Attempts;
import io.payonce.order.Order;
import io.payonce.order.OrderStatus;
import io.payonce.order.Orders;
import io.payonce.order.SettleAttempt;
import io.payonce.shared.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * M9: the return page's pull. A PENDING attempt is queried at its channel on demand, at most
 * once per attempt per {@link #PULL_INTERVAL} across all nodes (a database compare-and-set), so
 * a page left open cannot spend the channel's query budget. The page's own failures come back
 * to /client-events (front-end monitoring).
 */
@RestController
class PaymentStatusController {
    static final Duration PULL_INTERVAL = Duration.ofSeconds(2);
    private static final int MAX_TEXT = 2_000;

    record StatusView(String paymentNo, String result, String orderStatus, String attemptStatus, String returnUrl) {}

    private final Attempts attempts;
    private final Orders orders;
    private final SettleAttempt settle;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    PaymentStatusController(Attempts attempts, Orders orders, SettleAttempt settle, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.attempts = attempts;
        this.orders = orders;
        this.settle = settle;
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    @GetMapping("/checkout/{paymentNo}/status")
    StatusView status(@PathVariable String paymentNo) {
        Attempt attempt = attempts.find(paymentNo).orElseThrow(() -> ApiException.notFound("payment " + paymentNo));
        if (attempt.status() == AttemptStatus.PENDING && attempts.claimPull(paymentNo, PULL_INTERVAL)) {
            settle.query(paymentNo);
            attempt = attempts.find(paymentNo).orElseThrow();
        }
        Order order = orders.find(attempt.orderId()).orElseThrow();
        return new StatusView(paymentNo, result(order, attempt), order.status().name(), attempt.status().name(), order.returnUrl());
    }

    /** paid: the order is paid (by this attempt or another). failed: this attempt ended unpaid. checking: not known yet. */
    private static String result(Order order, Attempt attempt) {
        if (order.status().isPaid()) return "paid";
        if (attempt.status() == AttemptStatus.FAILED || attempt.status() == AttemptStatus.CLOSED) return "failed";
        if (order.status() == OrderStatus.CLOSED) return "closed";
        return "checking";
    }

    @PostMapping("/checkout/{paymentNo}/client-events")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clientEvent(@PathVariable String paymentNo, @RequestBody(required = false) JsonNode body,
                     @RequestHeader(value = "User-Agent", required = false) String userAgent) {
        if (attempts.find(paymentNo).isEmpty()) throw ApiException.notFound("payment " + paymentNo);
        String kind = text(body, "kind", 64);
        jdbc.sql("insert into client_event (payment_no, kind, message, detail, user_agent, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(paymentNo, kind == null ? "error" : kind, text(body, "message", MAX_TEXT),
                        body == null ? null : truncate(body.toString()), truncate(userAgent), Timestamp.from(clock.instant()))
                .update();
        meters.counter("payonce.client.events", "kind", kind == null ? "error" : kind.replaceAll("[^a-z_-]", "")).increment();
    }

    private static String text(JsonNode body, String field, int max) {
        if (body == null || body.get(field) == null || !body.get(field).isString()) return null;
        String value = body.get(field).stringValue();
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String truncate(String value) {
        return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }
}
