package io.payonce.compensation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * payonce_attempts_pending{age=...}: PENDING attempts by age, and how many are superseded.
 * Refreshed every 15 s through the partial index on PENDING attempts, never on scrape.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PendingAttemptsGauge {
    private static final Map<String, Duration> BUCKETS = new LinkedHashMap<>();
    static {
        BUCKETS.put("under_1m", Duration.ofMinutes(1));
        BUCKETS.put("1m_to_10m", Duration.ofMinutes(10));
        BUCKETS.put("10m_to_1h", Duration.ofHours(1));
        BUCKETS.put("1h_to_24h", Duration.ofHours(24));
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private final AtomicLong superseded = new AtomicLong();

    PendingAttemptsGauge(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (String bucket : BUCKETS.keySet()) counts.put(bucket, new AtomicLong());
        counts.put("over_24h", new AtomicLong());
        counts.forEach((age, value) -> Gauge.builder("payonce.attempts.pending", value, AtomicLong::get)
                .tag("age", age).description("PENDING attempts by age").register(meters));
        Gauge.builder("payonce.attempts.superseded.pending", superseded, AtomicLong::get)
                .description("superseded attempts the channel has not closed yet").register(meters);
    }

    @Scheduled(fixedDelayString = "${payonce.metrics.pending-refresh:15s}", initialDelayString = "5s")
    void refresh() {
        Instant now = clock.instant();
        long previous = 0;
        for (Map.Entry<String, Duration> bucket : BUCKETS.entrySet()) {
            long younger = countSince(now.minus(bucket.getValue()));
            counts.get(bucket.getKey()).set(younger - previous);
            previous = younger;
        }
        counts.get("over_24h").set(countSince(Instant.EPOCH) - previous);
        superseded.set(jdbc.sql("select count(*) from payment_attempt where status = 'PENDING' and superseded").query(Long.class).single());
    }

    private long countSince(Instant since) {
        return jdbc.sql("select count(*) from payment_attempt where status = 'PENDING' and created_at >= ?")
                .param(Timestamp.from(since)).query(Long.class).single();
    }
}
