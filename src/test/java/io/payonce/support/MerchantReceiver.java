package io.payonce.support;

import io.payonce.notify.NotificationSignature;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A merchant's notify endpoint on a real local port: records every request and answers as told. */
public final class MerchantReceiver implements AutoCloseable {
    public record Received(String rawBody, String signature, String contentType) {}

    private final HttpServer server;
    private final AtomicInteger answerStatus = new AtomicInteger(200);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MerchantReceiver(HttpServer server) {
        this.server = server;
    }

    public static MerchantReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            MerchantReceiver receiver = new MerchantReceiver(server);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    receiver.received.add(new Received(body, exchange.getRequestHeaders().getFirst(NotificationSignature.HEADER),
                            exchange.getRequestHeaders().getFirst("Content-Type")));
                    byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(receiver.answerStatus.get(), answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/payonce/notify";
    }

    public void answerWith(int status) {
        answerStatus.set(status);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
