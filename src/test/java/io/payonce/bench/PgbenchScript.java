package io.payonce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a pgbench script once over JDBC, the way pgbench does in prepared mode: {@code \set x
 * random(a, b)}, {@code :name} variables sent as untyped parameters, {@code \gset} storing a
 * row's columns as variables, BEGIN/COMMIT as transactions. Only what bench/create-payment.sql
 * uses; it lets a test check the script's writes against the gateway's without pgbench installed.
 */
final class PgbenchScript {
    private static final Pattern RANDOM = Pattern.compile("\\\\set (\\w+) random\\((\\d+), *(\\d+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("(?<!:):([a-zA-Z_][a-zA-Z0-9_]*)");

    private final List<String> commands;

    private PgbenchScript(List<String> commands) {
        this.commands = commands;
    }

    static PgbenchScript read(Path file) {
        try {
            List<String> commands = new ArrayList<>();
            StringBuilder statement = new StringBuilder();
            for (String raw : Files.readAllLines(file)) {
                String line = raw.replaceAll("\\s--\\s.*$", "").strip();
                if (line.isEmpty() || line.startsWith("--")) continue;
                if (line.startsWith("\\set")) {
                    commands.add(line);
                    continue;
                }
                statement.append(line).append('\n');
                if (line.endsWith(";") || line.endsWith("\\gset")) {
                    commands.add(statement.toString().strip());
                    statement.setLength(0);
                }
            }
            if (!statement.isEmpty()) throw new IllegalArgumentException("unterminated statement: " + statement);
            return new PgbenchScript(commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every command once with these -D variables. */
    void runOnce(Connection connection, Map<String, String> defines) throws SQLException {
        Map<String, String> variables = new HashMap<>(defines);
        for (String command : commands) {
            Matcher random = RANDOM.matcher(command);
            if (random.matches()) {
                variables.put(random.group(1), String.valueOf(ThreadLocalRandom.current()
                        .nextLong(Long.parseLong(random.group(2)), Long.parseLong(random.group(3)) + 1)));
            } else if (command.startsWith("\\")) {
                throw new IllegalArgumentException("meta command not supported here: " + command);
            } else if (command.equalsIgnoreCase("BEGIN;")) {
                connection.setAutoCommit(false);
            } else if (command.equalsIgnoreCase("COMMIT;")) {
                connection.commit();
                connection.setAutoCommit(true);
            } else {
                execute(connection, command, variables);
            }
        }
    }

    private static void execute(Connection connection, String command, Map<String, String> variables) throws SQLException {
        boolean gset = command.endsWith("\\gset");
        String sql = gset ? command.substring(0, command.length() - "\\gset".length()).strip() : command;
        sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        List<String> values = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(sql);
        StringBuilder parameterized = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) throw new IllegalArgumentException("undefined variable :" + matcher.group(1) + " in " + sql);
            values.add(value);
            matcher.appendReplacement(parameterized, "?");
        }
        matcher.appendTail(parameterized);
        try (PreparedStatement statement = connection.prepareStatement(parameterized.toString())) {
            for (int i = 0; i < values.size(); i++) statement.setObject(i + 1, values.get(i), Types.OTHER); // untyped, as pgbench sends them
            boolean rows = statement.execute();
            if (gset) {
                if (!rows) throw new IllegalStateException("\\gset on a statement without rows: " + sql);
                try (ResultSet result = statement.getResultSet()) {
                    if (!result.next()) throw new IllegalStateException("\\gset got no row: " + sql);
                    for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                        variables.put(result.getMetaData().getColumnLabel(column), result.getString(column));
                    }
                }
            }
        }
    }
}
