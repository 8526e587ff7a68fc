package io.payonce.shared;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Instant;

/**
 * Schedules durable work. Its data source takes part in the caller's Spring transaction, so a
 * job commits together with the state it follows, or not at all.
 */
public class Jobs {
    private final SchedulerClient client;

    public Jobs(SchedulerClient client) {
        this.client = client;
    }

    /** Schedules the job, or moves an already scheduled one to {@code at} (earliest wins). */
    public void schedule(String jobName, String instanceId, Instant at, int step) {
        TaskInstance<Integer> instance = new TaskInstance<>(jobName, instanceId, step);
        if (!client.scheduleIfNotExists(instance, at)) {
            client.getScheduledExecution(TaskInstanceId.of(jobName, instanceId))
                    .filter(existing -> !existing.isPicked() && existing.getExecutionTime().isAfter(at))
                    .ifPresent(existing -> client.reschedule(instance, at, step));
        }
    }

    public boolean isScheduled(String jobName, String instanceId) {
        return client.getScheduledExecution(TaskInstanceId.of(jobName, instanceId)).isPresent();
    }
}
