package io.payonce.channel.alipay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The two keys of public-key mode, as the SDK wants them: bare base64 (PKCS#8 private key,
 * X.509 public key). Read once at start from inline values or files, checked to be RSA keys, and
 * refused with the property's name when they are not. Never printed.
 */
record AlipayKeys(String merchantPrivateKey, String alipayPublicKey) {

    static AlipayKeys load(AlipayProperties properties) {
        String privateKey = base64(read("payonce.alipay.private-key", properties.privateKey(), properties.privateKeyFile()),
                "payonce.alipay.private-key");
        String publicKey = base64(read("payonce.alipay.alipay-public-key", properties.alipayPublicKey(),
                properties.alipayPublicKeyFile()), "payonce.alipay.alipay-public-key");
        check("payonce.alipay.private-key", () -> KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey))));
        check("payonce.alipay.alipay-public-key", () -> KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey))));
        return new AlipayKeys(privateKey, publicKey);
    }

    @Override
    public String toString() {
        return "AlipayKeys[redacted]";
    }

    private static String read(String property, String inline, String file) {
        boolean hasInline = inline != null && !inline.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasInline && hasFile) throw new IllegalStateException(property + ": set the key or " + property + "-file, not both");
        if (hasInline) return inline;
        if (!hasFile) throw new IllegalStateException(property + ": missing (or set " + property + "-file)");
        try {
            return Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(property + "-file: cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** Accepts bare base64 or PEM; PKCS#1 ("RSA PRIVATE KEY") is refused because the SDK cannot use it. */
    private static String base64(String text, String property) {
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException(property + ": a PKCS#1 key; convert it with `openssl pkcs8 -topk8 -nocrypt`");
        }
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) throw new IllegalStateException(property + ": empty");
        return body;
    }

    private interface KeyCheck {
        Object run() throws GeneralSecurityException;
    }

    private static void check(String property, KeyCheck parse) {
        try {
            parse.run();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(property + ": not a valid RSA key in the expected format ("
                    + (property.endsWith("private-key") ? "PKCS#8" : "X.509 SubjectPublicKeyInfo") + ")");
        }
    }
}
