package io.payonce.notify;

import io.payonce.support.MerchantReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payonce.merchant.MerchantCredentials;
import io.payonce.merchant.Merchants;
import io.payonce.merchant.NewMerchant;
import io.payonce.order.OrderClosed;
import io.payonce.order.PaymentSucceeded;
import io.payonce.refund.RefundFinished;
import io.payonce.support.GatewayTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Merchant notifications end to end: real events, real PostgreSQL, real HTTP to a local merchant endpoint. */
@GatewayTest
@TestPropertySource(properties = "payonce.notify.retry-schedule=200ms,200ms")
class NotificationDeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired Merchants merchants;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired ApplicationEventPublisher events;
    @Autowired MeterRegistry meters;
    @LocalServerPort int port;

    private final MerchantReceiver receiver = MerchantReceiver.start();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aPaymentSucceededReachesTheMerchantOnceSignedOverTheExactRawBody() throws Exception {
        MerchantCredentials merchant = merchant(receiver.url());
        long orderId = order(merchant, "order-1");
        PaymentSucceeded paid = paid(merchant, orderId, "order-1");

        publishCommitted(paid);

        awaitStatus(orderId, "DELIVERED");
        Thread.sleep(500); // a second, unwanted delivery would arrive within the retry steps
        assertThat(receiver.received()).hasSize(1);
        MerchantReceiver.Received request = receiver.received().getFirst();
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(NotificationSignature.verify(merchant.webhookSecret(), request.signature(), request.rawBody(),
                Duration.ofMinutes(5), Instant.now())).isTrue();

        Map<String, Object> row = notificationOf(orderId);
        JsonNode body = JSON.readTree(request.rawBody());
        assertThat(body.get("id").asString()).isEqualTo(row.get("notification_id"));
        assertThat(body.get("type").asString()).isEqualTo("payment.succeeded");
        assertThat(Instant.parse(body.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
        JsonNode data = body.get("data");
        assertThat(data.get("merchantOrderNo").asString()).isEqualTo("order-1");
        assertThat(data.get("paymentNo").asString()).isEqualTo(paid.paymentNo());
        assertThat(data.get("amount").asLong()).isEqualTo(1999);
        assertThat(data.get("currency").asString()).isEqualTo("EUR");
        assertThat(data.get("status").asString()).isEqualTo("PAID");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("last_status_code")).isEqualTo(200);
        assertThat(history((String) row.get("notification_id"))).containsExactly("null>PENDING", "PENDING>DELIVERED");
        assertThat(meters.find("payonce.notifications.first.delivery.delay").timer().count()).isPositive();
    }

    @Test
    void theSameEventPublishedTwiceMakesOneNotification() throws Exception {
        MerchantCredentials merchant = merchant(receiver.url());
        long orderId = order(merchant, "order-twice");
        PaymentSucceeded paid = paid(merchant, orderId, "order-twice");

        publishCommitted(paid);
        publishCommitted(paid);

        awaitStatus(orderId, "DELIVERED");
        Thread.sleep(500);
        assertThat(jdbc.sql("select count(*) from notification where order_id = ?").param(orderId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void anEventWhoseTransactionRollsBackLeavesNoNotificationAndNoJob() throws Exception {
        MerchantCredentials merchant = merchant(receiver.url());
        long orderId = order(merchant, "order-rolled-back");

        String notificationId = transaction.execute(tx -> {
            events.publishEvent(paid(merchant, orderId, "order-rolled-back"));
            String id = jdbc.sql("select notification_id from notification where order_id = ?").param(orderId)
                    .query(String.class).single();
            tx.setRollbackOnly(); // the state change failed after the event was published
            return id;
        });

        assertThat(jdbc.sql("select count(*) from notification where notification_id = ?").param(notificationId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = 'notify-deliver' and task_instance = ?")
                .param(notificationId).query(Long.class).single()).isZero();
        Thread.sleep(300);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void anEventPublishedOutsideATransactionIsRefused() {
        MerchantCredentials merchant = merchant(receiver.url());
        long orderId = order(merchant, "order-no-tx");

        assertThatThrownBy(() -> events.publishEvent(paid(merchant, orderId, "order-no-tx")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside the transaction");
        assertThat(jdbc.sql("select count(*) from notification where order_id = ?").param(orderId).query(Long.class).single())
                .isZero();
    }

    @Test
    void aReceiverAnswering500IsRetriedOnScheduleThenTheNotificationIsDead() {
        receiver.answerWith(500);
        MerchantCredentials merchant = merchant(receiver.url());
        long orderId = order(merchant, "order-dead");
        double deadBefore = deadCount();

        publishCommitted(paid(merchant, orderId, "order-dead"));

        awaitStatus(orderId, "DEAD");
        Map<String, Object> row = notificationOf(orderId);
        assertThat(row.get("attempts")).isEqualTo(3); // the first attempt and one retry per schedule step
        assertThat(row.get("last_status_code")).isEqualTo(500);
        assertThat((String) row.get("last_error")).startsWith("HTTP 500");
        assertThat(row.get("dead_at")).isNotNull();
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received()).extracting(MerchantReceiver.Received::rawBody).containsOnly((String) row.get("payload"));
        assertThat(deadCount()).isEqualTo(deadBefore + 1);
        assertThat(history((String) row.get("notification_id"))).containsExactly("null>PENDING", "PENDING>PENDING", "PENDING>PENDING", "PENDING>DEAD");
    }

    @Test
    void anAdminResendDeliversADeadNotificationAgain() throws Exception {
        receiver.answerWith(500);
        MerchantCredentials merchant = merchant(receiver.url());
        long orderId = order(merchant, "order-resend");
        publishCommitted(paid(merchant, orderId, "order-resend"));
        awaitStatus(orderId, "DEAD");
        String notificationId = (String) notificationOf(orderId).get("notification_id");
        assertThat(admin("GET", "/v1/admin/notifications?status=DEAD&limit=200").body())
                .contains(notificationId);

        receiver.answerWith(204);
        HttpResponse<String> resent = admin("POST", "/v1/admin/notifications/" + notificationId + "/resend");

        assertThat(resent.statusCode()).isEqualTo(200);
        JsonNode view = JSON.readTree(resent.body());
        assertThat(view.get("id").asString()).isEqualTo(notificationId);
        assertThat(view.get("status").asString()).isEqualTo("PENDING");
        assertThat(view.get("attempts").asInt()).isZero();
        assertThat(view.get("targetUrl").asString()).isEqualTo(receiver.url());
        assertThat(Instant.parse(view.get("createdAt").asString())).isBefore(Instant.now());
        assertThat(view.get("deadAt").isNull()).isTrue();
        awaitStatus(orderId, "DELIVERED");
        assertThat(receiver.received()).hasSize(4);
        assertThat(receiver.received().getLast().rawBody()).isEqualTo(receiver.received().getFirst().rawBody());
        assertThat(history(notificationId)).containsExactly("null>PENDING", "PENDING>PENDING", "PENDING>PENDING", "PENDING>DEAD",
                "DEAD>PENDING", "PENDING>DELIVERED");
        assertThat(history(notificationId)).allSatisfy(NotificationDeliveryTest::isAllowedByTheTransitionTable);
        JsonNode delivered = JSON.readTree(admin("GET", "/v1/admin/notifications?status=DELIVERED").body());
        assertThat(delivered.get("notifications").findValuesAsString("id")).contains(notificationId);
    }

    @Test
    void theAdminListIsBoundedAndUnknownOrPendingNotificationsAreNotResent() throws Exception {
        assertThat(admin("GET", "/v1/admin/notifications?limit=201").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/v1/admin/notifications?limit=abc").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/v1/admin/notifications?status=LOST").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = admin("POST", "/v1/admin/notifications/ntf_unknown/resend");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asString()).isEqualTo("not_found");

        MerchantCredentials merchant = merchant(null);
        long orderId = order(merchant, "order-pending");
        publishCommitted(paid(merchant, orderId, "order-pending"));
        String notificationId = (String) notificationOf(orderId).get("notification_id");
        HttpResponse<String> pending = admin("POST", "/v1/admin/notifications/" + notificationId + "/resend");
        // Still PENDING while its (short) retries run; once DEAD the resend would be accepted.
        if (pending.statusCode() == 409) {
            assertThat(JSON.readTree(pending.body()).at("/error/code").asString()).isEqualTo("notification_pending");
        } else {
            assertThat(pending.statusCode()).isEqualTo(200);
        }
        awaitStatus(orderId, "DEAD"); // so that no other test sees it die
    }

    @Test
    void aNotificationWithoutAnyNotifyUrlIsKeptAndReachesTheUrlTheMerchantSetsLater() throws Exception {
        MerchantCredentials merchant = merchant(null);
        long orderId = order(merchant, "order-no-url");
        publishCommitted(paid(merchant, orderId, "order-no-url"));

        awaitStatus(orderId, "DEAD");
        assertThat(notificationOf(orderId).get("last_error")).isEqualTo("no notify URL");

        jdbc.sql("update merchant set notify_url = ? where merchant_id = ?").params(receiver.url(), merchant.merchantId()).update();
        String notificationId = (String) notificationOf(orderId).get("notification_id");
        assertThat(admin("POST", "/v1/admin/notifications/" + notificationId + "/resend").statusCode()).isEqualTo(200);

        awaitStatus(orderId, "DELIVERED");
        assertThat(notificationOf(orderId).get("target_url")).isEqualTo(receiver.url());
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void theOrdersNotifyUrlWinsOverTheMerchants() {
        try (MerchantReceiver orderReceiver = MerchantReceiver.start()) {
            MerchantCredentials merchant = merchant(receiver.url());
            long orderId = order(merchant, "order-own-url");
            PaymentSucceeded paid = paid(merchant, orderId, "order-own-url");

            publishCommitted(new PaymentSucceeded(paid.orderId(), paid.merchantId(), paid.merchantOrderNo(), paid.paymentNo(),
                    paid.channel(), paid.amountMinor(), paid.currency(), orderReceiver.url(), paid.paidAt()));

            awaitStatus(orderId, "DELIVERED");
            assertThat(orderReceiver.received()).hasSize(1);
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void aClosedOrderAndAFinishedRefundBecomeTheirOwnNotifications() throws Exception {
        MerchantCredentials merchant = merchant(receiver.url());
        long closedOrderId = order(merchant, "order-closed");
        long refundedOrderId = order(merchant, "order-refunded");
        PaymentSucceeded paid = paid(merchant, refundedOrderId, "order-refunded");

        publishCommitted(new OrderClosed(closedOrderId, merchant.merchantId(), "order-closed", 1999, "EUR", null,
                "expired", Instant.now()));
        publishCommitted(new RefundFinished(refundedOrderId, merchant.merchantId(), "order-refunded", "refund-1",
                "rf_" + UUID.randomUUID(), paid.paymentNo(), 500, "EUR", "SUCCEEDED", null, Instant.now()));
        publishCommitted(new RefundFinished(refundedOrderId, merchant.merchantId(), "order-refunded", "refund-2",
                "rf_" + UUID.randomUUID(), paid.paymentNo(), 700, "EUR", "FAILED", null, Instant.now()));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.received()).hasSize(3));
        List<JsonNode> bodies = receiver.received().stream().map(r -> JSON.readTree(r.rawBody())).toList();
        JsonNode closed = bodies.stream().filter(b -> b.get("type").asString().equals("payment.closed")).findFirst().orElseThrow();
        assertThat(closed.at("/data/status").asString()).isEqualTo("CLOSED");
        assertThat(closed.at("/data/merchantOrderNo").asString()).isEqualTo("order-closed");
        JsonNode refunded = bodies.stream().filter(b -> b.get("type").asString().equals("refund.succeeded")).findFirst().orElseThrow();
        assertThat(refunded.at("/data/merchantRefundNo").asString()).isEqualTo("refund-1");
        assertThat(refunded.at("/data/refundNo").asString()).startsWith("rf_");
        assertThat(refunded.at("/data/paymentNo").asString()).isEqualTo(paid.paymentNo());
        assertThat(refunded.at("/data/amount").asLong()).isEqualTo(500);
        assertThat(refunded.at("/data/status").asString()).isEqualTo("SUCCEEDED");
        JsonNode failed = bodies.stream().filter(b -> b.get("type").asString().equals("refund.failed")).findFirst().orElseThrow();
        assertThat(failed.at("/data/merchantRefundNo").asString()).isEqualTo("refund-2");
        assertThat(failed.at("/data/status").asString()).isEqualTo("FAILED");
    }

    private MerchantCredentials merchant(String notifyUrl) {
        return merchants.create(new NewMerchant("shop-" + UUID.randomUUID(), notifyUrl, null));
    }

    private long order(MerchantCredentials merchant, String merchantOrderNo) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.sql("""
                insert into payment_order (merchant_id, merchant_order_no, amount_minor, currency, status, expire_at,
                  created_at, updated_at)
                values (?, ?, 1999, 'EUR', 'PAYING', ?, ?, ?) returning order_id""")
                .params(merchant.merchantId(), merchantOrderNo, Timestamp.from(Instant.now().plus(Duration.ofHours(2))), now, now)
                .query(Long.class).single();
    }

    private static PaymentSucceeded paid(MerchantCredentials merchant, long orderId, String merchantOrderNo) {
        return new PaymentSucceeded(orderId, merchant.merchantId(), merchantOrderNo, "pay_" + orderId + "_" + merchantOrderNo,
                "sim", 1999, "EUR", null, Instant.now());
    }

    private void publishCommitted(Object event) {
        transaction.executeWithoutResult(tx -> events.publishEvent(event));
    }

    private Map<String, Object> notificationOf(long orderId) {
        return jdbc.sql("select * from notification where order_id = ?").param(orderId).query().singleRow();
    }

    private void awaitStatus(long orderId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(notificationOf(orderId).get("status")).isEqualTo(status));
    }

    private List<String> history(String notificationId) {
        return jdbc.sql("""
                select coalesce(from_status, 'null') || '>' || to_status from status_history
                where entity = 'notification' and entity_id = ? order by history_id""")
                .param(notificationId).query(String.class).list();
    }

    private static void isAllowedByTheTransitionTable(String move) {
        String[] fromTo = move.split(">");
        if (fromTo[0].equals("null")) {
            assertThat(fromTo[1]).isEqualTo("PENDING");
        } else {
            assertThat(NotificationStatus.valueOf(fromTo[0]).canMoveTo(NotificationStatus.valueOf(fromTo[1])))
                    .as("move %s", move).isTrue();
        }
    }

    private double deadCount() {
        return meters.counter("payonce.notifications.dead").count();
    }

    private HttpResponse<String> admin(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer test-admin-token")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
