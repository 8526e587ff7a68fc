package io.payonce.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The client_event table: what buyers' pages reported, and the operators' view of it. */
@Repository
class ClientEvents {
    record Stored(long id, String paymentNo, String page, String kind, String url, Integer httpStatus, Long elapsedMs,
                  Integer attempt, String message, String browser, String userAgent, Instant createdAt) {}

    record Group(String page, String browser, String kind, long count, Instant lastAt) {}

    /** Every field optional: which page, browser family ("Chrome" matches "Chrome 140"), kind, payment, since when. */
    record Filter(String page, String browser, String kind, String paymentNo, Instant since) {}

    private static final int MAX_GROUPS = 100;

    private final JdbcClient jdbc;
    private final Clock clock;

    ClientEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the batch unless it would take the payment over {@code perWindow} events; returns how many were new, or -1 if refused. */
    @Transactional
    int storeWithin(String paymentNo, List<ClientEvent> events, int perWindow, Duration window) {
        Instant now = clock.instant();
        // Serializes one payment's reports, so concurrent batches cannot pass the limit together.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('client_event:' || ?))").param(paymentNo).query().singleRow();
        long recent = jdbc.sql("select count(*) from client_event where payment_no = ? and created_at > ?")
                .params(paymentNo, Timestamp.from(now.minus(window))).query(Long.class).single();
        if (recent + events.size() > perWindow) return -1;
        int stored = 0;
        for (ClientEvent event : events) {
            stored += jdbc.sql("""
                    insert into client_event (payment_no, kind, message, detail, user_agent, created_at, page, url, http_status,
                      elapsed_ms, attempt_no, browser, client_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (payment_no, client_key) where client_key is not null do nothing""")
                    .params(paymentNo, event.kind(), event.message(), event.detail(), event.userAgent(), Timestamp.from(now),
                            event.page(), event.url(), event.httpStatus(), event.elapsedMs(), event.attempt(),
                            Browsers.of(event.userAgent()), event.clientKey())
                    .update();
        }
        return stored;
    }

    @Transactional(readOnly = true)
    List<Stored> newest(Filter filter, int limit) {
        Where where = where(filter);
        return jdbc.sql("select * from client_event" + where.sql + " order by created_at desc, client_event_id desc limit ?")
                .params(append(where.params, limit))
                .query((rs, n) -> new Stored(rs.getLong("client_event_id"), rs.getString("payment_no"), rs.getString("page"),
                        rs.getString("kind"), rs.getString("url"), (Integer) rs.getObject("http_status"),
                        (Long) rs.getObject("elapsed_ms"), (Integer) rs.getObject("attempt_no"), rs.getString("message"),
                        rs.getString("browser"), rs.getString("user_agent"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    List<Group> groups(Filter filter) {
        Where where = where(filter);
        return jdbc.sql("select coalesce(page, 'unknown') as page, coalesce(browser, 'Unknown') as browser, kind, count(*) as n,"
                        + " max(created_at) as last_at from client_event" + where.sql
                        + " group by 1, 2, 3 order by n desc, last_at desc limit ?")
                .params(append(where.params, MAX_GROUPS))
                .query((rs, n) -> new Group(rs.getString("page"), rs.getString("browser"), rs.getString("kind"),
                        rs.getLong("n"), rs.getTimestamp("last_at").toInstant()))
                .list();
    }

    private record Where(String sql, List<Object> params) {}

    private static Where where(Filter filter) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.page() != null) { clauses.add("page = ?"); params.add(filter.page()); }
        if (filter.browser() != null) {
            clauses.add("(browser = ? or browser like ?)");
            params.add(filter.browser());
            params.add(filter.browser() + " %"); // the filter's characters exclude % and _, see the controller
        }
        if (filter.kind() != null) { clauses.add("kind = ?"); params.add(filter.kind()); }
        if (filter.paymentNo() != null) { clauses.add("payment_no = ?"); params.add(filter.paymentNo()); }
        if (filter.since() != null) { clauses.add("created_at >= ?"); params.add(Timestamp.from(filter.since())); }
        return new Where(clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses), params);
    }

    private static List<Object> append(List<Object> params, Object last) {
        List<Object> all = new ArrayList<>(params);
        all.add(last);
        return all;
    }
}
