package io.payonce.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Part 3. Create-payment latency with an empty database and again with a million PENDING
 * attempts stored (bench/bulk-pending.sql), and the compensation work while nothing is due and
 * while some of the stored attempts are due: it must follow what is due, not what is stored.
 */
final class ScaleOfWaiting {
    private static final String PART = "scale of waiting";
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(20);
    private static final Duration PENDING_GAUGE_INTERVAL = Duration.ofSeconds(15);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);
    /**
     * Due checks fall evenly over this span, as polls come due in a running gateway, rather than
     * all at once: a burst beyond the channel's query budget would skip checks to their next step.
     */
    static final Duration DUE_SPREAD = Duration.ofSeconds(20);

    private final BenchContext context;
    private final LoadTools tools;
    private final BenchContext.Merchant load;
    private Snapshot.Window idleEmpty;
    private List<WrkResult> latencyEmpty;

    ScaleOfWaiting(BenchContext context, BenchContext.Merchant load) {
        this.context = context;
        this.tools = new LoadTools(context);
        this.load = load;
    }

    /** Before anything is stored: the background work of an idle gateway. */
    void idleWhileEmpty() {
        idleEmpty = idleWindow();
    }

    /** Before the bulk insert (the database holds only the earlier parts' orders): create-payment latency at a moderate load. */
    void latencyWhileEmpty() {
        latencyEmpty = latencyRuns("empty");
    }

    /** Three 10 s runs: their median p99 is less at the mercy of a busy neighbour than one run's. */
    private List<WrkResult> latencyRuns(String label) {
        List<WrkResult> runs = new java.util.ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            runs.add(tools.wrk(load.apiKey(), context.config().latencyClients(), Duration.ofSeconds(10), label + run));
        }
        runs.sort(java.util.Comparator.comparing(WrkResult::p99));
        return runs;
    }

    private static String p99s(List<WrkResult> runs) {
        return runs.stream().map(run -> String.valueOf(run.p99().toMillis())).collect(java.util.stream.Collectors.joining("/"));
    }

    void run() {
        BenchConfig config = context.config();
        BenchContext.Merchant waiting = context.merchant("bench-waiting", Map.of());
        long started = System.nanoTime();
        context.commands().run(List.of("psql", "-h", "127.0.0.1", "-p", String.valueOf(context.gateway().postgresPort()),
                "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-v", "merchant_id=" + waiting.merchantId(),
                "-v", "count=" + config.pending(), "-f", config.benchDir().resolve("bulk-pending.sql").toString(), "postgres"),
                Duration.ofMinutes(15));
        double insertSeconds = (System.nanoTime() - started) / 1e9;
        long pending = context.db().number("select count(*) from payment_attempt where status = 'PENDING'");
        Results results = context.results();
        results.add(PART, "PENDING attempts stored (bulk insert time)", Results.format("%,d (%.0f s)", pending, insertSeconds));

        List<WrkResult> latencyFull = latencyRuns("full");
        WrkResult empty = latencyEmpty.get(1);
        WrkResult full = latencyFull.get(1);
        double ratio = (double) full.p99().toNanos() / empty.p99().toNanos();
        results.add(PART, "create p99 (median of 3 runs), " + config.latencyClients() + " connections: empty → full", Results.format(
                "%d ms → %d ms (runs %s → %s ms; p50 %d → %d ms)", empty.p99().toMillis(), full.p99().toMillis(),
                p99s(latencyEmpty), p99s(latencyFull), empty.p50().toMillis(), full.p50().toMillis()));
        results.add(PART, "create p99 full ÷ empty", Results.format("%.2f", ratio), "≤ 1.5", ratio <= 1.5);

        Snapshot beforeIdle = Snapshot.take(context);
        Snapshot.Window idleFull = idleWindow();
        results.add(PART, "idle, empty database", idleEmpty.describe());
        results.add(PART, "idle, " + Results.format("%,d", pending) + " pending, none due", idleFull.describe());
        List<Snapshot.Window> dueWindows = config.dueCounts().stream().map(this::dueWindow).toList();
        for (int i = 0; i < dueWindows.size(); i++) {
            Snapshot.Window window = dueWindows.get(i);
            int due = config.dueCounts().get(i);
            results.add(PART, Results.format("%,d due over %d s of %,d: checked/s, queries; CPU/check", due,
                    DUE_SPREAD.toSeconds(), pending), Results.format(
                    "%.1f/s in %.1f s, %.0f queries; PostgreSQL %.1f ms, JVM %.1f ms", due / window.seconds(), window.seconds(),
                    window.channelQueries(), window.postgresCpuSeconds() * 1000 / due, window.jvmCpuSeconds() * 1000 / due));
        }
        verdictOnProportionality(idleFull, dueWindows);
        sweeper(beforeIdle);
    }

    /**
     * Proportional to what is due: with nothing due, a million stored costs (almost) what an
     * empty database costs; and each due check costs about the same whatever the number due.
     * The pending-attempt gauge, a metric that counts every PENDING attempt, is off in the bench
     * gateway and measured here on its own.
     */
    private void verdictOnProportionality(Snapshot.Window idleFull, List<Snapshot.Window> dueWindows) {
        double gaugeCores = gaugeRefreshSeconds() / PENDING_GAUGE_INTERVAL.toSeconds();
        double idleExtraCores = (idleFull.postgresCores() + idleFull.jvmCores()) - (idleEmpty.postgresCores() + idleEmpty.jvmCores());
        List<Double> perCheck = new java.util.ArrayList<>();
        for (int i = 0; i < dueWindows.size(); i++) {
            Snapshot.Window window = dueWindows.get(i);
            double idleCost = (idleFull.postgresCores() + idleFull.jvmCores()) * window.seconds();
            perCheck.add((window.postgresCpuSeconds() + window.jvmCpuSeconds() - idleCost) / context.config().dueCounts().get(i));
        }
        double spread = perCheck.stream().mapToDouble(d -> d).max().orElse(0) / perCheck.stream().mapToDouble(d -> d).min().orElse(1);
        Results results = context.results();
        results.add(PART, "pending gauge: one count of every PENDING attempt, every 15 s",
                Results.format("%.0f ms CPU → %.3f cores", gaugeCores * PENDING_GAUGE_INTERVAL.toSeconds() * 1000, gaugeCores));
        boolean met = idleExtraCores <= 0.05 && spread <= 1.5;
        results.add(PART, "compensation follows due, not stored", Results.format(
                "idle %+.3f cores with the stored; CPU per check ×%.2f across due counts", idleExtraCores, spread),
                "idle ≤ +0.05 cores; ×≤ 1.5", met);
    }

    /** PostgreSQL CPU seconds of the pending-attempt gauge's query (PendingAttemptsGauge), run once here. */
    private double gaugeRefreshSeconds() {
        double before = context.gateway().usage().postgresCpuSeconds();
        context.db().doubles("""
                select count(*) filter (where created_at >= now() - interval '1 minute'),
                       count(*) filter (where created_at < now() - interval '24 hours'), count(*) filter (where superseded)
                from payment_attempt where status = 'PENDING'""");
        return context.gateway().usage().postgresCpuSeconds() - before;
    }

    /** The sweeper in the gateway (its own timer) and, for comparison, the query it used before V21. */
    private void sweeper(Snapshot since) {
        Snapshot now = Snapshot.take(context);
        if (now.sweeps() == since.sweeps()) {
            GatewayProcess.sleep(Duration.ofSeconds(65)); // one run at the default 60 s interval
            now = Snapshot.take(context);
        }
        Snapshot.Window window = since.until(now);
        context.results().add(PART, "sweeper run (bounded slice of 10,000), mean of " + (int) window.sweeps(),
                Results.format("%.0f ms", window.sweepSeconds() * 1000 / Math.max(1, window.sweeps())));
        long started = System.nanoTime();
        context.db().texts("""
                select a.payment_no from payment_attempt a where a.status = 'PENDING' and a.created_at < now() - interval '30 seconds'
                and not exists (select 1 from scheduled_tasks t where t.task_name = 'attempt-check' and t.task_instance = a.payment_no)
                order by a.created_at limit 500""");
        context.results().add(PART, "sweeper query before V21 (walks every pending attempt)",
                Results.format("%.0f ms", (System.nanoTime() - started) / 1e6));
    }

    private Snapshot.Window idleWindow() {
        Snapshot start = Snapshot.take(context);
        GatewayProcess.sleep(IDLE_WINDOW);
        return start.until(Snapshot.take(context));
    }

    /**
     * Makes {@code due} stored attempts due, evenly over {@link #DUE_SPREAD} (the simulator knows
     * them as CREATED, so each check is a real query), and waits until all are checked.
     */
    private Snapshot.Window dueWindow(int due) {
        BenchDb db = context.db();
        String round = "due-" + due + "-" + System.nanoTime(); // tags this round's attempts in the simulator's books
        db.update("""
                insert into sim.txn (channel_txn_id, payment_no, amount_minor, currency, subject, status, notify_url, return_url, expire_at, created_at)
                select 'simtx' || a.payment_no, a.payment_no, 1999, 'USD', ?, 'CREATED', 'http://gateway.local/channels/sim/notify',
                  'http://gateway.local/checkout/' || a.payment_no || '/return', now() + interval '2 hours', now()
                from payment_attempt a where a.payment_no like 'pbulk%' and a.status = 'PENDING'
                  and not exists (select 1 from sim.txn s where s.payment_no = a.payment_no)
                order by a.payment_no limit ?""", round, due);
        // The round's payment numbers are read before the window opens; inside it, the harness reads
        // only by primary key (an unindexed scan of sim.txn every 500 ms would count as PostgreSQL's work).
        java.sql.Array paymentNos = db.textArray(db.texts("select payment_no from sim.txn where subject = ? order by payment_no", round));
        Snapshot start = Snapshot.take(context);
        db.update("""
                update scheduled_tasks t set execution_time = now() + (d.n - 1) * ? * interval '1 millisecond'
                from unnest(?::text[]) with ordinality as d(payment_no, n)
                where t.task_name = 'attempt-check' and t.task_instance = d.payment_no and not t.picked""",
                (double) DUE_SPREAD.toMillis() / due, paymentNos);
        // Checked means rescheduled to the next step, 8 h ahead (step 15 of the default schedule, as bench/bulk-pending.sql stores them).
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && db.number("""
                select count(*) from scheduled_tasks t where t.task_name = 'attempt-check' and t.task_instance = any(?)
                  and t.execution_time < now() + interval '1 hour'""", paymentNos) > 0) {
            GatewayProcess.sleep(Duration.ofMillis(500));
        }
        return start.until(Snapshot.take(context));
    }
}
