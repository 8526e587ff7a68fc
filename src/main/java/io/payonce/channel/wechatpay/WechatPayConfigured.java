package io.payonce.channel.wechatpay;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * WeChat Pay is offered only when a merchant id and its private key are configured. Without
 * them the channel has no bean and a request for it is answered {@code channel_not_available}.
 * With them, every other missing setting fails start-up ({@link WechatPayProperties#validate()}).
 * Read through the Binder, so environment variables (PAYONCE_WECHATPAY_MCHID, …) count too.
 */
class WechatPayConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        return set(binder, "payonce.wechatpay.mchid")
                && (set(binder, "payonce.wechatpay.private-key") || set(binder, "payonce.wechatpay.private-key-file"));
    }

    private static boolean set(Binder binder, String name) {
        return binder.bind(name, String.class).map(value -> !value.isBlank()).orElse(false);
    }
}
