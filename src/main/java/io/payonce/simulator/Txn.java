package io.payonce.simulator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of the simulator's ledger. */
record Txn(String channelTxnId, String paymentNo, long amountMinor, String currency, String subject, String status,
           long capturedMinor, long refundedMinor, String notifyUrl, String returnUrl, Instant expireAt,
           Instant createdAt, Instant paidAt, Instant closedAt) {

    static Txn map(ResultSet rs, int row) throws SQLException {
        return new Txn(rs.getString("channel_txn_id"), rs.getString("payment_no"), rs.getLong("amount_minor"),
                rs.getString("currency"), rs.getString("subject"), rs.getString("status"), rs.getLong("captured_minor"),
                rs.getLong("refunded_minor"), rs.getString("notify_url"), rs.getString("return_url"),
                instant(rs.getTimestamp("expire_at")), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("paid_at")), instant(rs.getTimestamp("closed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** What the PSP API shows of a payment. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("channelTxnId", channelTxnId);
        view.put("paymentNo", paymentNo);
        view.put("status", status);
        view.put("amount", amountMinor);
        view.put("currency", currency);
        view.put("paidAt", paidAt == null ? null : paidAt.toString());
        return view;
    }

    /** What the control API's ledger shows: the money actually moved. */
    Map<String, Object> ledgerLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("paymentNo", paymentNo);
        line.put("channelTxnId", channelTxnId);
        line.put("amount", amountMinor);
        line.put("currency", currency);
        line.put("status", status);
        line.put("capturedAmount", capturedMinor);
        line.put("refundedAmount", refundedMinor);
        line.put("createdAt", createdAt.toString());
        line.put("paidAt", paidAt == null ? null : paidAt.toString());
        return line;
    }
}
