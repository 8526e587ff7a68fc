package io.payonce.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationSignatureTest {
    private static final String SECRET = "whsec_test";
    private static final String BODY = "{\"id\":\"ntf_1\",\"type\":\"payment.succeeded\"}";
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void aSignatureMadeWithTheSecretOverTheBodyVerifies() {
        String header = NotificationSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(NotificationSignature.verify(SECRET, header, BODY, TOLERANCE, NOW)).isTrue();
    }

    @Test
    void anotherSecretAnAlteredBodyOrAnAlteredTimestampDoNotVerify() {
        String header = NotificationSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(NotificationSignature.verify("whsec_other", header, BODY, TOLERANCE, NOW)).isFalse();
        assertThat(NotificationSignature.verify(SECRET, header, BODY + " ", TOLERANCE, NOW)).isFalse();
        String shifted = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));
        assertThat(NotificationSignature.verify(SECRET, shifted, BODY, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void aSignatureOlderThanTheToleranceIsAReplayAndDoesNotVerify() {
        String header = NotificationSignature.sign(SECRET, NOW.minus(Duration.ofMinutes(6)).getEpochSecond(), BODY);

        assertThat(NotificationSignature.verify(SECRET, header, BODY, TOLERANCE, NOW)).isFalse();
    }

    @Test
    void malformedHeadersDoNotVerify() {
        assertThat(NotificationSignature.verify(SECRET, null, BODY, TOLERANCE, NOW)).isFalse();
        assertThat(NotificationSignature.verify(SECRET, "", BODY, TOLERANCE, NOW)).isFalse();
        assertThat(NotificationSignature.verify(SECRET, "v1=abc", BODY, TOLERANCE, NOW)).isFalse();
        assertThat(NotificationSignature.verify(SECRET, "t=x,v1=abc", BODY, TOLERANCE, NOW)).isFalse();
    }
}
