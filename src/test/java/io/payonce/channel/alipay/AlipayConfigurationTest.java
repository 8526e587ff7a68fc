package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** payonce.alipay.*: offered only with an app id and both keys; bad keys stop the start with the property's name. */
class AlipayConfigurationTest {
    static final KeyPair MERCHANT = AlipayWire.newRsaKeys();
    static final KeyPair ALIPAY = AlipayWire.newRsaKeys();

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AlipayChannel.class)
            .withBean(JdbcClient.class, () -> JdbcClient.create(TestDatabase.server().getPostgresDatabase()))
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    @Test
    void withoutAnAppIdAndBothKeysAlipayIsNotOffered() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AlipayChannel.class));
        runner.withPropertyValues("payonce.alipay.app-id=2021000000000001",
                        "payonce.alipay.private-key=" + AlipayWire.base64(MERCHANT.getPrivate()))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AlipayChannel.class));
    }

    @Test
    void keysAreReadFromPemFiles(@TempDir Path directory) throws IOException {
        Path privateKey = Files.writeString(directory.resolve("app-private.pem"), pem("PRIVATE KEY", MERCHANT.getPrivate().getEncoded()));
        Path publicKey = Files.writeString(directory.resolve("alipay-public.pem"), pem("PUBLIC KEY", ALIPAY.getPublic().getEncoded()));

        runner.withPropertyValues("payonce.alipay.app-id=2021000000000001", "payonce.alipay.private-key-file=" + privateKey,
                        "payonce.alipay.alipay-public-key-file=" + publicKey, "payonce.alipay.default-product=qr")
                .run(context -> {
                    assertThat(context).hasSingleBean(AlipayChannel.class);
                    assertThat(context.getBean(AlipayProperties.class).defaultProduct()).isEqualTo(AlipayProduct.QR);
                });
    }

    @Test
    void aKeyInTheWrongFormatStopsTheStartNamingTheProperty() {
        runner.withPropertyValues("payonce.alipay.app-id=2021000000000001",
                        "payonce.alipay.private-key=-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA-----END RSA PRIVATE KEY-----",
                        "payonce.alipay.alipay-public-key=" + AlipayWire.base64(ALIPAY.getPublic()))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("payonce.alipay.private-key: a PKCS#1 key; convert it with `openssl pkcs8 -topk8 -nocrypt`"));
        runner.withPropertyValues("payonce.alipay.app-id=2021000000000001",
                        "payonce.alipay.private-key=" + AlipayWire.base64(MERCHANT.getPrivate()),
                        "payonce.alipay.alipay-public-key=" + AlipayWire.base64(MERCHANT.getPrivate()))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("payonce.alipay.alipay-public-key: not a valid RSA key in the expected format (X.509 SubjectPublicKeyInfo)"));
    }

    @Test
    void thePropertiesNeverShowTheKeys() {
        String privateKey = AlipayWire.base64(MERCHANT.getPrivate());
        AlipayProperties properties = new AlipayProperties("2021000000000001", privateKey, null,
                AlipayWire.base64(ALIPAY.getPublic()), null, null, null, null, null, null, null, null, null);

        assertThat(properties.toString()).doesNotContain(privateKey.substring(40, 80)).contains("privateKey=(inline, redacted)");
        assertThat(properties.serverUrl()).isEqualTo("https://openapi.alipay.com/gateway.do");
        assertThat(AlipayKeys.load(properties).toString()).isEqualTo("AlipayKeys[redacted]");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
