package io.payonce.channel.wechatpay;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Nonces of verified WeChat Pay notifications, durable so that a replay is refused by every node
 * and after a restart. A row is kept longer than a notification stays fresh, so a replay of a
 * forgotten nonce is already refused as stale.
 */
@Repository
@Conditional(WechatPayConfigured.class)
class NotificationNonces {
    private final JdbcClient jdbc;

    NotificationNonces(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records (serial, nonce); false when it was seen before, i.e. this is a replay. */
    boolean firstSeen(String serial, String nonce, Instant signedAt, Instant now) {
        return jdbc.sql("""
                insert into wechatpay_notification_nonce (serial, nonce, signed_at, received_at) values (?, ?, ?, ?)
                on conflict (serial, nonce) do nothing""")
                .params(serial, nonce, Timestamp.from(signedAt), Timestamp.from(now)).update() == 1;
    }

    int forgetReceivedBefore(Instant cutoff) {
        return jdbc.sql("delete from wechatpay_notification_nonce where received_at < ?").param(Timestamp.from(cutoff)).update();
    }
}
