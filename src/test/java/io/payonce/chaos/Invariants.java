package io.payonce.chaos;

import io.payonce.chaos.Evidence.LedgerLine;
import io.payonce.chaos.GatewayDatabase.AttemptRow;
import io.payonce.chaos.GatewayDatabase.OrderRow;
import io.payonce.notify.NotificationSignature;
import io.payonce.support.MerchantReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The invariants 1–4 and 6 of docs/CHAOS.md, each with the data that judges it; 5 is {@link HistoryCheck}. */
final class Invariants {
    /** A check and its counter-examples; it passes when there are none. */
    record Check(String id, String title, List<String> counterExamples) {
        boolean passed() {
            return counterExamples.isEmpty();
        }
    }

    private Invariants() {}

    static List<Check> all(Evidence e) {
        return List.of(money(e), noLostOrder(e), onePayer(e), notifications(e), HistoryCheck.check(e), allTerminal(e));
    }

    /** 1. captured − refunded (the simulator's ledger) = amount if PAID, 0 if CLOSED, per order; no capture unaccounted. */
    static Check money(Evidence e) {
        List<String> bad = new ArrayList<>();
        Map<String, LedgerLine> ledger = e.ledgerByPayment();
        Map<String, Set<String>> payments = e.paymentsByOrder();
        Set<String> accounted = new HashSet<>();
        for (OrderRow order : e.orders()) {
            Set<String> own = payments.getOrDefault(order.merchantOrderNo(), Set.of());
            accounted.addAll(own);
            long net = own.stream().map(ledger::get).filter(l -> l != null).mapToLong(LedgerLine::netMinor).sum();
            Long expected = Evidence.expectedNetMinor(order);
            if (expected == null) bad.add(order.merchantOrderNo() + " is still " + order.status());
            else if (net != expected) bad.add(order.merchantOrderNo() + " " + order.status() + " amount " + order.amountMinor()
                    + ": captured-refunded at the channel = " + net + " (payments " + own + ")");
        }
        e.ledger().stream().filter(l -> l.netMinor() != 0 && !accounted.contains(l.paymentNo()))
                .forEach(l -> bad.add(l.paymentNo() + ": " + l.netMinor() + " taken, belongs to no order"));
        return new Check("1", "captured - refunded = amount if PAID, 0 if CLOSED (simulator ledger)", bad);
    }

    /** 2. every capture the channel took is a SUCCEEDED attempt at the gateway. */
    static Check noLostOrder(Evidence e) {
        Map<String, AttemptRow> attempts = e.attemptByPayment();
        List<String> bad = new ArrayList<>();
        for (LedgerLine line : e.ledger()) {
            if (line.capturedMinor() == 0) continue;
            AttemptRow attempt = attempts.get(line.paymentNo());
            if (attempt == null) bad.add(line.paymentNo() + " captured " + line.capturedMinor() + ", unknown to the gateway");
            else if (!attempt.status().equals("SUCCEEDED")) bad.add(line.paymentNo() + " captured " + line.capturedMinor()
                    + ", the gateway says " + attempt.status());
        }
        return new Check("2", "every capture is known to the gateway (no lost order)", bad);
    }

