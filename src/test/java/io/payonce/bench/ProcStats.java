package io.payonce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Memory and CPU of a process from Linux's /proc. PostgreSQL's processes share their buffers,
 * so their memory is summed as PSS (each shared page split between its users), not RSS.
 */
final class ProcStats {
    /** Clock ticks per second of /proc/PID/stat: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {}

    static long rssKb(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:").orElse(0L);
    }

    static long pssKb(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss:").orElse(0L);
    }

    /** CPU seconds used by the process; with {@code reapedChildren}, also by its children that have exited. */
    static double cpuSeconds(long pid, boolean reapedChildren) {
        try {
            String[] fields = statFields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
            long ticks = ownTicks(fields);
            if (reapedChildren) ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // the process has just exited
        }
    }

    /**
     * CPU seconds used by the JVM's JIT compiler threads (HotSpot names them "C1 CompilerThread…"
     * and "C2 CompilerThread…"; the kernel keeps the first 15 characters).
     */
    static double jitCpuSeconds(long pid) {
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.mapToDouble(ProcStats::compilerThreadCpuSeconds).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // the process has just exited
        }
    }

    private static double compilerThreadCpuSeconds(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (!name.matches("C[12] CompilerThre.*")) return 0;
            return ownTicks(statFields(stat)) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // the thread has just ended
        }
    }

    /** The fields after the command name, which may itself hold spaces: [0] is field 3 (state). */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime (fields 14 and 15); cutime and cstime (16, 17) follow them. */
    private static long ownTicks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<Long> field(Path file, String name) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(name))
                    .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0])).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
