package io.payonce.bench;

import io.payonce.support.GatewayClient;
import io.payonce.support.SimulatorClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Part 4. Merchant notifications to a local receiver that answers at once (callbacks on).
 * First-delivery delay: orders paid at a steady rate; from each notification's createdAt (the
 * moment the order became PAID, same transaction) to its first arrival at the receiver.
 * Deliveries per second: the merchant's endpoint is down (503) while a backlog builds, every
 * notification fails once, then the endpoint comes back and the backlog is made due at once, as
 * the next retry would: the rate at which the gateway drains it.
 */
final class NotificationsBench {
    private static final String PART = "notifications";
    private static final double STEADY_PAYMENTS_PER_SECOND = 20;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final BenchContext context;
    private final SimulatorClient simulator;

    NotificationsBench(BenchContext context) {
        this.context = context;
        this.simulator = context.simulator();
    }

    void run() {
        FastReceiver receiver = context.receiver();
        BenchContext.Merchant merchant = context.merchant("bench-notify", Map.of("notifyUrl", receiver.url()));
        simulator.resetFaults();
        firstDeliveryDelay(merchant, receiver);
        deliveryRate(merchant, receiver);
    }

    private void firstDeliveryDelay(BenchContext.Merchant merchant, FastReceiver receiver) {
        int orders = context.config().notifyOrders();
        List<String> payments = create(merchant.api(), "notify-steady-", orders);
        long started = System.nanoTime();
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < payments.size(); i++) {
                String paymentNo = payments.get(i);
                long at = started + (long) (i / STEADY_PAYMENTS_PER_SECOND * 1e9);
                buyers.submit(() -> {
                    long wait = at - System.nanoTime();
                    if (wait > 0) GatewayProcess.sleep(Duration.ofNanos(wait));
                    simulator.pay(paymentNo);
                });
            }
        }
        awaitAcknowledged(receiver, "notify-steady-", orders);
        List<Double> delays = new ArrayList<>();
        receiver.acknowledged("notify-steady-").values().forEach(arrival ->
                delays.add(Duration.between(arrival.createdAt(), arrival.firstArrivedAt()).toNanos() / 1e9));
        context.results().add(PART, Results.format("first-delivery delay, %.0f payments/s", STEADY_PAYMENTS_PER_SECOND),
                Percentiles.of(delays).millis());
        if (delays.size() < orders) context.results().note((orders - delays.size()) + " steady notifications not delivered in time");
    }

    private void deliveryRate(BenchContext.Merchant merchant, FastReceiver receiver) {
        int backlog = context.config().notifyBacklog();
        receiver.answerWith(503);
        List<String> payments = create(merchant.api(), "notify-backlog-", backlog);
        concurrently(payments, simulator::pay);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && context.db().number("""
                select count(*) from notification n join payment_order o on o.order_id = n.order_id
                where o.merchant_order_no like 'notify-backlog-%' and n.attempts >= 1""") < backlog) {
            GatewayProcess.sleep(Duration.ofMillis(250));
        }
        receiver.answerWith(200);
        Instant back = Instant.now();
        context.db().update("update scheduled_tasks set execution_time = now() where task_name = 'notify-deliver' and not picked");
        awaitAcknowledged(receiver, "notify-backlog-", backlog);
        var delivered = receiver.acknowledged("notify-backlog-").values();
        Instant last = delivered.stream().map(FastReceiver.Arrival::firstArrivedAt).max(Instant::compareTo).orElse(back);
        double seconds = Duration.between(back, last).toNanos() / 1e9;
        context.results().add(PART, "deliveries/s draining a backlog of " + backlog,
                Results.format("%.0f/s (%d in %.1f s)", delivered.size() / seconds, delivered.size(), seconds));
        if (delivered.size() < backlog) context.results().note((backlog - delivered.size()) + " backlog notifications not delivered in time");
    }

    private List<String> create(GatewayClient api, String prefix, int count) {
        List<String> orderNos = new ArrayList<>();
        for (int i = 0; i < count; i++) orderNos.add(prefix + i);
        List<String> payments = java.util.Collections.synchronizedList(new ArrayList<>());
        concurrently(orderNos, orderNo -> {
            GatewayClient.Reply reply = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", 1999,
                    "currency", "USD", "channel", "sim"));
            if (reply.status() != 200) throw new IllegalStateException("order " + orderNo + " not created: " + reply);
            payments.add(reply.text("attempt.paymentNo"));
        });
        return payments;
    }

    /** Sixteen at a time, as a merchant's busy system would. */
    private static void concurrently(List<String> items, java.util.function.Consumer<String> action) {
        Semaphore slots = new Semaphore(16);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String item : items) {
                slots.acquireUninterruptibly();
                workers.submit(() -> {
                    try {
                        action.accept(item);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    private static void awaitAcknowledged(FastReceiver receiver, String prefix, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && receiver.acknowledged(prefix).size() < count) {
            GatewayProcess.sleep(Duration.ofMillis(100));
        }
    }
}
