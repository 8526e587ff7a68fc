package io.payonce.shared;

import java.time.Instant;

/**
 * A kind of durable timed work (a poll, an expiry, a delivery). Each module declares its own;
 * the scheduler runs them from the {@code scheduled_tasks} table, so work survives crashes and
 * is shared by every gateway node. {@code step} counts how often the same instance ran before.
 */
public interface JobHandler {
    String jobName();

    JobResult run(String instanceId, int step);

    sealed interface JobResult {
        record Done() implements JobResult {}

        record RunAgainAt(Instant at, int nextStep) implements JobResult {}

        static JobResult done() { return new Done(); }

        static JobResult runAgainAt(Instant at, int nextStep) { return new RunAgainAt(at, nextStep); }
    }
}
