package io.payonce.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole gateway on a random port, with the in-process simulator channel, on its own fresh
 * PostgreSQL database. Tests talk to it over real HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "payonce.demo-merchant=false",
        "payonce.admin-token=test-admin-token",
        "payonce.console.admin-password=test-console-password",
        "payonce.scheduler.polling-interval=100ms",
        "payonce.sweeper.interval=1s",
        "payonce.metrics.pending-refresh=1s"
})
@ContextConfiguration(initializers = TestDatabase.class)
public @interface GatewayTest {}
