package io.payonce.channel.stripe;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The stripe channel exists only when a secret key (inline or file) is configured; blank counts as none. */
class StripeConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        return StripeProperties.present(environment.getProperty("payonce.stripe.secret-key"))
                || StripeProperties.present(environment.getProperty("payonce.stripe.secret-key-file"));
    }
}
