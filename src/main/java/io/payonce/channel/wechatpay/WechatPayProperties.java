package io.payonce.channel.wechatpay;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WeChat Pay API v3 for one merchant (direct mode). Key material comes inline (PEM text) or from
 * a file; the platform's signature key is its certificate(s), its public key and id, or both
 * (while WeChat Pay switches a merchant from one to the other).
 * Nothing here is ever logged: {@link #toString()} names which secrets are set, never their text.
 *
 * @param merchantSerialNumber serial of the merchant API certificate whose private key signs our requests
 * @param platformCertificate  one or more PEM certificates of WeChat Pay (several during a rotation)
 * @param apiV3Key             the 32-character APIv3 key that decrypts notifications (AES-256-GCM)
 * @param baseUrl              scheme, host and port of the API; tests point it at a local server
 * @param callTimeout          the whole HTTP call, kept below {@code payonce.channels.call-timeout}
 * @param notificationTolerance how far a notification's Wechatpay-Timestamp may be from now, either way
 * @param nonceRetention       how long seen notification nonces are kept (at least twice the tolerance)
 */
@ConfigurationProperties("payonce.wechatpay")
public record WechatPayProperties(String mchid, String appid, String merchantSerialNumber,
                                  String privateKey, String privateKeyFile,
                                  String platformCertificate, String platformCertificateFile,
                                  String publicKey, String publicKeyFile, String publicKeyId,
                                  String apiV3Key, String baseUrl,
                                  Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                                  Duration notificationTolerance, Duration nonceRetention) {
    public static final String PRODUCTION_BASE_URL = "https://api.mch.weixin.qq.com";

    public WechatPayProperties {
        baseUrl = blank(baseUrl) ? PRODUCTION_BASE_URL : baseUrl.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        callTimeout = callTimeout == null ? Duration.ofSeconds(8) : callTimeout;
        notificationTolerance = notificationTolerance == null ? Duration.ofMinutes(5) : notificationTolerance;
        nonceRetention = nonceRetention == null ? Duration.ofHours(1) : nonceRetention;
    }

    /** Fails start-up with every missing or wrong setting named (never a secret's value). */
    void validate() {
        StringBuilder problems = new StringBuilder();
        require(problems, !blank(mchid), "mchid is required");
        require(problems, !blank(appid), "appid is required");
        require(problems, !blank(merchantSerialNumber), "merchant-serial-number is required");
        require(problems, !blank(privateKey) || !blank(privateKeyFile), "private-key or private-key-file is required");
        require(problems, usesCertificates() || usesPublicKey(),
                "set platform-certificate(-file), or public-key(-file) with public-key-id, or both while WeChat Pay switches");
        require(problems, !usesPublicKey() || !blank(publicKeyId), "public-key-id is required with public-key(-file)");
        require(problems, apiV3Key != null && apiV3Key.length() == 32, "api-v3-key must be 32 characters (AES-256)");
        require(problems, validBaseUrl(baseUrl), "base-url must be http(s)://host[:port] without a path");
        require(problems, callTimeout.compareTo(connectTimeout) > 0, "call-timeout must be longer than connect-timeout");
        require(problems, nonceRetention.compareTo(notificationTolerance.multipliedBy(2)) >= 0,
                "nonce-retention must be at least twice notification-tolerance");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("payonce.wechatpay is misconfigured:" + problems);
        }
    }

    boolean usesCertificates() {
        return !blank(platformCertificate) || !blank(platformCertificateFile);
    }

    boolean usesPublicKey() {
        return !blank(publicKey) || !blank(publicKeyFile);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void require(StringBuilder problems, boolean ok, String problem) {
        if (!ok) problems.append(' ').append(problem).append(';');
    }

    private static boolean validBaseUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "WechatPayProperties[mchid=" + mchid + ", appid=" + appid + ", merchantSerialNumber=" + merchantSerialNumber
                + ", privateKey=" + (blank(privateKey) ? "unset" : "<redacted>") + ", privateKeyFile=" + privateKeyFile
                + ", platformCertificateFile=" + platformCertificateFile + ", publicKeyFile=" + publicKeyFile
                + ", publicKeyId=" + publicKeyId + ", apiV3Key=" + (blank(apiV3Key) ? "unset" : "<redacted>")
                + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout + ", notificationTolerance=" + notificationTolerance
                + ", nonceRetention=" + nonceRetention + "]";
    }
}
