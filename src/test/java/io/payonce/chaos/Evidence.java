package io.payonce.chaos;

import io.payonce.chaos.GatewayDatabase.AttemptRow;
import io.payonce.chaos.GatewayDatabase.HistoryRow;
import io.payonce.chaos.GatewayDatabase.NotificationRow;
import io.payonce.chaos.GatewayDatabase.OpenWork;
import io.payonce.chaos.GatewayDatabase.OrderRow;
import io.payonce.chaos.GatewayDatabase.RefundRow;
import io.payonce.support.MerchantReceiver;
import io.payonce.support.SimulatorClient;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Everything the verdict is drawn from, collected once the run has healed and drained: the
 * simulator's ledger (the judge of money), the gateway's own records, what the merchant's
 * endpoint received, and what the clients saw.
 */
record Evidence(List<OrderRow> orders, List<AttemptRow> attempts, List<RefundRow> refunds,
                List<NotificationRow> notifications, List<HistoryRow> history, List<LedgerLine> ledger,
                List<MerchantReceiver.Received> receipts, String webhookSecret, Observations seen, OpenWork openAtEnd) {

    /** One payment at the channel: the money it took and gave back. */
    record LedgerLine(String paymentNo, long amountMinor, String status, long capturedMinor, long refundedMinor, Instant paidAt) {
        long netMinor() {
            return capturedMinor - refundedMinor;
        }
    }

    /** @param since when the run began: the simulator is shared by the suite's runs, its ledger is not */
    static Evidence collect(GatewayDatabase db, SimulatorClient sim, Instant since, MerchantReceiver endpoint,
                            String webhookSecret, Observations seen) throws SQLException {
        List<LedgerLine> ledger = sim.ledgerSince(since).stream().map(Evidence::line).toList();
        return new Evidence(db.orders(), db.attempts(), db.refunds(), db.notifications(), db.history(), ledger,
                endpoint.received(), webhookSecret, seen, db.openWork());
    }

    private static LedgerLine line(JsonNode node) {
        JsonNode paidAt = node.path("paidAt");
        return new LedgerLine(node.path("paymentNo").asString(), node.path("amount").asLong(), node.path("status").asString(),
                node.path("capturedAmount").asLong(), node.path("refundedAmount").asLong(),
                paidAt.isString() ? Instant.parse(paidAt.stringValue()) : null);
    }

    Map<String, AttemptRow> attemptByPayment() {
        return attempts.stream().collect(Collectors.toMap(AttemptRow::paymentNo, a -> a));
    }

    Map<String, LedgerLine> ledgerByPayment() {
        return ledger.stream().collect(Collectors.toMap(LedgerLine::paymentNo, l -> l));
    }

    /** Every paymentNo that belongs to the order, by the gateway's records or by what a client was given. */
    Map<String, Set<String>> paymentsByOrder() {
        Map<Long, String> orderNo = orders.stream().collect(Collectors.toMap(OrderRow::orderId, OrderRow::merchantOrderNo));
        Map<String, Set<String>> byOrder = new HashMap<>();
        attempts.forEach(a -> byOrder.computeIfAbsent(orderNo.get(a.orderId()), k -> new java.util.TreeSet<>()).add(a.paymentNo()));
        seen.paymentsSeen().forEach((paymentNo, order) -> byOrder.computeIfAbsent(order, k -> new java.util.TreeSet<>()).add(paymentNo));
        return byOrder;
    }

    /** The money an order should have taken, net: its amount (less merchant refunds) when paid, nothing when closed. */
    static Long expectedNetMinor(OrderRow order) {
        return switch (order.status()) {
            case "PAID", "PARTIALLY_REFUNDED", "REFUNDED" -> order.amountMinor() - order.refundedMinor();
            case "CLOSED" -> 0L;
            default -> null; // still open: nothing is settled
        };
    }
}
