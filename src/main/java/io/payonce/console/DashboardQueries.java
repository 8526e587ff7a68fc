package io.payonce.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's numbers, from the database (Prometheus keeps no history here): one grouped
 * query per chart over a bounded window, reading attempts that ended in it (finished_at index),
 * PENDING attempts (partial index) and notification history rows (status_history by time).
 */
@Repository
class DashboardQueries {
    static final List<String> OUTCOMES = List.of("succeeded", "failed", "closed", "duplicate");
    static final List<String> AGES = List.of("under 1m", "1m to 10m", "10m to 1h", "over 1h");
    static final List<String> DELIVERIES = List.of("delivered", "failed attempts", "dead");

    /** A window [start, end) cut into {@code count} buckets of {@code width}. */
    record Window(Instant start, Duration width, int count) {
        Instant end() {
            return start.plus(width.multipliedBy(count));
        }

        List<Instant> buckets() {
            List<Instant> starts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) starts.add(start.plus(width.multipliedBy(i)));
            return starts;
        }
    }

    private final JdbcClient jdbc;

    DashboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** outcome → count per bucket; {@code channel} null for every channel. */
    Map<String, double[]> outcomes(Window window, String channel) {
        Map<String, double[]> series = empty(OUTCOMES, window);
        jdbc.sql("""
                select floor(extract(epoch from a.finished_at - :start) / :width)::int as bucket,
                       case when a.status = 'SUCCEEDED' and not a.duplicate then 'succeeded'
                            when a.status = 'SUCCEEDED' then 'duplicate'
                            when a.status = 'FAILED' then 'failed' else 'closed' end as outcome,
                       count(*) as n
                from payment_attempt a
                where a.finished_at >= :start and a.finished_at < :end and (cast(:channel as text) is null or a.channel = :channel)
                group by 1, 2""")
                .params(params(window, channel))
                .query(rs -> { add(series, rs.getString("outcome"), rs.getInt("bucket"), rs.getLong("n")); });
        return series;
    }

    /** channel → outcome → count over the whole window. */
    Map<String, Map<String, Long>> outcomesByChannel(Window window) {
        Map<String, Map<String, Long>> table = new LinkedHashMap<>();
        jdbc.sql("""
                select a.channel,
                       case when a.status = 'SUCCEEDED' and not a.duplicate then 'succeeded'
                            when a.status = 'SUCCEEDED' then 'duplicate'
                            when a.status = 'FAILED' then 'failed' else 'closed' end as outcome,
                       count(*) as n
                from payment_attempt a where a.finished_at >= :start and a.finished_at < :end
                group by 1, 2 order by 1""")
                .params(params(window, null))
                .query(rs -> {
                    table.computeIfAbsent(rs.getString("channel"), c -> new LinkedHashMap<>(zeroes()))
                            .put(rs.getString("outcome"), rs.getLong("n"));
                });
        return table;
    }

    /**
     * p50 and p99 seconds from the buyer paying (the channel's paid time, else the attempt's
     * creation) to the success being recorded, for attempts that paid their order.
     */
    Map<String, double[]> timeToTruth(Window window, String channel) {
        Map<String, double[]> series = empty(List.of("p50", "p99"), window);
        jdbc.sql("""
                select floor(extract(epoch from a.finished_at - :start) / :width)::int as bucket,
                       percentile_cont(0.5) within group (order by s) as p50,
                       percentile_cont(0.99) within group (order by s) as p99
                from (select a.finished_at,
                             greatest(0, extract(epoch from a.finished_at - coalesce(a.channel_paid_at, a.created_at))) as s
                      from payment_attempt a
                      where a.finished_at >= :start and a.finished_at < :end and a.status = 'SUCCEEDED' and not a.duplicate
                        and (cast(:channel as text) is null or a.channel = :channel)) a
                group by 1""")
                .params(params(window, channel))
                .query(rs -> {
                    int bucket = rs.getInt("bucket");
                    set(series, "p50", bucket, rs.getDouble("p50"));
                    set(series, "p99", bucket, rs.getDouble("p99"));
                });
        return series;
    }

    /** How many attempts were PENDING at the end of each bucket, by how old they were then. */
    Map<String, double[]> pendingByAge(Window window, String channel) {
        Map<String, double[]> series = empty(AGES, window);
        jdbc.sql("""
                with points as (
                  select i, cast(:start as timestamptz) + (i + 1) * make_interval(secs => cast(:width as double precision)) as t
                    from generate_series(0, cast(:count as int) - 1) i),
                alive as (
                  select created_at, finished_at from payment_attempt
                    where status = 'PENDING' and (cast(:channel as text) is null or channel = :channel)
                  union all
                  select created_at, finished_at from payment_attempt
                    where finished_at >= :start and created_at < :end and (cast(:channel as text) is null or channel = :channel))
                select p.i as bucket,
                       case when p.t - c.created_at < interval '1 minute' then 'under 1m'
                            when p.t - c.created_at < interval '10 minutes' then '1m to 10m'
                            when p.t - c.created_at < interval '1 hour' then '10m to 1h' else 'over 1h' end as age,
                       count(*) as n
                from points p join alive c on c.created_at <= p.t and (c.finished_at is null or c.finished_at > p.t)
                group by 1, 2""")
                .params(params(window, channel))
                .query(rs -> { add(series, rs.getString("age"), rs.getInt("bucket"), rs.getLong("n")); });
        return series;
    }

    /** Deliveries that succeeded, attempts that failed, and notifications that died, per bucket. */
    Map<String, double[]> notifications(Window window) {
        Map<String, double[]> series = empty(DELIVERIES, window);
        jdbc.sql("""
                select floor(extract(epoch from h.changed_at - :start) / :width)::int as bucket,
                       case when h.to_status = 'DELIVERED' then 'delivered' when h.to_status = 'DEAD' then 'dead'
                            else 'failed attempts' end as what,
                       count(*) as n
                from status_history h
                where h.entity = 'notification' and h.changed_at >= :start and h.changed_at < :end
                  and (h.to_status in ('DELIVERED', 'DEAD') or (h.from_status = 'PENDING' and h.to_status = 'PENDING'))
                group by 1, 2""")
                .params(params(window, null))
                .query(rs -> { add(series, rs.getString("what"), rs.getInt("bucket"), rs.getLong("n")); });
        return series;
    }

    private static Map<String, Object> params(Window window, String channel) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("start", Timestamp.from(window.start()));
        params.put("end", Timestamp.from(window.end()));
        params.put("width", (double) window.width().toSeconds());
        params.put("count", window.count());
        params.put("channel", channel);
        return params;
    }

    private static Map<String, double[]> empty(List<String> names, Window window) {
        Map<String, double[]> series = new LinkedHashMap<>();
        names.forEach(name -> series.put(name, new double[window.count()]));
        return series;
    }

    private static Map<String, Long> zeroes() {
        Map<String, Long> counts = new LinkedHashMap<>();
        OUTCOMES.forEach(outcome -> counts.put(outcome, 0L));
        return counts;
    }

    private static void add(Map<String, double[]> series, String name, int bucket, long n) {
        double[] values = series.get(name);
        if (values != null && bucket >= 0 && bucket < values.length) values[bucket] += n;
    }

    private static void set(Map<String, double[]> series, String name, int bucket, double value) {
        double[] values = series.get(name);
        if (values != null && bucket >= 0 && bucket < values.length) values[bucket] = value;
    }
}
