package io.payonce.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external tools (wrk, pgbench, psql) with a deadline, keeping their output in the bench log. */
final class Commands {
    private final Path log;

    Commands(Path log) {
        this.log = log;
    }

    /** @return standard output and error together; a non-zero exit or the deadline is an exception. */
    String run(List<String> command, Duration timeout) {
        try {
            Path output = Files.createTempFile("bench-command", ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            // API keys are arguments of wrk: the log keeps their key id only.
            append("$ " + String.join(" ", command).replaceAll("(sk_[0-9a-f]+_)[0-9a-f]+", "$1…") + "\n" + text + "\n");
            if (!finished) throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s: " + command.getFirst());
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.getFirst() + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    void append(String text) {
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
