package io.payonce.simulator;

import io.payonce.shared.Hmac;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The PSP's merchant API, as a gateway adapter sees it: {@code Sim-Key} header, JSON, minor units. */
@RestController
@EnabledSimulator
class SimApiController {
    record CreateBody(String paymentNo, Long amount, String currency, String subject, String returnUrl,
                      String notifyUrl, Instant expireAt) {}

    record RefundBody(String refundNo, String paymentNo, Long amount) {}

    private final SimPayments payments;
    private final SimRefunds refunds;
    private final SimFaults faults;
    private final SimCheckoutController checkout;
    private final String apiKey;

    SimApiController(SimPayments payments, SimRefunds refunds, SimFaults faults, SimCheckoutController checkout,
                     @Value("${payonce.sim.api-key:sim-dev-key}") String apiKey) {
        this.payments = payments;
        this.refunds = refunds;
        this.faults = faults;
        this.checkout = checkout;
        this.apiKey = apiKey;
    }

    @PostMapping("/sim/api/payments")
    ResponseEntity<?> create(@RequestHeader(value = "Sim-Key", required = false) String key, @RequestBody CreateBody body) {
        authenticate(key);
        require(body.paymentNo(), "paymentNo");
        if (body.amount() == null || body.amount() <= 0) throw invalid("amount must be a positive integer of minor units");
        String currency = Currency.getInstance(require(body.currency(), "currency")).getCurrencyCode();
        if (faults.roll(faults.current().createErrorRate())) {
            return SimErrors.error(500, "internal_error", "injected create error; nothing was created");
        }
        return replyMaybeLost(() -> {
            Txn txn = payments.create(new SimPayments.NewPayment(body.paymentNo(), body.amount(), currency, body.subject(),
                    body.returnUrl(), body.notifyUrl(), body.expireAt()));
            Map<String, Object> reply = new LinkedHashMap<>(txn.view());
            reply.put("checkoutUrl", checkout.checkoutUrl(txn.channelTxnId()));
            return reply;
        });
    }

    @GetMapping("/sim/api/payments/{paymentNo}")
    ResponseEntity<?> query(@RequestHeader(value = "Sim-Key", required = false) String key, @PathVariable String paymentNo) {
        authenticate(key);
        queryFaults();
        return ResponseEntity.ok(payments.find(paymentNo).map(Txn::view)
                .orElseThrow(() -> new SimRefusal(404, "not_found", "no payment " + paymentNo)));
    }

    @PostMapping("/sim/api/payments/{paymentNo}/close")
    ResponseEntity<?> close(@RequestHeader(value = "Sim-Key", required = false) String key, @PathVariable String paymentNo) {
        authenticate(key);
        return replyMaybeLost(() -> Map.of("paymentNo", paymentNo, "status", payments.close(paymentNo)));
    }

    @PostMapping("/sim/api/refunds")
    ResponseEntity<?> refund(@RequestHeader(value = "Sim-Key", required = false) String key, @RequestBody RefundBody body) {
        authenticate(key);
        require(body.refundNo(), "refundNo");
        require(body.paymentNo(), "paymentNo");
        if (body.amount() == null || body.amount() <= 0) throw invalid("amount must be a positive integer of minor units");
        return replyMaybeLost(() -> refunds.refund(body.refundNo(), body.paymentNo(), body.amount()).view());
    }

    @GetMapping("/sim/api/refunds/{refundNo}")
    ResponseEntity<?> queryRefund(@RequestHeader(value = "Sim-Key", required = false) String key, @PathVariable String refundNo) {
        authenticate(key);
        queryFaults();
        return ResponseEntity.ok(refunds.find(refundNo).map(SimRefunds.Refund::view)
                .orElseThrow(() -> new SimRefusal(404, "not_found", "no refund " + refundNo)));
    }

    /** The responseLostRate fault: the work is done and committed, but the caller never hears of it. */
    private ResponseEntity<?> replyMaybeLost(Supplier<Map<String, Object>> action) {
        Map<String, Object> reply = action.get();
        if (faults.roll(faults.current().responseLostRate())) {
            return SimErrors.error(504, "reply_lost", "injected fault: the request was carried out but this reply was lost");
        }
        return ResponseEntity.ok(reply);
    }

    private void queryFaults() {
        SimFaults.Faults f = faults.current();
        if (f.queryLatencyMs() > 0) {
            try {
                Thread.sleep(f.queryLatencyMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.roll(f.queryErrorRate())) {
            throw new SimRefusal(500, "internal_error", "injected query error");
        }
        if (faults.roll(f.queryRateLimitRate())) {
            throw new SimRefusal(429, "rate_limited", "injected fault: too many queries, slow down");
        }
    }

    private void authenticate(String key) {
        if (!Hmac.constantTimeEquals(apiKey, key)) {
            throw new SimRefusal(401, "unauthorized", "Sim-Key header missing or wrong");
        }
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 64) throw invalid(name + " is required, at most 64 characters");
        return value;
    }

    private static SimRefusal invalid(String message) {
        return new SimRefusal(400, "invalid_request", message);
    }
}
