package io.payonce.channel.alipay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alipay in public-key mode (RSA2). Keys come inline or from files; {@link #toString()} never
 * shows them. Timeouts are kept below {@code payonce.channels.call-timeout} (10 s): a refund may
 * make two calls (refund, then refund query), so connect + read is at most half of it.
 *
 * @param appId              the application's APPID at open.alipay.com
 * @param privateKey         the application private key, PKCS#8, base64 or PEM
 * @param privateKeyFile     or a file holding it
 * @param alipayPublicKey    Alipay's public key for this application, X.509, base64 or PEM
 * @param alipayPublicKeyFile or a file holding it
 * @param serverUrl          the gateway; tests point it at the local protocol server
 * @param defaultProduct     PAGE (alipay.trade.page.pay) or QR (alipay.trade.precreate), when the request does not say
 * @param maxIdleConnections above 0 the SDK uses its okhttp transport with a connection pool
 * @param keepAlive          how long an idle pooled connection is kept (the SDK allows at most 60 s)
 * @param notifyMaxAge       how old an async notification's notify_time may be (Alipay retries for about 25 h)
 * @param clockSkew          how far Alipay's clock may differ from ours: future notify_time, and the grace after time_expire
 */
@ConfigurationProperties("payonce.alipay")
public record AlipayProperties(String appId, String privateKey, String privateKeyFile, String alipayPublicKey,
                               String alipayPublicKeyFile, String serverUrl, AlipayProduct defaultProduct,
                               Duration connectTimeout, Duration readTimeout, Integer maxIdleConnections,
                               Duration keepAlive, Duration notifyMaxAge, Duration clockSkew) {
    public static final String PRODUCTION_URL = "https://openapi.alipay.com/gateway.do";

    public AlipayProperties {
        appId = appId == null ? "" : appId.strip();
        serverUrl = serverUrl == null || serverUrl.isBlank() ? PRODUCTION_URL : serverUrl.strip();
        defaultProduct = defaultProduct == null ? AlipayProduct.PAGE : defaultProduct;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(3) : readTimeout;
        maxIdleConnections = maxIdleConnections == null ? 5 : maxIdleConnections;
        keepAlive = keepAlive == null ? Duration.ofSeconds(30) : keepAlive;
        notifyMaxAge = notifyMaxAge == null ? Duration.ofHours(26) : notifyMaxAge;
        clockSkew = clockSkew == null ? Duration.ofMinutes(2) : clockSkew;
        if (keepAlive.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("payonce.alipay.keep-alive: at most 60s (the SDK refuses more), not " + keepAlive);
        }
        if (maxIdleConnections < 1) {
            throw new IllegalArgumentException("payonce.alipay.max-idle-connections: at least 1, so the SDK uses okhttp");
        }
    }

    /** Keys stay out of logs and error messages. */
    @Override
    public String toString() {
        return "AlipayProperties[appId=" + appId + ", serverUrl=" + serverUrl + ", defaultProduct=" + defaultProduct
                + ", privateKey=" + redacted(privateKey, privateKeyFile) + ", alipayPublicKey="
                + redacted(alipayPublicKey, alipayPublicKeyFile) + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", notifyMaxAge=" + notifyMaxAge + ", clockSkew=" + clockSkew + "]";
    }

    private static String redacted(String inline, String file) {
        if (inline != null && !inline.isBlank()) return "(inline, redacted)";
        return file != null && !file.isBlank() ? "(file " + file + ")" : "(not set)";
    }
}
