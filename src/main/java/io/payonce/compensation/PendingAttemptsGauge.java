package io.payonce.compensation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.shared.Schedules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * payonce_attempts_pending{age=...}: PENDING attempts by age, and how many are superseded.
 * Refreshed every 15 s by one query over the partial index on PENDING attempts, never on scrape.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PendingAttemptsGauge {
    private static final List<String> AGES = List.of("under_1m", "1m_to_10m", "10m_to_1h", "1h_to_24h", "over_24h");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private final AtomicLong superseded = new AtomicLong();

    PendingAttemptsGauge(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (String age : AGES) counts.put(age, new AtomicLong());
        counts.forEach((age, value) -> Gauge.builder("payonce.attempts.pending", value, AtomicLong::get)
                .tag("age", age).description("PENDING attempts by age").register(meters));
        Gauge.builder("payonce.attempts.superseded.pending", superseded, AtomicLong::get)
                .description("superseded attempts the channel has not closed yet").register(meters);
    }

    @Scheduled(fixedDelayString = "${payonce.metrics.pending-refresh:15s}", initialDelayString = "5s")
    void refresh() {
        Instant now = clock.instant();
        jdbc.sql("""
                select count(*) filter (where created_at >= ?) as under_1m,
                       count(*) filter (where created_at < ? and created_at >= ?) as "1m_to_10m",
                       count(*) filter (where created_at < ? and created_at >= ?) as "10m_to_1h",
                       count(*) filter (where created_at < ? and created_at >= ?) as "1h_to_24h",
                       count(*) filter (where created_at < ?) as over_24h,
                       count(*) filter (where superseded) as superseded
                from payment_attempt where status = 'PENDING'""")
                .params(ts(now, "1m"), ts(now, "1m"), ts(now, "10m"), ts(now, "10m"), ts(now, "1h"), ts(now, "1h"),
                        ts(now, "24h"), ts(now, "24h"))
                .query(rs -> {
                    rs.next();
                    counts.forEach((age, value) -> value.set(uncheckedLong(rs, age)));
                    superseded.set(uncheckedLong(rs, "superseded"));
                    return true; // JdbcClient refuses a null result: returning null made every refresh log an error
                });
    }

    private static Timestamp ts(Instant now, String age) {
        return Timestamp.from(now.minus(Schedules.parseOne(age)));
    }

    private static long uncheckedLong(ResultSet rs, String column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
