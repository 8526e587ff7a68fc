package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The buyer pages over plain HTTP: what the cashier shows, who may post to it, and the bounds of /client-events. */
@GatewayTest
class BuyerPagesTest extends BuyerPagesSupport {

    @Test
    void the_payment_reply_links_to_the_cashier_which_shows_merchant_subject_amount_and_the_channels_action() {
        GatewayClient.Reply paid = pay(newOrderNo(), 1999, "USD");
        String paymentNo = paid.text("attempt.paymentNo");
        assertThat(paid.text("checkoutUrl")).isEqualTo(baseUrl() + "/checkout/" + paymentNo);

        HttpResponse<String> cashier = new BuyerHttp(baseUrl()).open("/checkout/" + paymentNo);

        assertThat(cashier.statusCode()).isEqualTo(200);
        assertThat(cashier.body()).contains("Tea House", "Oolong tea, 250 g", ">19.99<", ">USD<", "PayOnce Simulator")
                .contains("href=\"" + paid.text("attempt.action.url") + "\"");
    }

    @Test
    void amounts_use_the_currencys_exponent_yen_has_no_decimals() {
        String jpy = pay(newOrderNo(), 1500, "JPY").text("attempt.paymentNo");
        String bhd = pay(newOrderNo(), 1234567, "BHD").text("attempt.paymentNo");

        assertThat(new BuyerHttp(baseUrl()).open("/checkout/" + jpy).body()).contains(">1,500<").doesNotContain("1,500.");
        assertThat(new BuyerHttp(baseUrl()).open("/checkout/" + bhd).body()).contains(">1,234.567<");
    }

    @Test
    void an_unknown_payment_is_a_404_page_not_a_stack_trace() {
        HttpResponse<String> page = new BuyerHttp(baseUrl()).open("/checkout/p0000000000nosuchpayment");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("payment p0000000000nosuchpayment not found");
    }

    @Test
    void a_buyer_post_without_this_browsers_token_or_from_another_site_is_refused_and_changes_nothing() {
        String orderNo = newOrderNo();
        String paymentNo = pay(orderNo, 500, "USD").text("attempt.paymentNo");
        sim.fail(paymentNo);
        String path = "/checkout/" + paymentNo + "/pay";
        BuyerHttp stranger = new BuyerHttp(baseUrl());
        BuyerHttp buyer = new BuyerHttp(baseUrl());
        buyer.open("/checkout/" + paymentNo + "/return");

        HttpResponse<String> noCookie = stranger.submit(path, Map.of("channel", "sim", "formToken", buyer.formToken), Map.of());
        HttpResponse<String> wrongToken = buyer.submit(path, Map.of("channel", "sim", "formToken", "0".repeat(32)), Map.of());
        HttpResponse<String> otherOrigin = buyer.submit(path, Map.of("channel", "sim", "formToken", buyer.formToken),
                Map.of("Origin", "https://evil.example"));
        HttpResponse<String> crossSite = buyer.submit(path, Map.of("channel", "sim", "formToken", buyer.formToken),
                Map.of("Sec-Fetch-Site", "cross-site"));

        assertThat(List.of(noCookie.statusCode(), wrongToken.statusCode(), otherOrigin.statusCode(), crossSite.statusCode()))
                .containsOnly(403);
        assertThat(noCookie.body()).contains("formToken: missing");
        assertThat(wrongToken.body()).contains("formToken: does not match");
        assertThat(otherOrigin.body()).contains("another origin (https://evil.example)");
        assertThat(crossSite.body()).contains("another site (cross-site)");
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(1);
    }

