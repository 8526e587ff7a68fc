package io.payonce.simulator;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ComponentScan;

/**
 * The simulator as its own process (for tests that crash the gateway): only this package, its
 * own port (9090) and its own database. Configuration comes from {@code simulator.yml}, not the
 * gateway's application.yml. The condition keeps the gateway's component scan, and
 * {@code @SpringBootTest}'s search for a configuration, from picking this class up.
 */
@SpringBootConfiguration
// Spring Security is on the classpath for the gateway's operator console; the simulator has its own Sim-Key auth.
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ComponentScan("io.payonce.simulator")
@ConditionalOnProperty(name = "payonce.simulator.standalone", havingValue = "true")
public class SimulatorApplication {
    public static void main(String[] args) {
        if (System.getProperty("spring.config.name") == null) {
            System.setProperty("spring.config.name", "simulator");
        }
        SpringApplication app = new SpringApplication(SimulatorApplication.class);
        app.setDefaultProperties(Map.of("payonce.simulator.standalone", "true"));
        app.run(args);
    }
}
