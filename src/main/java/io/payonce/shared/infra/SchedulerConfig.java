package io.payonce.shared.infra;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.payonce.shared.JobHandler;
import io.payonce.shared.JobHandler.JobResult;
import io.payonce.shared.Jobs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerConfig.SchedulerProperties.class)
class SchedulerConfig {
    /** @param threads executor threads per node; @param pollingInterval how often due work is fetched. */
    @ConfigurationProperties("payonce.scheduler")
    record SchedulerProperties(Integer threads, Duration pollingInterval, Duration failureRetry) {
        SchedulerProperties {
            threads = threads == null ? 8 : threads;
            pollingInterval = pollingInterval == null ? Duration.ofMillis(500) : pollingInterval;
            failureRetry = failureRetry == null ? Duration.ofSeconds(10) : failureRetry;
        }
    }

    @Bean
    Jobs jobs(DataSource dataSource, JdbcClient jdbc) {
        // The proxy makes every schedule() join the caller's transaction.
        // Jobs writes new rows itself with the same serializer (one statement instead of select + insert).
        return new Jobs(SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource))
                .serializer(Serializer.DEFAULT_JAVA_SERIALIZER).build(),
                jdbc);
    }

    @Bean(destroyMethod = "stop")
    Scheduler scheduler(DataSource dataSource, ObjectProvider<JobHandler> handlers, Clock clock,
                        SchedulerProperties properties) {
        List<Task<?>> tasks = handlers.orderedStream().<Task<?>>map(h -> task(h, properties)).toList();
        return Scheduler.create(dataSource, tasks)
                .serializer(Serializer.DEFAULT_JAVA_SERIALIZER)
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(Duration.ofSeconds(5))
                .enableImmediateExecution()
                .clock(clock::instant)
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(Scheduler.class).start();
    }

    private static Task<Integer> task(JobHandler handler, SchedulerProperties properties) {
        return Tasks.custom(handler.jobName(), Integer.class)
                .onFailureReschedule(FixedDelay.of(properties.failureRetry()))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    int step = instance.getData() == null ? 0 : instance.getData();
                    JobResult result = handler.run(instance.getId(), step);
                    if (result instanceof JobResult.RunAgainAt again) {
                        return (complete, operations) -> operations.reschedule(complete, again.at(), again.nextStep());
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }
}
