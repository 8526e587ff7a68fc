package io.payonce.channel.alipay;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Alipay is offered only when an app id and both keys (inline or as files) are configured. */
class AlipayCredentialsPresent implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        return set(environment, "payonce.alipay.app-id")
                && (set(environment, "payonce.alipay.private-key") || set(environment, "payonce.alipay.private-key-file"))
                && (set(environment, "payonce.alipay.alipay-public-key") || set(environment, "payonce.alipay.alipay-public-key-file"));
    }

    private static boolean set(Environment environment, String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }
}
