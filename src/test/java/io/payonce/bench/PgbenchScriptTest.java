package io.payonce.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's physical limit is only fair if bench/create-payment.sql writes what one
 * POST /v1/payments writes. These scenarios hold the script to the gateway: when the create
 * path starts writing something new, they fail until the script does it too.
 */
@GatewayTest
class PgbenchScriptTest {
    private static final Path SCRIPT = Path.of("bench/create-payment.sql");
    // Written by background work that may run during the test, not by a payment.
    private static final List<String> BACKGROUND_TABLES = List.of("flyway_schema_history", "sweeper_cursor");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Test
    void the_pgbench_script_inserts_into_the_same_tables_as_many_rows_as_one_create_payment_request() throws Exception {
        GatewayClient.Merchant merchant = GatewayClient.newMerchant("http://localhost:" + port, Map.of("name", "Bench Shop"));

        Map<String, Long> byGateway = rowsWrittenBy(() -> merchant.api().post("/v1/payments", Map.of("merchantOrderNo", "bench-1",
                "amount", 1999, "currency", "USD", "channel", "sim", "subject", "Bench tea", "returnUrl", "https://shop.example/done")));
        Map<String, Long> byScript = rowsWrittenBy(() -> runScriptOnce(merchant.merchantId()));

        assertThat(byGateway).containsEntry("payment_order", 1L).containsEntry("payment_attempt", 1L).containsEntry("sim.txn", 1L);
        assertThat(byScript).isEqualTo(byGateway);
    }

    @Test
    void the_pgbench_script_leaves_its_order_attempt_and_jobs_as_the_gateway_leaves_them() throws Exception {
        GatewayClient.Merchant merchant = GatewayClient.newMerchant("http://localhost:" + port, Map.of("name", "Bench Shop"));
        GatewayClient.Reply reply = merchant.api().post("/v1/payments", Map.of("merchantOrderNo", "bench-2", "amount", 1999,
                "currency", "USD", "channel", "sim"));
        assertThat(reply.status()).isEqualTo(200);
        runScriptOnce(merchant.merchantId());

        String gatewayPaymentNo = reply.text("attempt.paymentNo");
        String scriptPaymentNo = jdbc.sql("select payment_no from payment_attempt where payment_no like 'pgb%' order by created_at desc limit 1").query(String.class).single();
        assertThat(state(scriptPaymentNo)).isEqualTo(state(gatewayPaymentNo));
    }

    /** What a payment leaves behind, without its ids and times. */
    private Map<String, Object> state(String paymentNo) {
        Map<String, Object> state = new LinkedHashMap<>(jdbc.sql("""
                select o.status as order_status, o.version, o.attempts_used, a.status as attempt_status,
                  a.channel_txn_id is not null as has_channel_txn, a.action like '{"type":"redirect"%' as has_redirect,
                  t.status as sim_status
                from payment_attempt a join payment_order o on o.order_id = a.order_id join sim.txn t on t.payment_no = a.payment_no
                where a.payment_no = ?""").param(paymentNo).query().singleRow());
        state.put("jobs", jdbc.sql("""
                select string_agg(task_name, ',' order by task_name) from scheduled_tasks t, payment_attempt a
                where a.payment_no = ? and t.task_instance in (a.payment_no, a.order_id::text)""").param(paymentNo).query(String.class).single());
        state.put("history", jdbc.sql("""
                select string_agg(entity || ':' || coalesce(from_status, '-') || '>' || to_status, ',' order by entity, to_status)
                from status_history h, payment_attempt a
                where a.payment_no = ? and h.entity_id in (a.payment_no, a.order_id::text)""").param(paymentNo).query(String.class).single());
        return state;
    }

    private void runScriptOnce(String merchantId) {
        try (Connection connection = dataSource.getConnection()) {
            PgbenchScript.read(SCRIPT).runOnce(connection, Map.of("merchant_id", merchantId));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows added to every table of the gateway and the simulator while {@code action} runs. */
    private Map<String, Long> rowsWrittenBy(Runnable action) {
        Map<String, Long> before = rowCounts();
        action.run();
        Map<String, Long> after = rowCounts();
        Map<String, Long> written = new LinkedHashMap<>();
        after.forEach((table, rows) -> {
            long added = rows - before.getOrDefault(table, 0L);
            if (added != 0) written.put(table, added);
        });
        return written;
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> tables = jdbc.sql("""
                select case when table_schema = 'public' then table_name else table_schema || '.' || table_name end
                from information_schema.tables where table_schema in ('public', 'sim') and table_type = 'BASE TABLE'
                order by 1""").query(String.class).list();
        for (String table : tables) {
            if (BACKGROUND_TABLES.contains(table) || table.endsWith("flyway_schema_history")) continue;
            counts.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }

}
