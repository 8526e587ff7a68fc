package io.payonce.bench;

import io.payonce.support.GatewayClient;
import io.payonce.support.SimulatorClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Part 2. Every channel callback is dropped (simulator fault callbackDropRate = 1), so the gateway
 * learns of a payment only by asking: its compensation polls, or the return page's pulls. New
 * orders arrive at a steady rate; each buyer pays 2–30 s after the order (seeded, the same every
 * run). One buyer in three keeps the return page open, polling /checkout/{paymentNo}/status with
 * the page's own back-off; the others close it, half of them at a merchant with the default
 * poll schedule, half at one with the schedule PRODUCT.md's M7 names ({@link #CONTRACT_SCHEDULE}), which was
 * the default until this benchmark showed its 20 s gap misses the goal. Time to truth is read from the database: the simulator's paid_at (the
 * buyer paying) to the order's paid_at (the gateway recording it). The channel query rate is the
 * simulator's count of payment queries, sampled every second, against the gateway's budget.
 */
final class TimeToTruth {
    private static final String PART = "time to truth";
    /** The return page's delays between pulls (templates/return.html). */
    private static final List<Duration> PAGE_DELAYS = List.of(500, 1000, 2000, 2000, 3000, 5000, 5000, 8000, 10000)
            .stream().map(Duration::ofMillis).toList();
    private static final Duration WAIT_AFTER_LAST_PAYMENT = Duration.ofSeconds(90);
    /** PRODUCT.md's M7 list: polls at 5, 15, 35 and 65 s, then as the default schedule. */
    static final String CONTRACT_SCHEDULE = "5s,10s,20s,30s,1m,2m,3m,5m,10m,20m,30m,1h,3h,8h,24h";

    private record Group(String prefix, BenchContext.Merchant merchant, boolean pageOpen) {}

    private final BenchContext context;
    private final GatewayClient pages;

    TimeToTruth(BenchContext context) {
        this.context = context;
        this.pages = new GatewayClient(context.gateway().baseUrl(), null); // one HTTP client for every buyer's page
    }

