package io.payonce.shared;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends one row per status change, inside the transaction that makes the change. */
@Component
public class StatusHistory {
    private final JdbcClient jdbc;
    private final Clock clock;

    StatusHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String entity, String entityId, String fromStatus, String toStatus, String reason) {
        jdbc.sql("insert into status_history (entity, entity_id, from_status, to_status, reason, changed_at) values (?, ?, ?, ?, ?, ?)")
                .params(entity, entityId, fromStatus, toStatus, reason, Timestamp.from(clock.instant())).update();
    }
}