    @Test
    void a_channel_the_gateway_does_not_offer_is_refused_naming_the_field() {
        String orderNo = newOrderNo();
        String paymentNo = pay(orderNo, 500, "USD").text("attempt.paymentNo");
        sim.fail(paymentNo);
        BuyerHttp buyer = new BuyerHttp(baseUrl());
        buyer.open("/checkout/" + paymentNo + "/return");

        HttpResponse<String> refused = buyer.submit("/checkout/" + paymentNo + "/pay",
                Map.of("channel", "paypal", "formToken", buyer.formToken), Map.of("Origin", baseUrl()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("channel: paypal is not offered for payments in USD");
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(1);
    }

    @Test
    void try_again_follows_the_duplicate_rules_a_double_click_reuses_the_attempt_and_a_paid_order_shows_paid() {
        String orderNo = newOrderNo();
        String first = pay(orderNo, 700, "USD").text("attempt.paymentNo");
        sim.fail(first);
        awaitResult(first, "failed");
        BuyerHttp buyer = new BuyerHttp(baseUrl());
        buyer.open("/checkout/" + first + "/return");
        Map<String, String> form = Map.of("channel", "sim", "formToken", buyer.formToken);

        HttpResponse<String> click = buyer.submit("/checkout/" + first + "/pay", form, Map.of("Origin", baseUrl()));
        HttpResponse<String> secondClick = buyer.submit("/checkout/" + first + "/pay", form, Map.of("Origin", baseUrl()));

        assertThat(click.statusCode()).isEqualTo(303);
        String retry = location(click).replace("/checkout/", "");
        assertThat(retry).isNotEqualTo(first);
        assertThat(location(secondClick)).as("within the duplicate window: the same attempt (M2)").isEqualTo("/checkout/" + retry);

        sim.pay(retry);
        awaitResult(retry, "paid");
        HttpResponse<String> staleTab = buyer.submit("/checkout/" + first + "/pay", form, Map.of("Origin", baseUrl()));

        assertThat(location(staleTab)).as("the order is paid: its result, no new attempt").isEqualTo("/checkout/" + retry + "/return");
        assertThat(api.order(orderNo).body().path("attempts")).hasSize(2);
        assertThat(capturedForOrder(orderNo)).isEqualTo(700);
        assertThat(new BuyerHttp(baseUrl()).open("/checkout/" + first).headers().firstValue("Location"))
                .as("the cashier of a paid order goes to its result").contains("/checkout/" + retry + "/return");
    }

    @Test
    void the_qr_image_exists_only_for_an_attempt_whose_channel_gave_a_qr_code() {
        String paymentNo = pay(newOrderNo(), 500, "USD").text("attempt.paymentNo");

        assertThat(new BuyerHttp(baseUrl()).bytes("/checkout/" + paymentNo + "/qr.png").statusCode()).isEqualTo(404);
        assertThat(new BuyerHttp(baseUrl()).bytes("/checkout/pnosuch/qr.png").statusCode()).isEqualTo(404);
    }

    @Test
    void client_events_are_bounded_by_size_batch_fields_and_rate_and_a_refused_batch_stores_nothing() {
        String paymentNo = pay(newOrderNo(), 500, "USD").text("attempt.paymentNo");
        String path = "/checkout/" + paymentNo + "/client-events";
        BuyerHttp page = new BuyerHttp(baseUrl());

        HttpResponse<String> huge = page.post(path, "application/json", "{\"events\":[{\"kind\":\"x\",\"message\":\"" + "a".repeat(20_000) + "\"}]}", Map.of());
        HttpResponse<String> badKind = page.post(path, "application/json", "{\"events\":[{\"kind\":\"status_request_failed\"},{\"kind\":\"DROP TABLE\"}]}", Map.of());
        HttpResponse<String> badNumber = page.post(path, "application/json", "{\"events\":[{\"kind\":\"k\",\"elapsedMs\":-1}]}", Map.of());
        HttpResponse<String> tooMany = page.post(path, "application/json", batch(21, "many"), Map.of());
        HttpResponse<String> notJson = page.post(path, "text/plain", "not json", Map.of());
        HttpResponse<String> unknownPayment = page.post("/checkout/pnosuch/client-events", "application/json", batch(1, "u"), Map.of());

        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(badKind.body()).contains("events[1].kind: must match");
        assertThat(badNumber.body()).contains("events[0].elapsedMs: must be a whole number from 0 to 3600000");
        assertThat(tooMany.body()).contains("events: at most 20 per request");
        assertThat(notJson.body()).contains("body: not valid JSON");
        assertThat(unknownPayment.statusCode()).isEqualTo(404);
        assertThat(clientEvents(paymentNo)).as("a refused request stores nothing").isEmpty();

        for (int batchNo = 0; batchNo < 3; batchNo++) {
            assertThat(page.post(path, "text/plain", batch(20, "b" + batchNo), Map.of()).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> overLimit = page.post(path, "application/json", batch(1, "late"), Map.of());

        assertThat(overLimit.statusCode()).isEqualTo(429);
        assertThat(overLimit.body()).contains("too_many_events", "at most 60 per payment in 10 minutes");
        assertThat(clientEvents(paymentNo)).hasSize(60);
    }

    @Test
    void a_batch_sent_twice_by_fetch_and_by_beacon_is_stored_once() {
        String paymentNo = pay(newOrderNo(), 500, "USD").text("attempt.paymentNo");
        String path = "/checkout/" + paymentNo + "/client-events";
        BuyerHttp page = new BuyerHttp(baseUrl());

        page.post(path, "application/json", batch(3, "twice"), Map.of());
        page.post(path, "application/json", batch(3, "twice"), Map.of());

        assertThat(clientEvents(paymentNo)).hasSize(3);
    }

    @Test
    void operators_read_client_events_grouped_and_filtered_by_page_and_browser() {
        String paymentNo = pay(newOrderNo(), 500, "USD").text("attempt.paymentNo");
        String path = "/checkout/" + paymentNo + "/client-events";
        BuyerHttp page = new BuyerHttp(baseUrl());
        String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        page.post(path, "application/json", """
                {"events":[{"id":"f1","page":"return","kind":"status_request_failed","url":"/checkout/x/status","status":0,
                  "elapsedMs":31,"attempt":1,"message":"TypeError: NetworkError when attempting to fetch resource."},
                 {"id":"f2","page":"return","kind":"status_request_failed","status":502,"elapsedMs":40,"attempt":2,"message":"HTTP 502"}]}""",
                Map.of("User-Agent", firefox));
        page.post(path, "application/json", """
                {"id":"s1","page":"cashier","kind":"status_request_failed","status":0,"elapsedMs":8000,"attempt":4,
                 "message":"TimeoutError: timed out after 8000 ms"}""", Map.of("User-Agent", safari));

        JsonNode all = admin.get("/v1/admin/client-events?paymentNo=" + paymentNo).body();
        JsonNode firefoxOnly = admin.get("/v1/admin/client-events?paymentNo=" + paymentNo + "&browser=Firefox").body();
        JsonNode cashierOnly = admin.get("/v1/admin/client-events?paymentNo=" + paymentNo + "&page=cashier").body();

        assertThat(all.path("groups")).hasSize(2);
        JsonNode returnGroup = all.path("groups").get(0);
        assertThat(returnGroup.path("page").asString()).isEqualTo("return");
        assertThat(returnGroup.path("browser").asString()).isEqualTo("Firefox 128");
        assertThat(returnGroup.path("kind").asString()).isEqualTo("status_request_failed");
        assertThat(returnGroup.path("count").asLong()).isEqualTo(2);
        assertThat(firefoxOnly.path("events").findValuesAsString("browser")).containsOnly("Firefox 128").hasSize(2);
        JsonNode timeout = cashierOnly.path("events").get(0);
        assertThat(cashierOnly.path("events")).hasSize(1);
        assertThat(timeout.path("browser").asString()).isEqualTo("Safari 17");
        assertThat(timeout.path("elapsedMs").asLong()).isEqualTo(8000);
        assertThat(timeout.path("attempt").asInt()).isEqualTo(4);
        assertThat(timeout.path("httpStatus").asInt()).isZero();
        assertThat(timeout.path("message").asString()).isEqualTo("TimeoutError: timed out after 8000 ms");
        assertThat(timeout.path("userAgent").asString()).isEqualTo(safari);
        assertThat(new GatewayClient(baseUrl(), null).get("/v1/admin/client-events").status()).isEqualTo(401);
        assertThat(admin.get("/v1/admin/client-events?limit=0").body().path("error").path("message").asString())
                .isEqualTo("limit: must be a whole number from 1 to 200");
        assertThat(admin.get("/v1/admin/client-events?browser=a%25").status()).isEqualTo(400);
    }

    private static String batch(int size, String idPrefix) {
        StringBuilder events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) events.append(',');
            events.append("{\"id\":\"").append(idPrefix).append('-').append(i)
                    .append("\",\"page\":\"return\",\"kind\":\"status_request_failed\",\"status\":500,\"elapsedMs\":5,\"attempt\":")
                    .append(i + 1).append(",\"message\":\"HTTP 500\"}");
        }
        return events.append("]}").toString();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + response.statusCode() + " " + response.body()));
    }
}
