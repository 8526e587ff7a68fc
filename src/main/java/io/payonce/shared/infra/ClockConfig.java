package io.payonce.shared.infra;

import io.payonce.shared.ShiftableClock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {
    @Bean
    ShiftableClock clock() {
        return new ShiftableClock();
    }
}
