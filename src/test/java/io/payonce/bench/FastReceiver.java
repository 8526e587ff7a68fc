package io.payonce.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A merchant's notify endpoint on 127.0.0.1 that does nothing but answer: it notes when each
 * notification id first arrived and the createdAt the gateway put in it.
 */
final class FastReceiver implements AutoCloseable {
    record Arrival(Instant createdAt, Instant firstArrivedAt, String merchantOrderNo) {}

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\":\"([^\"]+)\"");
    private static final Pattern ORDER = Pattern.compile("\"merchantOrderNo\":\"([^\"]+)\"");
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicInteger answer = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();

    FastReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Instant now = Instant.now();
                requests.incrementAndGet();
                int status = answer.get();
                if (status / 100 == 2) {
                    String id = find(ID, body);
                    if (id != null) {
                        arrivals.putIfAbsent(id, new Arrival(Instant.parse(find(CREATED_AT, body)), now, find(ORDER, body)));
                    }
                }
                exchange.sendResponseHeaders(status, OK.length);
                exchange.getResponseBody().write(OK);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/payonce/notify";
    }

    void answerWith(int status) {
        answer.set(status);
    }

    int requests() {
        return requests.get();
    }

    /** Acknowledged notifications, by id, for orders whose merchantOrderNo starts with {@code prefix}. */
    Map<String, Arrival> acknowledged(String prefix) {
        Map<String, Arrival> matching = new ConcurrentHashMap<>();
        arrivals.forEach((id, arrival) -> {
            if (arrival.merchantOrderNo() != null && arrival.merchantOrderNo().startsWith(prefix)) matching.put(id, arrival);
        });
        return matching;
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
