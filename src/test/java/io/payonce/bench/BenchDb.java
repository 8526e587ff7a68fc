package io.payonce.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC to the gateway's PostgreSQL, for what the bench sets up and reads back by SQL. */
final class BenchDb implements AutoCloseable {
    private final Connection connection;

    BenchDb(String jdbcUrl) {
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl, e);
        }
    }

    long number(String sql, Object... params) {
        List<Double> values = doubles(sql, params);
        if (values.size() != 1) throw new IllegalStateException("expected one row from: " + sql);
        return Math.round(values.getFirst());
    }

    String text(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) throw new IllegalStateException("no row from: " + sql);
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row, as numbers. */
    List<Double> doubles(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
            List<Double> values = new ArrayList<>();
            while (rows.next()) values.add(rows.getDouble(1));
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    List<String> texts(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) values.add(rows.getString(1));
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    int update(String sql, Object... params) {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    java.sql.Array textArray(List<String> values) {
        try {
            return connection.createArrayOf("text", values.toArray());
        } catch (SQLException e) {
            throw new IllegalStateException("text[] of " + values.size(), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) statement.setObject(i + 1, params[i]);
        return statement;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at the end of the run; nothing to do
        }
    }
}
