package io.payonce.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients saw during a run: every order status in every answer (with when the request
 * left and when the answer came, so that only answers that cannot have crossed are compared),
 * every paymentNo handed out, and counts of what happened to buyers and the merchant's backend.
 */
final class Observations {
    record StatusSeen(long sentNanos, long answeredNanos, String status, String where) {}

    private final Map<String, List<StatusSeen>> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> orderOfPayment = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void sawStatus(String merchantOrderNo, long sentNanos, String status, String where) {
        if (status == null) return;
        long answered = System.nanoTime();
        List<StatusSeen> list = statuses.computeIfAbsent(merchantOrderNo, k -> new ArrayList<>());
        synchronized (list) {
            list.add(new StatusSeen(sentNanos, answered, status, where));
        }
    }

    void sawPayment(String merchantOrderNo, String paymentNo) {
        if (paymentNo != null) orderOfPayment.put(paymentNo, merchantOrderNo);
    }

    void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    List<StatusSeen> statusesOf(String merchantOrderNo) {
        List<StatusSeen> list = statuses.getOrDefault(merchantOrderNo, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    Map<String, List<StatusSeen>> allStatuses() {
        Map<String, List<StatusSeen>> copy = new java.util.HashMap<>();
        statuses.keySet().forEach(order -> copy.put(order, statusesOf(order)));
        return copy;
    }

    /** paymentNo → merchantOrderNo, for every paymentNo a client was given. */
    Map<String, String> paymentsSeen() {
        return Map.copyOf(orderOfPayment);
    }

    Map<String, Long> counts() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
