package io.payonce.console;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The console's read model of orders: one query per page, newest first, keyset-paged on
 * (created_at, order_id) over the indexes of V31, never an offset scan.
 */
@Repository
class OrderQueries {
    record OrderRow(long orderId, String merchantId, String merchantName, String merchantOrderNo, String amount,
                    String status, int attemptsUsed, String channels, boolean duplicate, String createdAt, String paidAt,
                    OrderFilter.Cursor cursor) {}

    record Page(List<OrderRow> rows, OrderFilter.Cursor next) {}

    private final JdbcClient jdbc;

    OrderQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page list(OrderFilter filter) {
        StringBuilder sql = new StringBuilder("""
                select o.order_id, o.merchant_id, m.name as merchant_name, o.merchant_order_no, o.amount_minor, o.currency,
                  o.status, o.attempts_used, o.created_at, o.paid_at,
                  (select string_agg(distinct a.channel, ', ') from payment_attempt a where a.order_id = o.order_id) as channels,
                  exists (select 1 from payment_attempt a where a.order_id = o.order_id and a.duplicate) as has_duplicate
                from payment_order o join merchant m on m.merchant_id = o.merchant_id where true""");
        List<Object> params = new ArrayList<>();
        if (filter.q() != null) {
            sql.append(" and (o.merchant_order_no = ? or o.order_id = (select a.order_id from payment_attempt a where a.payment_no = ?))");
            params.add(filter.q());
            params.add(filter.q());
        }
        condition(sql, params, " and o.merchant_id = ?", filter.merchant());
        condition(sql, params, " and o.status = ?", filter.status() == null ? null : filter.status().name());
        condition(sql, params, " and exists (select 1 from payment_attempt a where a.order_id = o.order_id and a.channel = ?)", filter.channel());
        condition(sql, params, " and o.created_at >= ?", filter.createdFrom() == null ? null : Timestamp.from(filter.createdFrom()));
        condition(sql, params, " and o.created_at < ?", filter.createdTo() == null ? null : Timestamp.from(filter.createdTo()));
        condition(sql, params, " and o.amount_minor >= ?", filter.minAmount());
        condition(sql, params, " and o.amount_minor <= ?", filter.maxAmount());
        if (filter.after() != null) {
            sql.append(" and (o.created_at, o.order_id) < (?, ?)");
            params.add(Timestamp.from(filter.after().createdAt()));
            params.add(filter.after().orderId());
        }
        sql.append(" order by o.created_at desc, o.order_id desc limit ?");
        params.add(filter.size() + 1);
        List<OrderRow> rows = jdbc.sql(sql.toString()).params(params).query(ROW).list();
        if (rows.size() <= filter.size()) return new Page(rows, null);
        List<OrderRow> page = rows.subList(0, filter.size());
        return new Page(List.copyOf(page), page.getLast().cursor());
    }

    Optional<OrderRow> find(long orderId) {
        return jdbc.sql("""
                select o.order_id, o.merchant_id, m.name as merchant_name, o.merchant_order_no, o.amount_minor, o.currency,
                  o.status, o.attempts_used, o.created_at, o.paid_at,
                  (select string_agg(distinct a.channel, ', ') from payment_attempt a where a.order_id = o.order_id) as channels,
                  exists (select 1 from payment_attempt a where a.order_id = o.order_id and a.duplicate) as has_duplicate
                from payment_order o join merchant m on m.merchant_id = o.merchant_id where o.order_id = ?""")
                .param(orderId).query(ROW).optional();
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private static final RowMapper<OrderRow> ROW = (rs, n) -> new OrderRow(rs.getLong("order_id"), rs.getString("merchant_id"),
            rs.getString("merchant_name"), rs.getString("merchant_order_no"),
            Money.format(rs.getLong("amount_minor"), rs.getString("currency")), rs.getString("status"),
            rs.getInt("attempts_used"), rs.getString("channels"), rs.getBoolean("has_duplicate"),
            Times.text(rs, "created_at"), Times.text(rs, "paid_at"),
            new OrderFilter.Cursor(Times.instant(rs, "created_at"), rs.getLong("order_id")));
}
