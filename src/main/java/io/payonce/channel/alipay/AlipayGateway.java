package io.payonce.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayConstants;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import java.security.Security;

/**
 * The official SDK's client, built once (public-key mode, RSA2, UTF-8, JSON). With
 * max-idle-connections above 0 the SDK sends through its okhttp transport ({@code HttpClientUtil});
 * it signs every request with our private key and verifies every response's signature with
 * Alipay's public key before we read it. Calls never throw: no usable answer is a reply with the reason.
 */
final class AlipayGateway {
    private static final String CERTPATH_DISABLED = "jdk.certpath.disabledAlgorithms";

    private final AlipayClient client;

    AlipayGateway(AlipayProperties properties, AlipayKeys keys) {
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(properties.serverUrl());
        config.setAppId(properties.appId());
        config.setPrivateKey(keys.merchantPrivateKey());
        config.setAlipayPublicKey(keys.alipayPublicKey());
        config.setSignType(AlipayConstants.SIGN_TYPE_RSA2);
        config.setCharset(AlipayConstants.CHARSET_UTF8);
        config.setFormat(AlipayConstants.FORMAT_JSON);
        config.setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()));
        config.setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()));
        config.setMaxIdleConnections(properties.maxIdleConnections());
        config.setKeepAliveDuration(properties.keepAlive().toMillis());
        // The SDK's own logger writes request URLs (with their signatures) and buyers' data: ours logs instead.
        AlipayLogger.setNeedEnableLogger(false);
        this.client = build(config);
    }

    <T extends AlipayResponse> AlipayReply<T> execute(AlipayRequest<T> request) {
        try {
            return AlipayReply.of(client.execute(request));
        } catch (AlipayApiException | RuntimeException e) {
            return AlipayReply.none(describe(e));
        }
    }

    /** Page pay: the SDK signs the whole request into a URL; nothing is sent to Alipay until the buyer opens it. */
    <T extends AlipayResponse> String pageUrl(AlipayRequest<T> request) throws AlipayApiException {
        return client.pageExecute(request, "GET").getBody();
    }

    /**
     * The SDK's AbstractAlipayClient clears jdk.certpath.disabledAlgorithms for the whole JVM when its
     * class loads (to accept Alipay's old certificates in certificate mode). Public-key mode does not
     * need that, so the JVM's setting is put back.
     */
    private static DefaultAlipayClient build(AlipayConfig config) {
        String before = Security.getProperty(CERTPATH_DISABLED);
        try {
            return new DefaultAlipayClient(config);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("payonce.alipay: the SDK refused the configuration: " + e.getErrMsg());
        } finally {
            if (before != null && !before.equals(Security.getProperty(CERTPATH_DISABLED))) {
                Security.setProperty(CERTPATH_DISABLED, before);
            }
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String text = root == e ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
        return "no usable answer from Alipay: " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