    void run() {
        BenchConfig config = context.config();
        BenchContext.Merchant merchant = context.merchant("bench-truth", Map.of("notifyUrl", context.receiver().url()));
        BenchContext.Merchant contract = context.merchant("bench-truth-contract", Map.of("notifyUrl", context.receiver().url(),
                "pollSchedule", CONTRACT_SCHEDULE));
        List<Group> groups = List.of(new Group("truth-page-", merchant, true), new Group("truth-closed-", merchant, false),
                new Group("truth-contract-", contract, false));
        SimulatorClient simulator = context.simulator();
        simulator.faults(Map.of("callbackDropRate", 1.0));
        QueryRateSampler sampler = new QueryRateSampler(context);
        sampler.start();
        Random random = new Random(4);
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < config.truthOrders(); i++) {
                Group group = groups.get(i % groups.size());
                String orderNo = group.prefix() + i;
                Duration startAt = Duration.ofNanos((long) (i / config.truthRatePerSecond() * 1e9));
                Duration payAfter = Duration.ofMillis(2_000 + random.nextInt(28_000));
                buyers.submit(() -> {
                    try {
                        buyer(group.merchant().api(), simulator, orderNo, group.pageOpen(), started, startAt, payAfter);
                    } catch (RuntimeException e) {
                        failures.add(orderNo + ": " + e.getMessage());
                    }
                });
            }
        }
        awaitPaid(List.of(merchant.merchantId(), contract.merchantId()), config.truthOrders());
        sampler.stop();
        simulator.resetFaults();
        report(merchant.merchantId(), contract.merchantId(), sampler);
        if (!failures.isEmpty()) context.results().note(failures.size() + " time-to-truth buyers failed, e.g. " + failures.getFirst());
    }

    private void buyer(GatewayClient api, SimulatorClient simulator, String orderNo, boolean pageOpen, long started,
                       Duration startAt, Duration payAfter) {
        sleepUntil(started + startAt.toNanos());
        GatewayClient.Reply created = api.post("/v1/payments", Map.of("merchantOrderNo", orderNo, "amount", 1999,
                "currency", "USD", "channel", "sim", "returnUrl", "https://shop.example/done"));
        if (created.status() != 200) throw new IllegalStateException("order " + orderNo + " not created: " + created);
        String paymentNo = created.text("attempt.paymentNo");
        GatewayProcess.sleep(payAfter);
        if (simulator.pay(paymentNo).status() != 200) throw new IllegalStateException("the buyer could not pay " + paymentNo);
        if (pageOpen) returnPage(paymentNo);
    }

    /** The return page's script: pull at once, then after each delay, until the result is known (or 5 minutes). */
    private void returnPage(String paymentNo) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            GatewayClient.Reply status = pages.get("/checkout/" + paymentNo + "/status");
            if (status.status() == 200 && !status.text("result").equals("checking")) return;
            GatewayProcess.sleep(PAGE_DELAYS.get(Math.min(attempt, PAGE_DELAYS.size() - 1)));
        }
    }

    private void awaitPaid(List<String> merchantIds, int orders) {
        long deadline = System.nanoTime() + WAIT_AFTER_LAST_PAYMENT.toNanos();
        while (System.nanoTime() < deadline && context.db().number("select count(*) from payment_order where merchant_id in (?, ?) "
                + "and status = 'PAID'", merchantIds.get(0), merchantIds.get(1)) < orders) {
            GatewayProcess.sleep(Duration.ofMillis(500));
        }
    }

    private void report(String merchantId, String contractMerchantId, QueryRateSampler sampler) {
        int orders = context.config().truthOrders();
        List<Double> page = truths(merchantId, "truth-page-%");
        List<Double> closed = truths(merchantId, "truth-closed-%");
        List<Double> contract = truths(contractMerchantId, "truth-contract-%");
        Results results = context.results();
        results.add(PART, "buyer paid → order PAID, return page open", Percentiles.of(page).seconds(), "p99 ≤ 5 s",
                page.size() == share(orders, 0) && Percentiles.of(page).p99() <= 5);
        results.add(PART, "buyer paid → order PAID, page closed, default polls", Percentiles.of(closed).seconds(), "p99 ≤ 15 s",
                closed.size() == share(orders, 1) && Percentiles.of(closed).p99() <= 15);
        results.add(PART, "… page closed, PRODUCT.md's M7 list (5s,10s,20s,30s,1m,…)", Percentiles.of(contract).seconds());
        double budget = context.config().queryRatePerSecond();
        results.add(PART, "channel queries/s used (mean; busiest 1 s, 10 s)", Results.format("%.1f; %.0f, %.1f",
                sampler.meanPerSecond(), sampler.peakPerSecond(1), sampler.peakPerSecond(10)),
                Results.format("≤ %.0f/s budget", budget), sampler.peakPerSecond(10) <= budget);
        int unpaid = orders - page.size() - closed.size() - contract.size();
        if (unpaid > 0) results.note(unpaid + " time-to-truth orders were not PAID within " + WAIT_AFTER_LAST_PAYMENT.toSeconds()
                + " s of the last payment (counted as not meeting the goal)");
    }

    /** How many of {@code orders} fall in group {@code index} when they are dealt out in turn to three groups. */
    private static int share(int orders, int index) {
        return orders / 3 + (index < orders % 3 ? 1 : 0);
    }

    /** Seconds from the simulator's capture to the gateway's PAID, per order. */
    private List<Double> truths(String merchantId, String orderPattern) {
        return new ArrayList<>(context.db().doubles("""
                select extract(epoch from o.paid_at - t.paid_at) from payment_order o
                join sim.txn t on t.payment_no = o.paying_payment_no
                where o.merchant_id = ? and o.merchant_order_no like ? and o.status = 'PAID'""", merchantId, orderPattern));
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) GatewayProcess.sleep(Duration.ofNanos(wait));
    }
}
