package io.payonce.channel.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.channel.PaymentChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.json.JsonMapper;

/** payonce.stripe.*: no secret key, no channel; keys inline or from files; a clear error naming the property; keys never printed. */
class StripeConfigurationTest {
    private final ApplicationContextRunner gateway = new ApplicationContextRunner()
            .withBean(JdbcClient.class, () -> JdbcClient.create(new SimpleDriverDataSource())) // never connects while starting
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
            .withUserConfiguration(StripeChannel.class);

    @Test
    void withoutASecretKeyTheChannelIsNotOffered() {
        gateway.run(context -> assertThat(context).doesNotHaveBean(PaymentChannel.class));
        gateway.withPropertyValues("payonce.stripe.secret-key=  ", "payonce.stripe.publishable-key=pk_test_x")
                .run(context -> assertThat(context).doesNotHaveBean(PaymentChannel.class));
    }

    @Test
    void withKeysInlineOrInFilesTheChannelIsOffered(@TempDir Path dir) throws IOException {
        Path secretFile = Files.writeString(dir.resolve("stripe-secret"), "sk_test_fromAFile\n");
        Path webhookFile = Files.writeString(dir.resolve("stripe-webhook"), "whsec_fromAFile\n");

        gateway.withPropertyValues("payonce.stripe.secret-key=sk_test_inline", "payonce.stripe.publishable-key=pk_test_inline")
                .run(context -> assertThat(context.getBean(PaymentChannel.class).id()).isEqualTo("stripe"));
        gateway.withPropertyValues("payonce.stripe.secret-key-file=" + secretFile, "payonce.stripe.webhook-secret-file=" + webhookFile,
                        "payonce.stripe.publishable-key=pk_test_inline")
                .run(context -> assertThat(context.getBean(PaymentChannel.class).keepsOnePaymentPerOrder()).isTrue());
    }

    @Test
    void aMissingPublishableKeyOrLiveAndTestKeysMixedStopTheStartNamingTheProperty() {
        gateway.withPropertyValues("payonce.stripe.secret-key=sk_test_inline").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageStartingWith("payonce.stripe.publishable-key: required"));
        gateway.withPropertyValues("payonce.stripe.secret-key=sk_live_inline", "payonce.stripe.publishable-key=pk_test_inline")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("payonce.stripe.publishable-key: a test key cannot go with a live secret key"));
    }

    @Test
    void neitherPropertiesNorKeysPrintASecret() {
        StripeProperties properties = new StripeProperties("sk_test_VerySecret", null, "pk_test_public", "whsec_VerySecret",
                null, null, null, null, null, null);

        assertThat(properties.toString()).doesNotContain("VerySecret").contains("apiBase=https://api.stripe.com");
        assertThat(StripeKeys.from(properties).toString()).doesNotContain("VerySecret");
        assertThat(properties.readTimeout()).as("below the gateway's call timeout").isLessThan(Duration.ofSeconds(10));
    }
}
