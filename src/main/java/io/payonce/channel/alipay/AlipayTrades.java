package io.payonce.channel.alipay;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What we sent Alipay for each out_trade_no (our paymentNo): the product, the amount and the
 * time_expire. The first create stores it and every retry reuses it, so a retried create sends
 * the same request. A close answered "trade does not exist" is judged against the time_expire we
 * sent; a notification's total_amount against the amount we sent.
 */
final class AlipayTrades {
    record Sent(String paymentNo, AlipayProduct product, long amountMinor, String totalAmount, Instant timeExpire) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AlipayTrades(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the request unless one was stored for this paymentNo, and returns the one stored. */
    Sent remember(Sent sent) {
        jdbc.sql("""
                insert into alipay_trade (payment_no, product, amount_minor, total_amount, time_expire, created_at)
                values (?, ?, ?, ?, ?, ?) on conflict (payment_no) do nothing""")
                .params(sent.paymentNo(), sent.product().name(), sent.amountMinor(), sent.totalAmount(),
                        Timestamp.from(sent.timeExpire()), Timestamp.from(clock.instant()))
                .update();
        return find(sent.paymentNo()).orElseThrow();
    }

    Optional<Sent> find(String paymentNo) {
        return jdbc.sql("select payment_no, product, amount_minor, total_amount, time_expire from alipay_trade where payment_no = ?")
                .param(paymentNo)
                .query((rs, n) -> new Sent(rs.getString(1), AlipayProduct.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }
}
