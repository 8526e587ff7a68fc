package io.payonce.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Every simulator bean carries this: {@code payonce.simulator.enabled=false} removes the whole PSP. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "payonce.simulator.enabled", havingValue = "true", matchIfMissing = true)
@interface EnabledSimulator {}
