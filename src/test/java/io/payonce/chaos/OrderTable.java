package io.payonce.chaos;

import io.payonce.chaos.Evidence.LedgerLine;
import io.payonce.chaos.GatewayDatabase.OrderRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * orders.csv in the run's directory: one line per order with the buyer's kind, what the ledger
 * and the gateway say, and when (simulated minutes from the start): for looking into a failure.
 */
final class OrderTable {
    private OrderTable() {}

    static void write(Path file, Evidence e, Map<String, BuyerPlan> plans, Map<String, Instant> callbacks, Instant start,
                      TimeScale scale) {
        Map<String, LedgerLine> ledger = e.ledgerByPayment();
        Map<String, Set<String>> payments = e.paymentsByOrder();
        List<String> lines = new ArrayList<>();
        lines.add("merchantOrderNo,kind,arrivalMin,status,amount,netAtChannel,captures,firstCaptureMin,paidAtGatewayMin,payingCallbackAppliedMin,payments");
        for (OrderRow order : e.orders()) {
            BuyerPlan plan = plans.get(order.merchantOrderNo());
            List<LedgerLine> captured = payments.getOrDefault(order.merchantOrderNo(), Set.of()).stream().map(ledger::get)
                    .filter(Objects::nonNull).filter(l -> l.capturedMinor() > 0).toList();
            Instant firstCapture = captured.stream().map(LedgerLine::paidAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
            lines.add(String.join(",", order.merchantOrderNo(), plan == null ? "?" : plan.kind().name(),
                    plan == null ? "" : String.valueOf(plan.arrival().toMinutes()), order.status(),
                    String.valueOf(order.amountMinor()), String.valueOf(captured.stream().mapToLong(LedgerLine::netMinor).sum()),
                    String.valueOf(captured.size()), minutes(start, firstCapture, scale), minutes(start, order.paidAt(), scale),
                    order.payingPaymentNo() == null ? "" : minutes(start, callbacks.get(order.payingPaymentNo()), scale),
                    String.join(" ", payments.getOrDefault(order.merchantOrderNo(), Set.of()))));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String minutes(Instant start, Instant at, TimeScale scale) {
        if (at == null) return "";
        return String.format(Locale.ROOT, "%.1f", scale.simulatedMinutes(Duration.between(start, at)));
    }
}
