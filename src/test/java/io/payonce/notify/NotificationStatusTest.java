package io.payonce.notify;

import static io.payonce.notify.NotificationStatus.DEAD;
import static io.payonce.notify.NotificationStatus.DELIVERED;
import static io.payonce.notify.NotificationStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationStatusTest {

    @Test
    void aFailedDeliveryKeepsItPendingAndOnlyAnOperatorsResendReopensAFinishedOne() {
        assertThat(PENDING.canMoveTo(PENDING)).isTrue();
        assertThat(PENDING.canMoveTo(DELIVERED)).isTrue();
        assertThat(PENDING.canMoveTo(DEAD)).isTrue();
        assertThat(DEAD.canMoveTo(PENDING)).isTrue();
        assertThat(DELIVERED.canMoveTo(PENDING)).isTrue();
    }

    @Test
    void aDeliveredNotificationNeverBecomesDeadAndADeadOneIsNeverDeliveredWithoutAResend() {
        assertThat(DELIVERED.canMoveTo(DEAD)).isFalse();
        assertThat(DEAD.canMoveTo(DELIVERED)).isFalse();
        assertThat(DELIVERED.canMoveTo(DELIVERED)).isFalse();
        assertThat(DEAD.canMoveTo(DEAD)).isFalse();
    }
}
