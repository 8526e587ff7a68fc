package io.payonce.chaos;

import io.payonce.chaos.ChaosSettings.Mode;
import io.payonce.chaos.Evidence.LedgerLine;
import io.payonce.chaos.GatewayDatabase.OrderRow;
import io.payonce.chaos.Invariants.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One (seed, mode) run's figures and verdict. Money figures are in USD minor units (every chaos
 * order is in USD); times to truth are "the channel took the money" (ledger paidAt) to "the
 * order was PAID at the gateway" (its paid_at), over orders that ended PAID.
 *
 * @param heldWronglyMinor       sum over orders of max(0, captured - refunded - expected), plus captures of no order
 * @param doubleCharges          orders whose net capture is more than their amount
 * @param extraCaptures          captures beyond an order's first (a buyer was charged again), refunded or not
 * @param capturedButClosed      orders that took money yet ended CLOSED (truth never reached; refunded if invariant 1 holds)
 */
record RunResult(long seed, Mode mode, int plannedOrders, int orders, int paid, int closed, int doubleCharges,
                 long heldWronglyMinor, int lostOrders, int extraCaptures, int capturedButClosed, Duration timeToTruthP50,
                 Duration timeToTruthP99, long notificationsDelivered, long notificationsDead, List<Check> checks,
                 FaultPlan plan, List<String> conductorLog, Map<String, Long> clientCounts, Duration realDuration,
                 int gatewayStarts, int postgresRestarts, double secondsPerSimHour, List<Duration> timesToTruth,
                 String phases) {

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    static RunResult of(long seed, Mode mode, int plannedOrders, Evidence e, FaultPlan plan, List<String> conductorLog,
                        Duration realDuration, int gatewayStarts, int postgresRestarts, TimeScale scale, String phases) {
        Map<String, LedgerLine> ledger = e.ledgerByPayment();
        Map<String, Set<String>> payments = e.paymentsByOrder();
        int doubleCharges = 0, extraCaptures = 0, capturedButClosed = 0;
        long held = 0;
        List<Duration> truth = new ArrayList<>();
        for (OrderRow order : e.orders()) {
            List<LedgerLine> lines = payments.getOrDefault(order.merchantOrderNo(), Set.of()).stream().map(ledger::get)
                    .filter(Objects::nonNull).filter(l -> l.capturedMinor() > 0).toList();
            long net = lines.stream().mapToLong(LedgerLine::netMinor).sum();
            Long expected = Evidence.expectedNetMinor(order);
            if (net > order.amountMinor()) doubleCharges++;
            if (expected != null && net > expected) held += net - expected;
            extraCaptures += Math.max(0, lines.size() - 1);
            if (!lines.isEmpty() && order.status().equals("CLOSED")) capturedButClosed++;
            lines.stream().map(LedgerLine::paidAt).filter(Objects::nonNull).min(java.util.Comparator.naturalOrder())
                    .filter(first -> order.paidAt() != null)
                    .ifPresent(first -> truth.add(Duration.between(first, order.paidAt()).isNegative() ? Duration.ZERO
                            : Duration.between(first, order.paidAt())));
        }
        Set<String> accounted = new java.util.HashSet<>();
        payments.values().forEach(accounted::addAll);
        held += e.ledger().stream().filter(l -> !accounted.contains(l.paymentNo())).mapToLong(l -> Math.max(0, l.netMinor())).sum();
        List<Check> checks = Invariants.all(e);
        truth.sort(null);
        return new RunResult(seed, mode, plannedOrders, e.orders().size(),
                (int) e.orders().stream().filter(o -> o.payingPaymentNo() != null).count(),
                (int) e.orders().stream().filter(o -> o.status().equals("CLOSED")).count(), doubleCharges, held,
                checks.get(1).counterExamples().size(), extraCaptures, capturedButClosed, percentile(truth, 0.50),
                percentile(truth, 0.99), e.notifications().stream().filter(n -> n.status().equals("DELIVERED")).count(),
                e.notifications().stream().filter(n -> n.status().equals("DEAD")).count(), checks, plan, conductorLog,
                e.seen().counts(), realDuration, gatewayStarts, postgresRestarts, scale.secondsPerSimHour(), List.copyOf(truth), phases);
    }

    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) return null;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
