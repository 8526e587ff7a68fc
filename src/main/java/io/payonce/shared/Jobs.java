package io.payonce.shared;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schedules durable work. Its data source takes part in the caller's Spring transaction, so a
 * job commits together with the state it follows, or not at all.
 */
public class Jobs {
    private final SchedulerClient client;
    private final JdbcClient jdbc;

    public Jobs(SchedulerClient client, JdbcClient jdbc) {
        this.client = client;
        this.jdbc = jdbc;
    }

    /** Schedules the job, or moves an already scheduled one to {@code at} (earliest wins). */
    public void schedule(String jobName, String instanceId, Instant at, int step) {
        if (!insertIfAbsent(jobName, instanceId, at, step)) {
            TaskInstance<Integer> instance = new TaskInstance<>(jobName, instanceId, step);
            client.getScheduledExecution(TaskInstanceId.of(jobName, instanceId))
                    .filter(existing -> !existing.isPicked() && existing.getExecutionTime().isAfter(at))
                    .ifPresent(existing -> client.reschedule(instance, at, step));
        }
    }

    public boolean isScheduled(String jobName, String instanceId) {
        return client.getScheduledExecution(TaskInstanceId.of(jobName, instanceId)).isPresent();
    }

    /**
     * The row db-scheduler's {@code scheduleIfNotExists} writes (same columns, same serializer),
     * in one statement: it selects, then inserts, and every payment schedules two jobs, so its
     * select was two of the create path's round trips. {@code on conflict do nothing} also keeps
     * the caller's transaction alive when the job exists already.
     */
    private boolean insertIfAbsent(String jobName, String instanceId, Instant at, int step) {
        return jdbc.sql("""
                insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
                values (?, ?, ?, ?, false, 1) on conflict (task_name, task_instance) do nothing""")
                .params(jobName, instanceId, Serializer.DEFAULT_JAVA_SERIALIZER.serialize(step), Timestamp.from(at))
                .update() == 1;
    }
}
