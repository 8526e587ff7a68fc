package io.payonce.simulator;

import io.payonce.shared.Schedules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox with the simulator's own retries. Each poll leases a bounded batch (moving
 * next_attempt_at past the send) and hands each callback to its own virtual thread, which sends
 * it with HTTP timeouts and records the result; at most {@link #MAX_IN_FLIGHT} are in flight, and
 * the poll never waits for a slow receiver, so one slow answer does not hold up the others. A
 * crash mid-send only means the lease runs out and the callback is sent again.
 */
@Component
@EnabledSimulator
class SimCallbackSender implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SimCallbackSender.class);
    private static final int BATCH_LIMIT = 20;
    private static final int MAX_IN_FLIGHT = 64;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final SimulatorConfig.SimClock clock;
    private final SimCallbacks callbacks;
    private final List<Duration> retrySchedule;
    private final long pollIntervalMs;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private ScheduledExecutorService poller;
    private ExecutorService sends;

    SimCallbackSender(JdbcClient jdbc, SimulatorConfig.SimClock clock, SimCallbacks callbacks, SimulatorConfig.SimSchema schema,
                      @Value("${payonce.simulator.callback-retry-schedule:1s,2s,5s,10s,30s,1m,5m}") String retrySchedule,
                      @Value("${payonce.simulator.callback-poll-interval-ms:200}") long pollIntervalMs) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.callbacks = callbacks;
        this.retrySchedule = Schedules.parse(retrySchedule);
        this.pollIntervalMs = pollIntervalMs;
    }

    private record Due(long callbackId, String notifyUrl, String body, int attempts) {}

    void deliverDue() {
        int room = Math.min(BATCH_LIMIT, inFlight.availablePermits());
        if (room == 0) {
            return;
        }
        Instant now = clock.clock().instant();
        List<Due> batch = jdbc.sql("""
                update sim.callback set next_attempt_at = ? where callback_id in (
                  select callback_id from sim.callback where status = 'PENDING' and next_attempt_at <= ?
                  order by next_attempt_at limit ? for update skip locked)
                returning callback_id, notify_url, body, attempts""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), room)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
        for (Due due : batch) {
            inFlight.acquireUninterruptibly();
            sends.submit(() -> {
                try {
                    deliver(due);
                } catch (RuntimeException e) {
                    log.warn("sim callback {} not recorded, its lease will run out: {}", due.callbackId(), e.toString());
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    private void deliver(Due due) {
        String error = send(due);
        Instant now = clock.clock().instant();
        int attempts = due.attempts() + 1;
        if (error == null) {
            jdbc.sql("update sim.callback set status = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = null where callback_id = ?")
                    .params(attempts, Timestamp.from(now), due.callbackId()).update();
        } else if (attempts > retrySchedule.size()) {
            log.warn("sim callback {} given up after {} attempts: {}", due.callbackId(), attempts, error);
            jdbc.sql("update sim.callback set status = 'GAVE_UP', attempts = ?, last_error = ? where callback_id = ?")
                    .params(attempts, error, due.callbackId()).update();
        } else {
            jdbc.sql("update sim.callback set attempts = ?, next_attempt_at = ?, last_error = ? where callback_id = ?")
                    .params(attempts, Timestamp.from(now.plus(retrySchedule.get(attempts - 1))), error, due.callbackId()).update();
        }
    }

    /** @return null when the receiver acknowledged (any 2xx), else why not. */
    private String send(Due due) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(due.notifyUrl())).timeout(SEND_TIMEOUT)
                    .header("Content-Type", "application/json")
                    // Wall time, not the shiftable clock: freshness is about replay on the wire, and the
                    // receiver checks it against its own wall time.
                    .header(SimCallbacks.SIGNATURE_HEADER, callbacks.sign(due.body(), Instant.now().getEpochSecond()))
                    .POST(HttpRequest.BodyPublishers.ofString(due.body())).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (java.io.IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Override
    public synchronized void start() {
        sends = Executors.newVirtualThreadPerTaskExecutor();
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sim-callbacks").daemon().factory());
        poller.scheduleWithFixedDelay(() -> {
            try {
                deliverDue();
            } catch (RuntimeException e) {
                log.warn("sim callback poll failed: {}", e.toString());
            }
        }, pollIntervalMs, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            sends.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
