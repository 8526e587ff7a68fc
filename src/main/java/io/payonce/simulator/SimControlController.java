package io.payonce.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The test and operations tool: act as the buyer, inject faults (see {@link SimFaults}), read the
 * ledger. Unauthenticated on purpose; a production gateway turns the simulator off.
 */
@RestController
@EnabledSimulator
class SimControlController {
    record PaymentRef(String paymentNo) {}

    private final SimPayments payments;
    private final SimFaults faults;

    SimControlController(SimPayments payments, SimFaults faults) {
        this.payments = payments;
        this.faults = faults;
    }

    @PostMapping("/sim/control/pay")
    Map<String, Object> pay(@RequestBody PaymentRef ref) {
        return payments.pay(paymentNo(ref)).view();
    }

    @PostMapping("/sim/control/fail")
    Map<String, Object> fail(@RequestBody PaymentRef ref) {
        return payments.fail(paymentNo(ref)).view();
    }

    @GetMapping("/sim/control/faults")
    Map<String, Object> faults() {
        return SimFaults.asMap(faults.current());
    }

    @PostMapping("/sim/control/faults")
    Map<String, Object> updateFaults(@RequestBody Map<String, Object> changes) {
        return SimFaults.asMap(faults.update(changes));
    }

    @PostMapping("/sim/control/faults/reset")
    Map<String, Object> resetFaults() {
        faults.reset();
        return SimFaults.asMap(faults.current());
    }

    /** @param since only payments created at or after this instant (one chaos run's, on a simulator shared by several) */
    @GetMapping("/sim/control/ledger")
    List<Map<String, Object>> ledger(@RequestParam(required = false) String since) {
        Instant from;
        try {
            from = since == null ? Instant.EPOCH : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new SimRefusal(400, "invalid_request", "since must be an RFC 3339 instant such as 2026-01-01T00:00:00Z");
        }
        return payments.ledger(from).stream().map(Txn::ledgerLine).toList();
    }

    private static String paymentNo(PaymentRef ref) {
        if (ref == null || ref.paymentNo() == null || ref.paymentNo().isBlank()) {
            throw new SimRefusal(400, "invalid_request", "paymentNo is required");
        }
        return ref.paymentNo();
    }
}
