package io.payonce.channel.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSANotificationConfig;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The official SDK, built once and without network: {@link RSAConfig} (platform certificates
 * from configuration) or {@link RSAPublicKeyConfig} (WeChat Pay public key and id), never the
 * auto-certificate config that downloads certificates at start. Its transport is okhttp 4 with
 * explicit timeouts, an interceptor that points it at the configured base URL, and one that
 * restores the case of WeChat Pay's header names.
 */
record WechatPaySdk(NativePayService nativePay, JsapiServiceExtension jsapi, H5Service h5, RefundService refunds,
                    NotificationParser notifications) {
    /** Idle connections are dropped before WeChat Pay's 8 s keep-alive ends, as the SDK's own default does. */
    private static final int KEEP_ALIVE_SECONDS = 7;

    static WechatPaySdk build(WechatPayProperties properties) {
        properties.validate();
        Config config;
        NotificationConfig notificationConfig;
        String privateKey = WechatPayKeys.privateKey(properties);
        try {
            if (properties.usesPublicKey()) {
                RSAPublicKeyConfig publicKeyConfig = new RSAPublicKeyConfig.Builder()
                        .merchantId(properties.mchid()).privateKey(privateKey)
                        .merchantSerialNumber(properties.merchantSerialNumber())
                        .publicKey(WechatPayKeys.publicKey(properties)).publicKeyId(properties.publicKeyId())
                        .apiV3Key(properties.apiV3Key()).build();
                config = publicKeyConfig;
                notificationConfig = publicKeyConfig;
            } else {
                String[] certificates = WechatPayKeys.platformCertificates(properties).toArray(String[]::new);
                config = new RSAConfig.Builder().merchantId(properties.mchid()).privateKey(privateKey)
                        .merchantSerialNumber(properties.merchantSerialNumber()).wechatPayCertificates(certificates).build();
                notificationConfig = new RSANotificationConfig.Builder().certificates(certificates)
                        .apiV3Key(properties.apiV3Key()).build();
            }
        } catch (IllegalArgumentException e) {
            // The SDK's PEM errors never carry the key text, but say so ourselves rather than rely on it.
            throw new IllegalStateException("payonce.wechatpay: a key or certificate could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp(properties)).build();
        return new WechatPaySdk(
                new NativePayService.Builder().httpClient(http).build(),
                new JsapiServiceExtension.Builder().config(config).httpClient(http).build(),
                new H5Service.Builder().httpClient(http).build(),
                new RefundService.Builder().httpClient(http).build(),
                new NotificationParser(List.of(notificationConfig).toArray(NotificationConfig[]::new)));
    }

    static OkHttpClient okHttp(WechatPayProperties properties) {
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(5, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS))
                .connectTimeout(properties.connectTimeout())
                .readTimeout(properties.readTimeout())
                .writeTimeout(properties.readTimeout())
                .callTimeout(properties.callTimeout())
                .addInterceptor(new BaseUrlInterceptor(properties.baseUrl()))
                .addInterceptor(new CanonicalHeaderNames())
                .build();
    }
}
