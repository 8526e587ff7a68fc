package io.payonce.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payonce.support.GatewayClient;
import io.payonce.support.GatewayTest;
import io.payonce.support.SimulatorClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The order list's filters and keyset pages, and its refusals, as an operator uses them over HTTP. */
@GatewayTest
class ConsoleOrdersTest {
    private static final Pattern ORDER_LINK = Pattern.compile("href=\"/console/orders/\\d+\">([^<]+)</a>");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    @LocalServerPort int port;

    @Test
    void an_operator_filters_orders_by_merchant_amount_status_and_number_and_pages_through_them() {
        GatewayClient.Merchant merchant = GatewayClient.newMerchant(baseUrl(), Map.of("name", "Filter Shop"));
        String prefix = "flt-" + System.nanoTime() + "-";
        List<String> paymentNos = new ArrayList<>();
        for (int i = 1; i <= 5; i++) paymentNos.add(merchant.api().pay(prefix + i, i * 100L, "USD").text("attempt.paymentNo"));
        new SimulatorClient(baseUrl()).pay(paymentNos.get(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> merchant.api().order(prefix + 2).text("status").equals("PAID"));
        ConsoleSession operator = new ConsoleSession(baseUrl());
        operator.signIn(ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);
        String byMerchant = "/console/orders?merchant=" + merchant.merchantId();

        assertThat(orderNos(operator.get(byMerchant))).containsExactly(prefix + 5, prefix + 4, prefix + 3, prefix + 2, prefix + 1);
        assertThat(orderNos(operator.get(byMerchant + "&minAmount=200&maxAmount=400"))).containsExactly(prefix + 4, prefix + 3, prefix + 2);
        assertThat(orderNos(operator.get(byMerchant + "&status=PAID"))).containsExactly(prefix + 2);
        assertThat(orderNos(operator.get(byMerchant + "&channel=stripe"))).isEmpty();
        assertThat(orderNos(operator.get("/console/orders?q=" + paymentNos.get(2)))).containsExactly(prefix + 3);
        assertThat(orderNos(operator.get("/console/orders?q=" + prefix + 4))).containsExactly(prefix + 4);

        List<String> seen = new ArrayList<>();
        String page = byMerchant + "&size=2";
        int pages = 0;
        while (page != null) {
            HttpResponse<String> response = operator.get(page);
            seen.addAll(orderNos(response));
            Matcher next = NEXT.matcher(response.body());
            page = next.find() ? next.group(1).replace("&amp;", "&").replaceFirst("^https?://[^/]+", "") : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(prefix + 5, prefix + 4, prefix + 3, prefix + 2, prefix + 1);
    }

    @Test
    void a_bad_filter_is_refused_naming_the_field() {
        ConsoleSession operator = new ConsoleSession(baseUrl());
        operator.signIn(ConsoleSession.ADMIN, ConsoleSession.ADMIN_PASSWORD);

        HttpResponse<String> tooBig = operator.get("/console/orders?size=1000");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("size: must be 1..200");
        assertThat(operator.get("/console/orders?status=LOST").body()).contains("status: must be one of");
        assertThat(operator.get("/console/orders?minAmount=1.5").body()).contains("minAmount: must be a whole number");
        assertThat(operator.get("/console/orders?from=yesterday").body()).contains("from: must be a UTC date and time");
        assertThat(operator.get("/console/orders?after=abc").statusCode()).isEqualTo(400);
        assertThat(operator.get("/console/orders/999999999").statusCode()).isEqualTo(404);
        assertThat(operator.get("/console/dashboard?window=7d").body()).contains("window: must be one of 1h, 6h, 24h");
    }

    private static List<String> orderNos(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        Matcher matcher = ORDER_LINK.matcher(response.body());
        while (matcher.find()) numbers.add(matcher.group(1));
        return numbers;
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
