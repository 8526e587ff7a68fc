package io.payonce.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.GatewayTest;
import io.payonce.support.SimulatorClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The simulator PSP inside the gateway, driven over HTTP as a merchant, a buyer and an operator would. */
@GatewayTest
class SimulatorTest {
    @LocalServerPort int port;
    SimulatorClient sim;

    @BeforeEach
    void setUp() {
        sim = new SimulatorClient("http://localhost:" + port);
        sim.resetFaults();
    }

    @AfterEach
    void resetFaults() {
        sim.resetFaults();
    }

    static Map<String, Object> payment(String paymentNo, long amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("paymentNo", paymentNo);
        body.put("amount", amount);
        body.put("currency", "EUR");
        body.put("subject", "Blue mug");
        body.put("returnUrl", "http://shop.example/return/" + paymentNo);
        return body;
    }

    static String newPaymentNo() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    @Test
    void creatingTheSamePaymentTwiceGivesOneTransactionAndAnotherAmountIsRefused() {
        String paymentNo = newPaymentNo();
        SimulatorClient.Reply first = sim.createPayment(payment(paymentNo, 1999));
        SimulatorClient.Reply again = sim.createPayment(payment(paymentNo, 1999));
        SimulatorClient.Reply otherAmount = sim.createPayment(payment(paymentNo, 2999));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("CREATED");
        assertThat(first.text("checkoutUrl")).endsWith("/sim/checkout/" + first.text("channelTxnId"));
        assertThat(again.text("channelTxnId")).isEqualTo(first.text("channelTxnId"));
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(sim.ledger().stream().filter(line -> line.path("paymentNo").asString().equals(paymentNo))).hasSize(1);
    }

