package io.payonce.channel.wechatpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.mockito.Mockito;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Configuration: not offered without credentials, loud about what is missing, silent about secrets. */
class WechatPayConfigurationTest {
    private static final String KEY_TEXT = WechatPayTestKeys.MERCHANT_PRIVATE_KEY_PEM.lines().skip(1).findFirst().orElseThrow();

    @Test
    void without_a_merchant_id_and_its_private_key_the_channel_is_not_offered() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withUserConfiguration(WechatPayChannel.class, NotificationNonces.class, NonceCleanupJob.class);

        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatPayChannel.class)
                .doesNotHaveBean(NonceCleanupJob.class));
        runner.withPropertyValues("payonce.wechatpay.mchid=1900000109")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WechatPayChannel.class));
    }

    @Test
    void merchant_id_and_key_from_environment_variables_offer_the_channel() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PAYONCE_WECHATPAY_MCHID", "1900000109", "PAYONCE_WECHATPAY_PRIVATEKEYFILE", "/secrets/apiclient_key.pem")));
        ConditionContext context = Mockito.mock(ConditionContext.class);
        Mockito.when(context.getEnvironment()).thenReturn(environment);

        assertThat(new WechatPayConfigured().matches(context, null)).isTrue();
    }

    @Test
    void partial_configuration_fails_naming_every_problem_and_never_a_secret() {
        WechatPayProperties partial = new WechatPayProperties("1900000109", null, null, WechatPayTestKeys.MERCHANT_PRIVATE_KEY_PEM,
                null, null, null, null, null, null, "too-short-api-v3-key", "https://api.example/prefix",
                null, null, null, Duration.ofMinutes(10), Duration.ofMinutes(15));

        assertThatThrownBy(() -> WechatPaySdk.build(partial))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appid is required")
                .hasMessageContaining("merchant-serial-number is required")
                .hasMessageContaining("set platform-certificate(-file), or public-key(-file) with public-key-id")
                .hasMessageContaining("api-v3-key must be 32 characters")
                .hasMessageContaining("base-url must be http(s)://host[:port] without a path")
                .hasMessageContaining("nonce-retention must be at least twice notification-tolerance")
                .hasMessageNotContaining(KEY_TEXT)
                .hasMessageNotContaining("too-short-api-v3-key");
    }

    @Test
    void an_unreadable_key_file_or_a_key_that_is_not_pkcs8_is_named_without_its_content() {
        WechatPayProperties missingFile = properties(null, "/nonexistent/apiclient_key.pem");
        WechatPayProperties rsaFormat = properties(WechatPayTestKeys.MERCHANT_PRIVATE_KEY_PEM
                .replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY"), null);

        assertThatThrownBy(() -> WechatPaySdk.build(missingFile))
                .hasMessage("payonce.wechatpay.private-key-file: cannot read /nonexistent/apiclient_key.pem (NoSuchFileException)");
        assertThatThrownBy(() -> WechatPaySdk.build(rsaFormat)).hasMessageContaining("expected a PKCS#8 PEM")
                .hasMessageNotContaining(KEY_TEXT);
    }

    @Test
    void to_string_says_which_secrets_are_set_never_what_they_are() {
        WechatPayProperties properties = WechatPayTestKeys.certificateProperties("https://api.mch.weixin.qq.com",
                WechatPayTestKeys.PLATFORM_CERTIFICATE_PEM);

        assertThat(properties.toString()).contains("privateKey=<redacted>", "apiV3Key=<redacted>", "mchid=1900000109")
                .doesNotContain(KEY_TEXT).doesNotContain(WechatPayTestKeys.API_V3_KEY);
    }

    @Test
    void the_base_url_defaults_to_the_production_host() {
        WechatPayProperties defaults = new WechatPayProperties(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);

        assertThat(defaults.baseUrl()).isEqualTo("https://api.mch.weixin.qq.com");
        assertThat(defaults.notificationTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.callTimeout()).isLessThan(Duration.ofSeconds(10));
    }

    private static WechatPayProperties properties(String privateKey, String privateKeyFile) {
        return new WechatPayProperties(WechatPayTestKeys.MCHID, WechatPayTestKeys.APPID, WechatPayTestKeys.MERCHANT_SERIAL,
                privateKey, privateKeyFile, WechatPayTestKeys.PLATFORM_CERTIFICATE_PEM, null, null, null, null,
                WechatPayTestKeys.API_V3_KEY, null, null, null, null, null, null);
    }
}
