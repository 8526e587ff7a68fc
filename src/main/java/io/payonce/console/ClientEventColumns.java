package io.payonce.console;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether client_event has a {@code page} column (the buyer pages' migration adds it; without
 * it every event came from the return page). Read from the catalogue once.
 */
@Component
class ClientEventColumns {
    private final JdbcClient jdbc;
    private volatile Boolean hasPage;

    ClientEventColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean hasPage() {
        if (hasPage == null) {
            hasPage = jdbc.sql("""
                    select exists (select 1 from information_schema.columns
                      where table_schema = current_schema() and table_name = 'client_event' and column_name = 'page')""")
                    .query(Boolean.class).single();
        }
        return hasPage;
    }
}
