package io.payonce.support;

import io.payonce.notify.NotificationSignature;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's notify endpoint on a real local port: records every request and answers as told.
 * It can also go down ({@link #goDown()}: connection refused) and come back on the same port.
 */
public final class MerchantReceiver implements AutoCloseable {
    /** @param answeredStatus what this endpoint answered (2xx acknowledges) */
    public record Received(String rawBody, String signature, String contentType, int answeredStatus, Instant receivedAt) {}

    private final int port;
    private final AtomicInteger answerStatus = new AtomicInteger(200);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private MerchantReceiver(int port) {
        this.port = port;
    }

    public static MerchantReceiver start() {
        HttpServer server = listen(0);
        MerchantReceiver receiver = new MerchantReceiver(server.getAddress().getPort());
        receiver.serve(server);
        return receiver;
    }

    private static HttpServer listen(int port) {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void serve(HttpServer server) {
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = answerStatus.get();
                received.add(new Received(body, exchange.getRequestHeaders().getFirst(NotificationSignature.HEADER),
                        exchange.getRequestHeaders().getFirst("Content-Type"), status, Instant.now()));
                byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        this.server = server;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/payonce/notify";
    }

    public void answerWith(int status) {
        answerStatus.set(status);
    }

    /** The merchant's server is gone: connections to its port are refused until {@link #comeUp()}. */
    public synchronized void goDown() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void comeUp() {
        if (server == null) serve(listen(port));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        goDown();
    }
}
