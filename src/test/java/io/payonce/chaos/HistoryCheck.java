package io.payonce.chaos;

import io.payonce.attempt.AttemptStatus;
import io.payonce.chaos.GatewayDatabase.HistoryRow;
import io.payonce.chaos.Invariants.Check;
import io.payonce.notify.NotificationStatus;
import io.payonce.order.OrderStatus;
import io.payonce.refund.RefundStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invariant 5, no status ever went backwards, judged twice: on the gateway's status_history
 * (each entity's rows chain, every move is one its transition table allows, and the last one is
 * its status now) and on what clients saw (an answer given after another one was received never
 * shows an earlier order status).
 */
final class HistoryCheck {
    private static final Map<String, Integer> RANK = Map.of("UNPAID", 0, "PAYING", 1, "PAID", 2, "CLOSED", 2,
            "PARTIALLY_REFUNDED", 3, "REFUNDED", 4);
    private static final Set<String> ENDS = Set.of("PAID", "CLOSED");

    private HistoryCheck() {}

    static Check check(Evidence e) {
        List<String> bad = new ArrayList<>();
        Map<String, List<HistoryRow>> byEntity = new LinkedHashMap<>();
        e.history().forEach(row -> byEntity.computeIfAbsent(row.entity() + " " + row.entityId(), k -> new ArrayList<>()).add(row));
        Map<String, String> now = currentStatuses(e);
        byEntity.forEach((key, rows) -> chain(key, rows, now.get(key), bad));
        e.seen().allStatuses().forEach((order, seen) -> seenInOrder(order, seen, bad));
        return new Check("5", "no status ever went backwards (status_history and what clients saw)", bad);
    }

    private static void chain(String key, List<HistoryRow> rows, String current, List<String> bad) {
        String entity = key.substring(0, key.indexOf(' '));
        String previous = entity.equals("order") ? "UNPAID" : null; // an order's creation writes no row
        for (HistoryRow row : rows) {
            boolean chained = previous == null ? row.from() == null : previous.equals(row.from());
            if (!chained || !allowed(entity, row.from(), row.to())) {
                bad.add(key + ": " + row.from() + " -> " + row.to() + " after " + previous + " (" + row.reason() + ")");
            }
            previous = row.to();
        }
        if (current != null && !current.equals(previous)) bad.add(key + " is " + current + " but its history ends at " + previous);
    }

    private static boolean allowed(String entity, String from, String to) {
        return switch (entity) {
            case "order" -> from != null && OrderStatus.valueOf(from).canMoveTo(OrderStatus.valueOf(to));
            case "attempt" -> from == null ? to.equals("PENDING")
                    : from.equals(to) && from.equals("PENDING") // superseded, still PENDING
                    || AttemptStatus.valueOf(from).canMoveTo(AttemptStatus.valueOf(to));
            case "refund" -> from == null ? to.equals("PENDING") : RefundStatus.valueOf(from).canMoveTo(RefundStatus.valueOf(to));
            case "notification" -> from == null ? to.equals("PENDING") // a failed delivery is PENDING -> PENDING
                    : NotificationStatus.valueOf(from).canMoveTo(NotificationStatus.valueOf(to));
            default -> false;
        };
    }

    private static Map<String, String> currentStatuses(Evidence e) {
        Map<String, String> now = new HashMap<>();
        e.orders().forEach(o -> now.put("order " + o.orderId(), o.status()));
        e.attempts().forEach(a -> now.put("attempt " + a.paymentNo(), a.status()));
        e.refunds().forEach(r -> now.put("refund " + r.refundNo(), r.status()));
        e.notifications().forEach(n -> now.put("notification " + n.notificationId(), n.status()));
        return now;
    }

    /** Only answers that cannot have crossed are compared: the later request left after the earlier answer came. */
    private static void seenInOrder(String order, List<Observations.StatusSeen> seen, List<String> bad) {
        for (Observations.StatusSeen earlier : seen) {
            for (Observations.StatusSeen later : seen) {
                if (later.sentNanos() <= earlier.answeredNanos()) continue;
                boolean back = RANK.get(later.status()) < RANK.get(earlier.status())
                        || ENDS.contains(earlier.status()) && ENDS.contains(later.status()) && !earlier.status().equals(later.status());
                if (back) {
                    bad.add(order + " seen " + earlier.status() + " (" + earlier.where() + "), later " + later.status() + " (" + later.where() + ")");
                    return;
                }
            }
        }
    }
}
