package io.payonce.support;

import com.sun.net.httpserver.HttpServer;
import io.payonce.channel.CallbackRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint on 127.0.0.1 that records every callback it receives, exactly as sent.
 * It answers with the status set by {@link #answerWith}, so tests can make the sender retry.
 */
public final class CallbackReceiver implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<CallbackRequest> received = new LinkedBlockingQueue<>();
    private final AtomicInteger answerStatus = new AtomicInteger(200);

    public CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            int status = answerStatus.get(); // read before recording, so the test's next answerWith applies to the next call
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new CallbackRequest(headers, body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    public void answerWith(int status) {
        answerStatus.set(status);
    }

    /** The next callback, or null when none arrives in time. */
    public CallbackRequest next(Duration wait) {
        try {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
