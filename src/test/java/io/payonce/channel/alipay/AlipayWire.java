package io.payonce.channel.alipay;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alipay's wire rules, written from its documentation with the JDK only (not with the SDK, whose
 * verification is what the tests judge by): the string to sign is every non-empty parameter
 * except the excluded ones, sorted by name, as {@code k=v} joined by {@code &}; RSA2 is
 * SHA256withRSA over its UTF-8 bytes, base64.
 */
final class AlipayWire {
    /** Requests are signed over everything but sign; notifications over everything but sign and sign_type. */
    static final Set<String> REQUEST_UNSIGNED = Set.of("sign");
    static final Set<String> NOTIFY_UNSIGNED = Set.of("sign", "sign_type");

    private AlipayWire() {}

    static String signContent(Map<String, String> params, Set<String> excluded) {
        StringJoiner content = new StringJoiner("&");
        new TreeMap<>(params).forEach((name, value) -> {
            if (!excluded.contains(name) && value != null && !value.isEmpty()) content.add(name + "=" + value);
        });
        return content.toString();
    }

    static String sign(String content, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String content, String signatureBase64, PublicKey key) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** The notification as Alipay posts it: params plus sign (RSA2 over all but sign and sign_type), form-encoded. */
    static String signedForm(Map<String, String> params, PrivateKey key) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.put("sign", sign(signContent(params, NOTIFY_UNSIGNED), key));
        return encodeForm(signed);
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return params;
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) continue;
            params.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String encodeForm(Map<String, String> params) {
        StringJoiner form = new StringJoiner("&");
        params.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    static KeyPair newRsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 for a private key, X.509 for a public one: the bare base64 Alipay's key tool gives. */
    static String base64(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