    /** 3. at most one paying attempt per order; every other capture flagged duplicate and refunded in full. */
    static Check onePayer(Evidence e) {
        Map<String, LedgerLine> ledger = e.ledgerByPayment();
        Map<Long, List<AttemptRow>> byOrder = e.attempts().stream().collect(Collectors.groupingBy(AttemptRow::orderId));
        List<String> bad = new ArrayList<>();
        for (OrderRow order : e.orders()) {
            List<AttemptRow> attempts = byOrder.getOrDefault(order.orderId(), List.of());
            List<String> paying = attempts.stream().filter(a -> a.status().equals("SUCCEEDED") && !a.duplicate())
                    .map(AttemptRow::paymentNo).toList();
            boolean paid = Evidence.expectedNetMinor(order) != null && !order.status().equals("CLOSED");
            if (paying.size() > 1 || paid != (paying.size() == 1) || paid && !paying.contains(order.payingPaymentNo())) {
                bad.add(order.merchantOrderNo() + " " + order.status() + " has paying attempts " + paying);
            }
            for (AttemptRow attempt : attempts) {
                LedgerLine line = ledger.get(attempt.paymentNo());
                if (line == null || line.capturedMinor() == 0 || paying.contains(attempt.paymentNo())) continue;
                if (!attempt.duplicate()) bad.add(attempt.paymentNo() + " of " + order.merchantOrderNo() + " captured but not flagged duplicate");
                if (line.refundedMinor() != line.capturedMinor()) bad.add(attempt.paymentNo() + " of " + order.merchantOrderNo()
                        + " is an extra capture of " + line.capturedMinor() + ", refunded " + line.refundedMinor());
            }
        }
        return new Check("3", "at most one attempt pays; every other success refunded and flagged duplicate", bad);
    }

    /** 4. payment.succeeded acknowledged for every PAID order, never for a duplicate or an unpaid order; signatures verify. */
    static Check notifications(Evidence e) {
        List<String> bad = new ArrayList<>();
        Map<String, AttemptRow> attempts = e.attemptByPayment();
        Map<String, OrderRow> orders = e.orders().stream().collect(Collectors.toMap(OrderRow::merchantOrderNo, o -> o));
        Set<String> acknowledgedSales = new HashSet<>();
        for (MerchantReceiver.Received receipt : e.receipts()) {
            JsonNode body = Http.JSON.readTree(receipt.rawBody());
            String id = body.path("id").asString();
            if (!NotificationSignature.verify(e.webhookSecret(), receipt.signature(), receipt.rawBody(), Duration.ofMinutes(5),
                    receipt.receivedAt())) bad.add("notification " + id + ": signature does not verify");
            if (!body.path("type").asString().equals("payment.succeeded")) continue;
            String paymentNo = body.path("data").path("paymentNo").asString();
            OrderRow order = orders.get(body.path("data").path("merchantOrderNo").asString());
            AttemptRow attempt = attempts.get(paymentNo);
            if (attempt == null || attempt.duplicate() || order == null || !paymentNo.equals(order.payingPaymentNo())) {
                bad.add("payment.succeeded " + id + " for " + paymentNo + ", which did not pay its order");
            } else if (receipt.answeredStatus() / 100 == 2) {
                acknowledgedSales.add(order.merchantOrderNo());
            }
        }
        e.orders().stream().filter(o -> o.payingPaymentNo() != null && !acknowledgedSales.contains(o.merchantOrderNo()))
                .forEach(o -> bad.add(o.merchantOrderNo() + " is " + o.status() + " but the merchant never acknowledged payment.succeeded"));
        return new Check("4", "merchant got payment.succeeded for every PAID order, none for duplicates; signatures verify", bad);
    }

    /** 6. once the schedules have run out, nothing is left open. */
    static Check allTerminal(Evidence e) {
        List<String> bad = new ArrayList<>();
        e.orders().stream().filter(o -> Evidence.expectedNetMinor(o) == null)
                .forEach(o -> bad.add("order " + o.merchantOrderNo() + " still " + o.status()));
        e.attempts().stream().filter(a -> a.status().equals("PENDING"))
                .forEach(a -> bad.add("attempt " + a.paymentNo() + " still PENDING" + (a.superseded() ? " (superseded)" : "")));
        e.refunds().stream().filter(r -> r.status().equals("PENDING")).forEach(r -> bad.add("refund " + r.refundNo() + " still PENDING"));
        e.notifications().stream().filter(n -> n.status().equals("PENDING"))
                .forEach(n -> bad.add("notification " + n.notificationId() + " (" + n.type() + ") still PENDING after " + n.attempts() + " attempts"));
        return new Check("6", "no attempt, refund or notification left non-terminal", bad);
    }
}
