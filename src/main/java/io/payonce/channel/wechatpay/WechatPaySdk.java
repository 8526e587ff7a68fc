package io.payonce.channel.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.auth.WechatPay2Validator;
import com.wechat.pay.java.core.certificate.InMemoryCertificateProvider;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.Constant;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.util.PemUtil;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.RefundService;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The official SDK, built once and without network: {@link RSAConfig} (platform certificates
 * from configuration) or {@link RSAPublicKeyConfig} (WeChat Pay public key and id), never the
 * auto-certificate config that downloads certificates at start. With both configured (WeChat
 * Pay's switch from certificates to the public key), replies and notifications verify with
 * whichever Wechatpay-Serial names. Its transport is okhttp 4 with explicit timeouts, an
 * interceptor that points it at the configured base URL, and one that restores the case of
 * WeChat Pay's header names.
 */
record WechatPaySdk(NativePayService nativePay, JsapiServiceExtension jsapi, H5Service h5, RefundService refunds,
                    NotificationParser notifications) {
    /** Idle connections are dropped before WeChat Pay's 8 s keep-alive ends, as the SDK's own default does. */
    private static final int KEEP_ALIVE_SECONDS = 7;

    static WechatPaySdk build(WechatPayProperties properties) {
        properties.validate();
        String privateKey = WechatPayKeys.privateKey(properties);
        Config config;
        Verifier verifier;
        try {
            List<String> certificates = properties.usesCertificates() ? WechatPayKeys.platformCertificates(properties) : List.of();
            String publicKey = properties.usesPublicKey() ? WechatPayKeys.publicKey(properties) : null;
            config = certificates.isEmpty()
                    ? new RSAPublicKeyConfig.Builder().merchantId(properties.mchid()).privateKey(privateKey)
                            .merchantSerialNumber(properties.merchantSerialNumber()).publicKey(publicKey)
                            .publicKeyId(properties.publicKeyId()).apiV3Key(properties.apiV3Key()).build()
                    : new RSAConfig.Builder().merchantId(properties.mchid()).privateKey(privateKey)
                            .merchantSerialNumber(properties.merchantSerialNumber())
                            .wechatPayCertificates(certificates.toArray(String[]::new)).build();
            verifier = verifier(certificates, publicKey, properties.publicKeyId());
        } catch (IllegalArgumentException e) {
            // The SDK's PEM errors never carry the key text, but say so ourselves rather than rely on it.
            throw new IllegalStateException("payonce.wechatpay: a key or certificate could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        HttpClient http = new DefaultHttpClientBuilder().config(config).validator(new WechatPay2Validator(verifier))
                .okHttpClient(okHttp(properties)).build();
        NotificationParser notifications = new NotificationParser(Map.of(Constant.RSA_SIGN_TYPE, verifier),
                Map.of(Constant.AES_CIPHER_ALGORITHM, new AeadAesCipher(properties.apiV3Key().getBytes(StandardCharsets.UTF_8))));
        return new WechatPaySdk(
                new NativePayService.Builder().httpClient(http).build(),
                new JsapiServiceExtension.Builder().config(config).httpClient(http).build(),
                new H5Service.Builder().httpClient(http).build(),
                new RefundService.Builder().httpClient(http).build(),
                notifications);
    }

    /** The SDK's own verifier: by certificate serial, by public key id, or by either. */
    private static Verifier verifier(List<String> certificates, String publicKey, String publicKeyId) {
        InMemoryCertificateProvider provider = certificates.isEmpty() ? null
                : new InMemoryCertificateProvider(certificates.stream().map(PemUtil::loadX509FromString).toList());
        if (publicKey == null) return new RSAVerifier(provider);
        if (provider == null) return new RSAVerifier(PemUtil.loadPublicKeyFromString(publicKey), publicKeyId);
        return new RSAVerifier(PemUtil.loadPublicKeyFromString(publicKey), publicKeyId, provider);
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
