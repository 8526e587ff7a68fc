package io.payonce.channel.wechatpay;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * WeChat Pay is offered only when a merchant id and its private key are configured. Without
 * them the channel has no bean and a request for it is answered {@code channel_not_available}.
 * With them, every other missing setting fails start-up ({@link WechatPayProperties#validate()}).
 */
class WechatPayConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        return set(environment, "payonce.wechatpay.mchid")
                && (set(environment, "payonce.wechatpay.private-key") || set(environment, "payonce.wechatpay.private-key-file"));
    }

    private static boolean set(Environment environment, String name) {
        String value = environment.getProperty(name);
        return value != null && !value.isBlank();
    }
}
