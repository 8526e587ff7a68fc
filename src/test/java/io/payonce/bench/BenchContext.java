package io.payonce.bench;

import io.payonce.support.GatewayClient;
import io.payonce.support.SimulatorClient;
import java.util.Map;

/** What every part of a run shares: the gateway under test, its database, the tools and the results. */
record BenchContext(BenchConfig config, GatewayProcess gateway, BenchDb db, Commands commands, Results results,
                    FastReceiver receiver, String adminToken) {

    record Merchant(String merchantId, String apiKey, GatewayClient api) {}

    /** A merchant created through the admin API, as an operator would; {@code fields} adds policy or notifyUrl. */
    Merchant merchant(String name, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("name", name);
        GatewayClient.Reply reply = new GatewayClient(gateway.baseUrl(), adminToken).post("/v1/admin/merchants", body);
        if (reply.status() != 201) throw new IllegalStateException("merchant " + name + " not created: " + reply);
        String apiKey = reply.text("apiKey");
        return new Merchant(reply.text("merchantId"), apiKey, new GatewayClient(gateway.baseUrl(), apiKey));
    }

    SimulatorClient simulator() {
        return new SimulatorClient(gateway.baseUrl());
    }

    Prometheus metrics() {
        return new Prometheus(new GatewayClient(gateway.baseUrl(), null).getText("/actuator/prometheus"));
    }
}
