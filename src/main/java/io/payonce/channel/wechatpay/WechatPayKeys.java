package io.payonce.channel.wechatpay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM key material from configuration, inline or from a file. Errors name the setting and
 * the file, never the content, because the content is a secret.
 */
final class WechatPayKeys {
    private static final Pattern CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----[\\s\\S]*?-----END CERTIFICATE-----");

    private WechatPayKeys() {}

    static String privateKey(WechatPayProperties properties) {
        String pem = inlineOrFile("private-key", properties.privateKey(), properties.privateKeyFile());
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException("payonce.wechatpay.private-key: expected a PKCS#8 PEM (BEGIN PRIVATE KEY), "
                    + "as in WeChat Pay's apiclient_key.pem");
        }
        return pem;
    }

    /** Every certificate in the setting: during a rotation WeChat Pay signs with the old or the new one. */
    static List<String> platformCertificates(WechatPayProperties properties) {
        String pem = inlineOrFile("platform-certificate", properties.platformCertificate(), properties.platformCertificateFile());
        List<String> certificates = new ArrayList<>();
        Matcher matcher = CERTIFICATE.matcher(pem);
        while (matcher.find()) {
            certificates.add(matcher.group());
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("payonce.wechatpay.platform-certificate: no PEM certificate found");
        }
        return certificates;
    }

    static String publicKey(WechatPayProperties properties) {
        String pem = inlineOrFile("public-key", properties.publicKey(), properties.publicKeyFile());
        if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalStateException("payonce.wechatpay.public-key: expected a PEM public key (BEGIN PUBLIC KEY)");
        }
        return pem;
    }

    private static String inlineOrFile(String setting, String inline, String file) {
        if (!WechatPayProperties.blank(inline)) {
            return inline;
        }
        if (WechatPayProperties.blank(file)) {
            throw new IllegalStateException("payonce.wechatpay." + setting + " or " + setting + "-file is required");
        }
        try {
            return Files.readString(Path.of(file.strip()), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("payonce.wechatpay." + setting + "-file: cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
