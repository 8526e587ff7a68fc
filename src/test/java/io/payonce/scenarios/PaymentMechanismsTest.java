package io.payonce.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient.Reply;
import io.payonce.support.GatewayTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One scenario per mechanism of PRODUCT.md, M1–M4, M7 and M8, over HTTP against real PostgreSQL. */
@GatewayTest
class PaymentMechanismsTest extends ScenarioSupport {

    @Test
    void m1_each_attempt_has_its_own_payment_no_and_only_that_number_reaches_the_channel() {
        String orderNo = newOrderNo();
        Reply first = api.pay(orderNo, 1999, "USD");
        String firstPaymentNo = first.text("attempt.paymentNo");
        sim.fail(firstPaymentNo);
        awaitOrder(orderNo, o -> o.body().path("attempts").get(0).path("status").asString().equals("FAILED"), Duration.ofSeconds(10));

        Reply second = api.pay(orderNo, 1999, "USD");

        assertThat(second.text("decision")).isEqualTo("NEW_ATTEMPT");
        String secondPaymentNo = second.text("attempt.paymentNo");
        assertThat(secondPaymentNo).isNotEqualTo(firstPaymentNo).hasSizeLessThanOrEqualTo(32);
        assertThat(sim.ledgerLine(firstPaymentNo).path("status").asString()).isEqualTo("FAILED");
        assertThat(sim.ledgerLine(secondPaymentNo).path("amount").asLong()).isEqualTo(1999);
        assertThat(sim.ledger().stream().map(l -> l.path("paymentNo").asString()))
                .doesNotContain(orderNo);
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(2);
    }

    @Test
    void m2_fifty_concurrent_identical_requests_give_one_order_one_attempt_and_one_channel_create() throws Exception {
        String orderNo = newOrderNo();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) calls.add(() -> api.pay(orderNo, 4200, "EUR"));
        List<Reply> replies = new ArrayList<>();
        for (Future<Reply> future : pool.invokeAll(calls)) replies.add(future.get());
        pool.shutdown();

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        Set<String> paymentNos = replies.stream().map(r -> r.text("attempt.paymentNo")).collect(Collectors.toSet());
        assertThat(paymentNos).hasSize(1);
        assertThat(replies.stream().filter(r -> r.text("decision").equals("NEW_ATTEMPT"))).hasSize(1);
        assertThat(replies.stream().filter(r -> r.text("decision").equals("REUSED_ATTEMPT"))).hasSize(49);
        assertThat(count("select count(*) from payment_order where merchant_order_no = ?", orderNo)).isEqualTo(1);
        String paymentNo = paymentNos.iterator().next();
        assertThat(sim.ledger().stream().filter(l -> l.path("paymentNo").asString().equals(paymentNo))).hasSize(1);
        assertThat(replies).allSatisfy(r -> assertThat(r.text("attempt.action.type")).isEqualTo("redirect"));
    }

    @Test
    void m3_past_the_window_an_unpaid_attempt_is_closed_at_the_channel_before_a_new_one_is_made() {
        String orderNo = newOrderNo();
        String firstPaymentNo = api.pay(orderNo, 500, "USD").text("attempt.paymentNo");
        clock.advance(Duration.ofSeconds(11));

        Reply second = api.pay(orderNo, 500, "USD");

        assertThat(second.text("decision")).isEqualTo("NEW_ATTEMPT");
        assertThat(sim.ledgerLine(firstPaymentNo).path("status").asString()).isEqualTo("CLOSED");
        JsonNode attempts = api.order(orderNo).body().path("attempts");
        assertThat(attempts.get(0).path("status").asString()).isEqualTo("CLOSED");
        assertThat(attempts.get(1).path("status").asString()).isEqualTo("PENDING");
        assertThat(second.body().path("attemptsUsed").asInt()).isEqualTo(2);
    }

    @Test
    void m3_past_the_window_a_paid_attempt_answers_already_paid_without_a_new_charge() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 800, "USD").text("attempt.paymentNo");
        sim.pay(paymentNo);
        clock.advance(Duration.ofSeconds(11));

        Reply again = api.pay(orderNo, 800, "USD");

        assertThat(again.text("decision")).isEqualTo("ALREADY_PAID");
        assertThat(again.text("orderStatus")).isEqualTo("PAID");
        assertThat(again.text("attempt.paymentNo")).isEqualTo(paymentNo);
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(1);
    }

    @Test
    void m4_beyond_max_attempts_the_request_is_refused() {
        String orderNo = newOrderNo();
        for (int i = 0; i < 3; i++) {
            Reply reply = api.pay(orderNo, 300, "USD");
            assertThat(reply.text("decision")).isEqualTo("NEW_ATTEMPT");
            sim.fail(reply.text("attempt.paymentNo"));
            String paymentNo = reply.text("attempt.paymentNo");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.order(orderNo).body().path("attempts").findValues("status")
                    .stream().noneMatch(s -> s.asString().equals("PENDING")) || !paymentNo.isEmpty() && isFailed(orderNo, paymentNo));
        }

        Reply refused = api.pay(orderNo, 300, "USD");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("too_many_attempts");
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(3);
    }

    private boolean isFailed(String orderNo, String paymentNo) {
        for (JsonNode attempt : api.order(orderNo).body().path("attempts")) {
            if (attempt.path("paymentNo").asString().equals(paymentNo)) return attempt.path("status").asString().equals("FAILED");
        }
        return false;
    }

    @Test
    void m7_with_every_callback_dropped_a_paid_order_becomes_paid_through_polling_alone() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 1250, "USD").text("attempt.paymentNo");
        sim.pay(paymentNo);

        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(20));

        assertThat(count("select count(*) from channel_callback where payment_no = ?", paymentNo)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> sales().size() == 1);
        assertThat(sales().getFirst().path("data").path("paymentNo").asString()).isEqualTo(paymentNo);
    }

    @Test
    void m8_the_sweeper_reschedules_an_attempt_whose_check_was_lost() {
        sim.faults(Map.of("callbackDropRate", 1.0));
        String orderNo = newOrderNo();
        String paymentNo = api.pay(orderNo, 700, "USD").text("attempt.paymentNo");
        jdbc.sql("delete from scheduled_tasks where task_name = 'attempt-check' and task_instance = ?").param(paymentNo).update();
        assertThat(count("select count(*) from scheduled_tasks where task_instance = ?", paymentNo)).isZero();
        jdbc.sql("update payment_attempt set created_at = created_at - interval '5 minutes' where payment_no = ?").param(paymentNo).update();
        sim.pay(paymentNo);

        awaitOrder(orderNo, o -> o.text("status").equals("PAID"), Duration.ofSeconds(30));
    }
}
