package io.payonce.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A real PostgreSQL server that lives outside the gateway's JVM (in the test's), on a fixed port
 * and data directory, so that it can be restarted under a running gateway: stopped ("pg_ctl stop
 * -m fast": sessions are cut, in-flight transactions roll back) and started again on the same
 * data, as an operator's restart or a failover to the same address would.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;
    private int restarts;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A fresh server: {@code dataDirectory} is emptied first. */
    public static RestartablePostgres start(Path dataDirectory) {
        try {
            if (Files.exists(dataDirectory)) {
                try (var files = Files.walk(dataDirectory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RestartablePostgres postgres = new RestartablePostgres(dataDirectory.toAbsolutePath(), JavaProcess.freePort());
        postgres.up();
        return postgres;
    }

    /** Creates an empty database and returns its JDBC URL (user postgres, no password). */
    public synchronized String newDatabase(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    /** Stops the server, keeps it down for {@code downFor}, and starts it again on the same data and port. */
    public synchronized void restart(Duration downFor) {
        down();
        JavaProcess.sleep(downFor);
        up();
        restarts++;
    }

    public int restarts() {
        return restarts;
    }

    public int port() {
        return port;
    }

    private void up() {
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + dataDirectory, e);
        }
    }

    private void down() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL in " + dataDirectory, e);
        }
    }

    @Override
    public synchronized void close() {
        down();
    }
}
