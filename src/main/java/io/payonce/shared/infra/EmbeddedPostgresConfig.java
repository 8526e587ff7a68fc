package io.payonce.shared.infra;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default set-up: a real PostgreSQL server started by the gateway itself, its data kept
 * under {@code payonce.embedded-postgres.data-dir}. Production turns this off and points
 * {@code spring.datasource.*} at its own PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "payonce.embedded-postgres.enabled", havingValue = "true")
@EnableConfigurationProperties(EmbeddedPostgresConfig.EmbeddedPostgresProperties.class)
class EmbeddedPostgresConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);
    private static final int MAX_POOL_SIZE = 20;

    @ConfigurationProperties("payonce.embedded-postgres")
    record EmbeddedPostgresProperties(boolean enabled, Path dataDir, int port) {
        EmbeddedPostgresProperties {
            dataDir = dataDir == null ? Path.of("data", "postgres") : dataDir;
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) {
        try {
            Files.createDirectories(properties.dataDir());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(properties.dataDir().toAbsolutePath())
                    .setCleanDataDirectory(false);
            if (properties.port() > 0) {
                builder.setPort(properties.port());
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), properties.dataDir().toAbsolutePath());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + properties.dataDir(), e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }
}
