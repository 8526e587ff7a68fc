package io.payonce.simulator;

import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulator's own schema and time. Its Flyway is run here and never exposed as a bean: a
 * Flyway bean would make Spring Boot skip the gateway's own migrations.
 */
@Configuration(proxyBeanMethods = false)
@EnabledSimulator
class SimulatorConfig {
    /** Marker that the {@code sim} schema is migrated; every simulator bean touching the DB needs it. */
    record SimSchema(int migrationsApplied) {}

    /** The gateway's shiftable clock when running inside it (so tests can move time), else the system's. */
    record SimClock(Clock clock) {}

    @Bean
    SimSchema simSchema(DataSource dataSource) {
        int applied = Flyway.configure()
                .dataSource(dataSource)
                .schemas("sim")
                .createSchemas(true)
                .table("sim_schema_history")
                .locations("classpath:db/sim")
                .load()
                .migrate()
                .migrationsExecuted;
        return new SimSchema(applied);
    }

    @Bean
    SimClock simClock(ObjectProvider<Clock> clocks) {
        return new SimClock(clocks.getIfUnique(Clock::systemUTC));
    }
}
