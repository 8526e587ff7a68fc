package io.payonce.channel.wechatpay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Test-only key material in src/test/resources/wechatpay/, made once with openssl:
 * {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out X-private-key.pem} and
 * {@code openssl req -new -x509 -key X-private-key.pem -out X-certificate.pem -days 3650 -set_serial 0x<serial>}
 * for the merchant, the WeChat Pay platform, and an impostor holding the platform's serial but not its key.
 */
public final class WechatPayTestKeys {
    public static final String MCHID = "1900000109";
    public static final String APPID = "wxd678efh567hg6787";
    public static final String API_V3_KEY = "PayOnceTestOnlyApiV3Key000000001";
    public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092025112300000000000001";

    public static final String MERCHANT_PRIVATE_KEY_PEM = resource("merchant-private-key.pem");
    public static final X509Certificate MERCHANT_CERTIFICATE = certificate(resource("merchant-certificate.pem"));
    public static final String MERCHANT_SERIAL = serial(MERCHANT_CERTIFICATE);

    public static final String PLATFORM_CERTIFICATE_PEM = resource("platform-certificate.pem");
    public static final String PLATFORM_PUBLIC_KEY_PEM = resource("platform-public-key.pem");
    public static final PrivateKey PLATFORM_PRIVATE_KEY = privateKey(resource("platform-private-key.pem"));
    public static final String PLATFORM_SERIAL = serial(certificate(PLATFORM_CERTIFICATE_PEM));
    public static final PrivateKey IMPOSTOR_PRIVATE_KEY = privateKey(resource("impostor-private-key.pem"));

    private WechatPayTestKeys() {}

    /** Properties of a gateway that talks to the protocol server at {@code baseUrl}, with platform certificates. */
    public static Map<String, String> gatewayProperties(String baseUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("payonce.wechatpay.mchid", MCHID);
        properties.put("payonce.wechatpay.appid", APPID);
        properties.put("payonce.wechatpay.merchant-serial-number", MERCHANT_SERIAL);
        properties.put("payonce.wechatpay.private-key-file", file("merchant-private-key.pem"));
        properties.put("payonce.wechatpay.platform-certificate-file", file("platform-certificate.pem"));
        properties.put("payonce.wechatpay.api-v3-key", API_V3_KEY);
        properties.put("payonce.wechatpay.base-url", baseUrl);
        properties.put("payonce.wechatpay.connect-timeout", "1s");
        properties.put("payonce.wechatpay.read-timeout", "1s");
        properties.put("payonce.wechatpay.call-timeout", "3s");
        return properties;
    }

    /** The same merchant in public-key mode (WeChat Pay public key and its id instead of certificates). */
    public static WechatPayProperties publicKeyProperties(String baseUrl) {
        return new WechatPayProperties(MCHID, APPID, MERCHANT_SERIAL, MERCHANT_PRIVATE_KEY_PEM, null, null, null,
                PLATFORM_PUBLIC_KEY_PEM, null, PUBLIC_KEY_ID, API_V3_KEY, baseUrl,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3), null, null);
    }

    /** Certificate mode, with the given platform certificate PEM (inline). */
    public static WechatPayProperties certificateProperties(String baseUrl, String platformCertificatePem) {
        return new WechatPayProperties(MCHID, APPID, MERCHANT_SERIAL, MERCHANT_PRIVATE_KEY_PEM, null, platformCertificatePem,
                null, null, null, null, API_V3_KEY, baseUrl,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(3), null, null);
    }

    public static String resource(String name) {
        try (InputStream in = WechatPayTestKeys.class.getResourceAsStream("/wechatpay/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource wechatpay/" + name);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource as a file path, as an operator would configure it. */
    static String file(String name) {
        try {
            Path path = Files.createTempFile("wechatpay-test-", "-" + name);
            path.toFile().deleteOnExit();
            Files.writeString(path, resource(name));
            return path.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PublicKey merchantPublicKey() {
        return MERCHANT_CERTIFICATE.getPublicKey();
    }

    static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s+", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }
}
