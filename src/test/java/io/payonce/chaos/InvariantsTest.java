package io.payonce.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.chaos.Evidence.LedgerLine;
import io.payonce.chaos.GatewayDatabase.AttemptRow;
import io.payonce.chaos.GatewayDatabase.HistoryRow;
import io.payonce.chaos.GatewayDatabase.NotificationRow;
import io.payonce.chaos.GatewayDatabase.OpenWork;
import io.payonce.chaos.GatewayDatabase.OrderRow;
import io.payonce.chaos.GatewayDatabase.RefundRow;
import io.payonce.chaos.Invariants.Check;
import io.payonce.notify.NotificationSignature;
import io.payonce.support.MerchantReceiver.Received;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's judge, on hand-made evidence: a clean story passes all six invariants, and
 * each kind of broken story fails the invariant meant to catch it (so a PASS in the suite means
 * something).
 */
class InvariantsTest {
    static final String SECRET = "whsec_test";
    static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    final List<OrderRow> orders = new ArrayList<>(List.of(
            new OrderRow(1, "o-paid", "PAID", 1000, 0, "p1", T.plusSeconds(2)),
            new OrderRow(2, "o-closed", "CLOSED", 500, 0, null, null)));
    final List<AttemptRow> attempts = new ArrayList<>(List.of(
            new AttemptRow("p1", 1, "sim", "SUCCEEDED", false, false),
            new AttemptRow("p2", 2, "sim", "SUCCEEDED", true, true)));
    final List<RefundRow> refunds = new ArrayList<>(List.of(new RefundRow("r2", "p2", "DUPLICATE", "SUCCEEDED", 500)));
    final List<NotificationRow> notifications = new ArrayList<>(List.of(new NotificationRow("n1", 1, "payment.succeeded", "DELIVERED", 1)));
    final List<HistoryRow> history = new ArrayList<>(List.of(
            new HistoryRow(1, "order", "1", "UNPAID", "PAYING", "attempt started"),
            new HistoryRow(2, "attempt", "p1", null, "PENDING", "created"),
            new HistoryRow(3, "attempt", "p1", "PENDING", "SUCCEEDED", "paid the order"),
            new HistoryRow(4, "order", "1", "PAYING", "PAID", "p1"),
            new HistoryRow(5, "order", "2", "UNPAID", "PAYING", "attempt started"),
            new HistoryRow(6, "attempt", "p2", null, "PENDING", "created"),
            new HistoryRow(7, "attempt", "p2", "PENDING", "PENDING", "superseded: order closed"),
            new HistoryRow(8, "order", "2", "PAYING", "CLOSED", "expired"),
            new HistoryRow(9, "attempt", "p2", "PENDING", "SUCCEEDED", "duplicate success"),
            new HistoryRow(10, "refund", "r2", null, "PENDING", "DUPLICATE"),
            new HistoryRow(11, "refund", "r2", "PENDING", "SUCCEEDED", null),
            new HistoryRow(12, "notification", "n1", null, "PENDING", "payment.succeeded"),
            new HistoryRow(13, "notification", "n1", "PENDING", "DELIVERED", "HTTP 200")));
    final List<LedgerLine> ledger = new ArrayList<>(List.of(
            new LedgerLine("p1", 1000, "PAID", 1000, 0, T),
            new LedgerLine("p2", 500, "PAID", 500, 500, T.plusSeconds(60))));
    final List<Received> receipts = new ArrayList<>(List.of(sale("n1", "o-paid", "p1", 200, SECRET)));
    final Observations seen = new Observations();
    OpenWork open = new OpenWork(0, 0, 0, 0);

    @Test
    void a_clean_story_with_a_refunded_late_success_passes_all_six() {
        assertThat(failed()).isEmpty();
    }

    @Test
    void the_seed_000_double_charge_fails_money_and_one_payer() {
        attempts.add(new AttemptRow("p3", 1, "sim", "SUCCEEDED", false, true));
        ledger.add(new LedgerLine("p3", 1000, "PAID", 1000, 0, T.plusSeconds(240)));

        assertThat(failed()).containsOnlyKeys("1", "3");
        assertThat(failed().get("1")).singleElement().asString().contains("o-paid", "2000");
    }

    @Test
    void a_capture_the_gateway_never_heard_of_is_a_lost_order() {
        ledger.add(new LedgerLine("p-unknown", 700, "PAID", 700, 0, T));

        assertThat(failed()).containsOnlyKeys("1", "2");
        assertThat(failed().get("2")).singleElement().asString().contains("p-unknown", "unknown to the gateway");
    }

    @Test
    void a_sale_notified_for_a_duplicate_a_bad_signature_and_an_unacknowledged_sale_fail_notifications() {
        receipts.set(0, sale("n1", "o-paid", "p1", 500, SECRET));
        receipts.add(sale("n2", "o-closed", "p2", 200, SECRET));
        receipts.add(sale("n3", "o-paid", "p1", 200, "another-secret"));

        List<String> examples = failed().get("4");
        assertThat(failed()).containsOnlyKeys("4");
        assertThat(examples).anyMatch(x -> x.contains("n2") && x.contains("did not pay"))
                .anyMatch(x -> x.contains("n3") && x.contains("signature"))
                .hasSize(2); // n3 is signed wrongly but acknowledged: o-paid counts as told
    }

    @Test
    void a_status_that_went_back_in_the_history_or_in_what_clients_saw_fails() {
        history.add(new HistoryRow(14, "attempt", "p1", "SUCCEEDED", "PENDING", "bug"));
        long t0 = System.nanoTime();
        seen.sawStatus("o-paid", t0, "PAID", "pay reply");
        seen.sawStatus("o-paid", System.nanoTime() + 1, "PAYING", "return page");

        List<String> examples = failed().get("5");
        assertThat(failed()).containsOnlyKeys("5");
        assertThat(examples).anyMatch(x -> x.contains("SUCCEEDED -> PENDING"))
                .anyMatch(x -> x.contains("seen PAID") && x.contains("later PAYING"));
    }

    @Test
    void work_left_open_after_the_schedules_ran_out_fails_terminality() {
        attempts.add(new AttemptRow("p4", 2, "sim", "PENDING", false, true));
        history.add(new HistoryRow(14, "attempt", "p4", null, "PENDING", "created"));

        assertThat(failed()).containsOnlyKeys("6");
        assertThat(failed().get("6")).singleElement().asString().contains("p4", "superseded");
    }

    private Map<String, List<String>> failed() {
        Evidence evidence = new Evidence(orders, attempts, refunds, notifications, history, ledger, receipts, SECRET, seen, open);
        Map<String, List<String>> failures = new java.util.TreeMap<>();
        for (Check check : Invariants.all(evidence)) {
            if (!check.passed()) failures.put(check.id(), check.counterExamples());
        }
        return failures;
    }

    private static Received sale(String id, String orderNo, String paymentNo, int answered, String secret) {
        String body = "{\"id\":\"" + id + "\",\"type\":\"payment.succeeded\",\"data\":{\"merchantOrderNo\":\"" + orderNo
                + "\",\"paymentNo\":\"" + paymentNo + "\"}}";
        return new Received(body, NotificationSignature.sign(secret, T.getEpochSecond(), body), "application/json", answered, T);
    }
}
