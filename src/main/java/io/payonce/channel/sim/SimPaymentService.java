package io.payonce.channel.sim;

import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Create, query and close at the simulator; paymentNo is its idempotency key for all three. */
final class SimPaymentService {
    private final SimClient client;
    private final boolean qr;

    SimPaymentService(SimClient client, boolean qr) {
        this.client = client;
        this.qr = qr;
    }

    CreateResult create(CreatePayment request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentNo", request.paymentNo());
        body.put("amount", request.amountMinor());
        body.put("currency", request.currency().getCurrencyCode());
        body.put("subject", request.subject());
        body.put("returnUrl", request.returnUrl());
        body.put("notifyUrl", request.notifyUrl());
        body.put("expireAt", request.expireAt() == null ? null : request.expireAt().toString());
        return SimResults.created(client.post("/sim/api/payments", body), qr);
    }

    PaymentState query(String paymentNo) {
        return SimResults.state(client.get("/sim/api/payments/" + encode(paymentNo)));
    }

    CloseResult close(String paymentNo) {
        return SimResults.closed(client.post("/sim/api/payments/" + encode(paymentNo) + "/close", Map.of()));
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