    @Test
    void concurrentCreatesOfOnePaymentMakeOneTransaction() {
        String paymentNo = newPaymentNo();
        Set<String> txnIds = ConcurrentHashMap.newKeySet();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                threads.submit(() -> txnIds.add(sim.createPayment(payment(paymentNo, 1999)).text("channelTxnId")));
            }
        }

        assertThat(txnIds).hasSize(1);
        assertThat(sim.ledger().stream().filter(line -> line.path("paymentNo").asString().equals(paymentNo))).hasSize(1);
    }

    @Test
    void buyerPaysOnTheCheckoutPageAndIsSentBackToTheShop() {
        String paymentNo = newPaymentNo();
        String txnId = sim.createPayment(payment(paymentNo, 1999)).text("channelTxnId");

        SimulatorClient.Reply page = sim.get("/sim/checkout/" + txnId);
        SimulatorClient.Reply paid = sim.submitForm("/sim/checkout/" + txnId + "/pay");
        SimulatorClient.Reply paidAgain = sim.submitForm("/sim/checkout/" + txnId + "/pay");

        assertThat(page.raw().body()).contains("19.99 EUR", "Blue mug", "/pay", "/fail");
        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.raw().headers().firstValue("Location")).hasValue("http://shop.example/return/" + paymentNo);
        assertThat(paidAgain.status()).isEqualTo(303);
        JsonNode line = sim.ledgerLine(paymentNo);
        assertThat(line.path("status").asString()).isEqualTo("PAID");
        assertThat(line.path("capturedAmount").asLong()).isEqualTo(1999);
        assertThat(line.path("refundedAmount").asLong()).isZero();
    }

    @Test
    void aClosedPaymentCannotBePaidAndTheBuyerIsToldSo() {
        String paymentNo = newPaymentNo();
        String txnId = sim.createPayment(payment(paymentNo, 500)).text("channelTxnId");

        SimulatorClient.Reply closed = sim.post("/sim/api/payments/" + paymentNo + "/close", Map.of(), SimulatorClient.DEV_KEY);
        SimulatorClient.Reply buyerPays = sim.submitForm("/sim/checkout/" + txnId + "/pay");
        SimulatorClient.Reply controlPays = sim.pay(paymentNo);

        assertThat(closed.text("status")).isEqualTo("CLOSED");
        assertThat(buyerPays.status()).isEqualTo(409);
        assertThat(buyerPays.raw().body()).contains("closed");
        assertThat(controlPays.status()).isEqualTo(409);
        assertThat(sim.ledgerLine(paymentNo).path("capturedAmount").asLong()).isZero();
    }

    @Test
    void closingAPaymentTheSimulatorNeverSawRefusesItsLateCreate() {
        String paymentNo = newPaymentNo();

        SimulatorClient.Reply closed = sim.post("/sim/api/payments/" + paymentNo + "/close", Map.of(), SimulatorClient.DEV_KEY);
        SimulatorClient.Reply lateCreate = sim.createPayment(payment(paymentNo, 500));

        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("NOT_FOUND");
        assertThat(lateCreate.status()).isEqualTo(409);
        assertThat(sim.ledgerLine(paymentNo).isMissingNode()).isTrue();
    }

    @Test
    void aPaidPaymentCannotBeClosed() {
        String paymentNo = newPaymentNo();
        sim.createPayment(payment(paymentNo, 500));
        sim.pay(paymentNo);

        SimulatorClient.Reply close = sim.post("/sim/api/payments/" + paymentNo + "/close", Map.of(), SimulatorClient.DEV_KEY);

        assertThat(close.status()).isEqualTo(409);
        assertThat(close.text("error")).isEqualTo("already_paid");
    }

    @Test
    void refundsNeverExceedWhatWasCapturedAndRepeatTheSameRefund() {
        String paymentNo = newPaymentNo();
        sim.createPayment(payment(paymentNo, 1000));
        sim.pay(paymentNo);

        SimulatorClient.Reply first = refund("r1" + paymentNo, paymentNo, 600);
        SimulatorClient.Reply repeated = refund("r1" + paymentNo, paymentNo, 600);
        SimulatorClient.Reply tooMuch = refund("r2" + paymentNo, paymentNo, 500);
        SimulatorClient.Reply rest = refund("r3" + paymentNo, paymentNo, 400);

        assertThat(first.text("status")).isEqualTo("SUCCEEDED");
        assertThat(repeated.text("channelRefundId")).isEqualTo(first.text("channelRefundId"));
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.text("error")).isEqualTo("refund_exceeds_captured");
        assertThat(rest.text("status")).isEqualTo("SUCCEEDED");
        assertThat(sim.get("/sim/api/refunds/r1" + paymentNo, SimulatorClient.DEV_KEY).text("status")).isEqualTo("SUCCEEDED");
        assertThat(sim.ledgerLine(paymentNo).path("refundedAmount").asLong()).isEqualTo(1000);
    }

    @Test
    void theMerchantApiWantsTheSimKeyAndAnswersNotFoundInItsOwnFormat() {
        assertThat(sim.get("/sim/api/payments/nope").status()).isEqualTo(401);
        assertThat(sim.get("/sim/api/payments/nope", "wrong-key").status()).isEqualTo(401);
        SimulatorClient.Reply missing = sim.get("/sim/api/payments/nope", SimulatorClient.DEV_KEY);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("error")).isEqualTo("not_found");
    }

    @Test
    void faultsAreShownChangedPartlyAndReset() {
        SimulatorClient.Reply changed = sim.faults(Map.of("queryErrorRate", 0.5, "seed", 42));
        SimulatorClient.Reply unknown = sim.faults(Map.of("meteorStrikeRate", 1));
        SimulatorClient.Reply outOfRange = sim.faults(Map.of("callbackDropRate", 2));

        assertThat(changed.body().path("queryErrorRate").asDouble()).isEqualTo(0.5);
        assertThat(changed.body().path("seed").asLong()).isEqualTo(42);
        assertThat(sim.get("/sim/control/faults").body().path("callbackDropRate").asDouble()).isZero();
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(sim.resetFaults().body().path("queryErrorRate").asDouble()).isZero();
    }

    @Test
    void aCloseRacingTheBuyersPaymentNeverAnswersClosedForMoneyItTook() throws Exception {
        int races = 40;
        List<String> paymentNos = new java.util.ArrayList<>();
        for (int i = 0; i < races; i++) {
            String paymentNo = newPaymentNo();
            sim.createPayment(payment(paymentNo, 700 + i));
            paymentNos.add(paymentNo);
        }
        Map<String, SimulatorClient.Reply> closes = new ConcurrentHashMap<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (String paymentNo : paymentNos) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                threads.submit(() -> { go.await(); return sim.pay(paymentNo); });
                threads.submit(() -> { go.await(); return closes.put(paymentNo, sim.post("/sim/api/payments/" + paymentNo + "/close", Map.of(), SimulatorClient.DEV_KEY)); });
                go.countDown();
            }
        }

        for (String paymentNo : paymentNos) {
            SimulatorClient.Reply close = closes.get(paymentNo);
            long captured = sim.ledgerLine(paymentNo).path("capturedAmount").asLong();
            if (captured > 0) {
                assertThat(close.status()).as("close of %s after the buyer paid", paymentNo).isEqualTo(409);
                assertThat(close.text("error")).isEqualTo("already_paid");
            } else {
                assertThat(close.text("status")).as("close of %s before the buyer paid", paymentNo).isEqualTo("CLOSED");
            }
        }
    }

    @Test
    void theLedgerSinceAMomentShowsOnlyPaymentsCreatedFromThenOn() throws InterruptedException {
        String before = newPaymentNo();
        sim.createPayment(payment(before, 1999));
        Thread.sleep(20);
        java.time.Instant since = java.time.Instant.now();
        String after = newPaymentNo();
        sim.createPayment(payment(after, 2999));

        List<String> lines = sim.ledgerSince(since).stream().map(l -> l.path("paymentNo").asString()).toList();

        assertThat(lines).contains(after).doesNotContain(before);
        assertThat(sim.get("/sim/control/ledger?since=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aRateLimitedQueryAnswers429InTheSimulatorsOwnFormat() {
        String paymentNo = newPaymentNo();
        sim.createPayment(payment(paymentNo, 1999));
        sim.faults(Map.of("queryRateLimitRate", 1));

        SimulatorClient.Reply limited = sim.get("/sim/api/payments/" + paymentNo, SimulatorClient.DEV_KEY);
        sim.resetFaults();

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("error")).isEqualTo("rate_limited");
        assertThat(sim.get("/sim/api/payments/" + paymentNo, SimulatorClient.DEV_KEY).status()).isEqualTo(200);
    }

    @Test
    void theLedgerSaysWhenTheMoneyWasTaken() {
        String paymentNo = newPaymentNo();
        sim.createPayment(payment(paymentNo, 1999));
        boolean unpaidHasNoTime = sim.ledgerLine(paymentNo).path("paidAt").isNull();
        sim.pay(paymentNo);

        JsonNode line = sim.ledgerLine(paymentNo);
        assertThat(unpaidHasNoTime).isTrue();
        assertThat(java.time.Instant.parse(line.path("paidAt").asString()))
                .isAfterOrEqualTo(java.time.Instant.parse(line.path("createdAt").asString()));
    }

    private SimulatorClient.Reply refund(String refundNo, String paymentNo, long amount) {
        return sim.post("/sim/api/refunds", Map.of("refundNo", refundNo, "paymentNo", paymentNo, "amount", amount), SimulatorClient.DEV_KEY);
    }
}
