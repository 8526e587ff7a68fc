package io.payonce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run: printed as a table at the end and written as Markdown. */
final class Results {
    enum Verdict { MET, NOT_MET, NONE }

    record Row(String part, String figure, String value, String goal, Verdict verdict) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> machine = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void machine(String line) {
        machine.add(line);
    }

    void note(String line) {
        notes.add(line);
        System.out.println("  note: " + line);
    }

    void add(String part, String figure, String value) {
        add(new Row(part, figure, value, "", Verdict.NONE));
    }

    void add(String part, String figure, String value, String goal, boolean met) {
        add(new Row(part, figure, value, goal, met ? Verdict.MET : Verdict.NOT_MET));
    }

    private void add(Row row) {
        rows.add(row);
        System.out.printf("  %-22s %-58s %s%n", row.part(), row.figure(), row.value());
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# PayOnce benchmark results\n\n");
        machine.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n| part | figure | value | goal | met |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.part()).append(" | ").append(row.figure()).append(" | ").append(row.value())
                    .append(" | ").append(row.goal()).append(" | ").append(verdict(row.verdict())).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes:\n\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    String table() {
        int part = 4, figure = 6, value = 5, goal = 4;
        for (Row row : rows) {
            part = Math.max(part, row.part().length());
            figure = Math.max(figure, row.figure().length());
            value = Math.max(value, row.value().length());
            goal = Math.max(goal, row.goal().length());
        }
        String line = "%-" + part + "s  %-" + figure + "s  %" + value + "s  %-" + goal + "s  %s%n";
        StringBuilder out = new StringBuilder();
        machine.forEach(text -> out.append(text).append('\n'));
        out.append(String.format(Locale.ROOT, line, "part", "figure", "value", "goal", "met"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, line, row.part(), row.figure(), row.value(), row.goal(), verdict(row.verdict())));
        }
        return out.toString();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String verdict(Verdict verdict) {
        return switch (verdict) {
            case MET -> "yes";
            case NOT_MET -> "NO";
            case NONE -> "";
        };
    }
}
