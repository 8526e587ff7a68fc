package io.payonce.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * For looking into a run afterwards: once a second, what the gateway's database sessions are
 * doing (pg_stat_activity: state and wait event, counted), written to pg-activity.log.
 */
final class DatabaseWatch implements AutoCloseable {
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final Thread thread;
    private volatile boolean running = true;

    DatabaseWatch(String jdbcUrl, Path log) {
        thread = Thread.ofPlatform().daemon().name("chaos-db-watch").start(() -> watch(jdbcUrl, log));
    }

    private void watch(String jdbcUrl, Path log) {
        List<String> lines = new ArrayList<>();
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 ResultSet rs = connection.createStatement().executeQuery("""
                         select coalesce(state, '-') || '/' || coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-')
                           || case when xact_start < now() - interval '1 second' then ' (in a transaction > 1 s)' else '' end,
                           count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                         group by 1 order by 2 desc""")) {
                StringBuilder line = new StringBuilder(Instant.now().toString());
                while (rs.next()) line.append("  ").append(rs.getLong(2)).append(' ').append(rs.getString(1));
                lines.add(line.toString());
            } catch (SQLException e) {
                lines.add(Instant.now() + "  no answer: " + e.getMessage());
            }
            Buyer.sleep(EVERY);
        }
        try {
            Files.write(log, lines);
        } catch (IOException ignored) {
            // diagnosis only
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
