package io.payonce.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AntCertificationUtil;
import com.alipay.api.internal.util.HttpClientUtil;
import io.payonce.channel.ChannelOutcome;
import io.payonce.support.GatewayTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/**
 * The dependency choices in pom.xml, proven on the paths our Alipay channel takes: the SDK sends
 * through okhttp 4.12 (its HttpClientUtil, because max-idle-connections is set), the JVM keeps its
 * certpath setting, and the SDK's certificate code (certificate mode) runs on bcprov-jdk18on.
 */
@GatewayTest
class AlipaySdkPathsTest extends AlipayTestSupport {

    @Test
    void theSdkSendsThroughOkhttp4() {
        assertThat(alipay().query(newPaymentNo()).outcome()).isEqualTo(ChannelOutcome.PENDING);

        assertThat(okhttp3.OkHttp.VERSION).isEqualTo("4.12.0");
        URI server = URI.create(SERVER.gatewayUrl());
        assertThat(HttpClientUtil.clients).as("the SDK's okhttp client for the server, with its pool")
                .containsKey(server.getHost() + ":" + server.getPort());
    }

    @Test
    void buildingTheSdkClientLeavesTheJvmsCertpathRestrictionsInPlace() {
        assertThat(alipay()).isNotNull();
        // AbstractAlipayClient's static initializer sets this to "" for the whole JVM; AlipayGateway puts it back
        assertThat(Security.getProperty("jdk.certpath.disabledAlgorithms")).contains("MD5");
    }

    @Test
    void theSdksCertificateCodeRunsOnBouncyCastleJdk18on() throws IOException, Exception {
        String pem;
        try (InputStream in = getClass().getResourceAsStream("/alipay/test-certificate.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        X509Certificate certificate = AntCertificationUtil.getCertFromContent(pem);

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=PayOnce test certificate");
        assertThat(AntCertificationUtil.getCertSN(certificate)).hasSize(32);
        assertThat(Security.getProvider("BC").getClass().getProtectionDomain().getCodeSource().getLocation().toString())
                .contains("bcprov-jdk18on-1.87");
    }
}
