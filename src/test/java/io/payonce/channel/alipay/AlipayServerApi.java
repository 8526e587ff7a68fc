package io.payonce.channel.alipay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The business answers of the protocol server, field by field as Alipay's API documents them
 * (alipay.trade.precreate, .query, .close, .refund, .fastpay.refund.query): code 10000 "Success",
 * or 40004 "Business Failed" with Alipay's sub_code (ACQ.TRADE_NOT_EXIST, ACQ.TRADE_STATUS_ERROR, ...).
 */
final class AlipayServerApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlipayServerLedger ledger;
    private final AlipayServerNotifier notifier;
    private final Supplier<String> baseUrl;

    AlipayServerApi(AlipayServerLedger ledger, AlipayServerNotifier notifier, Supplier<String> baseUrl) {
        this.ledger = ledger;
        this.notifier = notifier;
        this.baseUrl = baseUrl;
    }

    Map<String, Object> answer(String method, Map<String, String> params) {
        Map<String, Object> biz = biz(params);
        String outTradeNo = (String) biz.get("out_trade_no");
        try {
            return switch (method == null ? "" : method) {
                case "alipay.trade.precreate" -> {
                    AlipayServerLedger.Trade trade = ledger.order("QR", biz, params.get("notify_url"), null);
                    yield success(Map.of("out_trade_no", trade.outTradeNo, "qr_code", baseUrl.get() + "/qr/" + trade.qrToken));
                }
                case "alipay.trade.query" -> success(query(ledger.created(outTradeNo)));
                case "alipay.trade.close" -> {
                    AlipayServerLedger.Trade trade = ledger.close(outTradeNo);
                    yield success(Map.of("trade_no", trade.tradeNo, "out_trade_no", trade.outTradeNo));
                }
                case "alipay.trade.refund" -> refund(biz);
                case "alipay.trade.fastpay.refund.query" -> refundQuery(ledger.created(outTradeNo), (String) biz.get("out_request_no"));
                default -> failure("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名");
            };
        } catch (AlipayServerLedger.Refusal e) {
            Map<String, Object> failure = failure("40004", "Business Failed", e.subCode, e.getMessage());
            if (outTradeNo != null) failure.put("out_trade_no", outTradeNo);
            return failure;
        }
    }

    /** Page pay: the order is recorded when the buyer's browser brings the signed URL. */
    AlipayServerLedger.Trade pagePay(Map<String, String> params) {
        return ledger.order("PAGE", biz(params), params.get("notify_url"), params.get("return_url"));
    }

    String outTradeNo(Map<String, String> params) {
        Object outTradeNo = biz(params).get("out_trade_no");
        return outTradeNo == null ? null : outTradeNo.toString();
    }

    static Map<String, Object> failure(String code, String msg, String subCode, String subMsg) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", code);
        answer.put("msg", msg);
        answer.put("sub_code", subCode);
        answer.put("sub_msg", subMsg);
        return answer;
    }

    private Map<String, Object> query(AlipayServerLedger.Trade trade) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trade_no", trade.tradeNo);
        fields.put("out_trade_no", trade.outTradeNo);
        fields.put("buyer_logon_id", "159****5620");
        fields.put("trade_status", trade.status);
        fields.put("total_amount", trade.total.toPlainString());
        String paid = trade.paid() ? trade.total.toPlainString() : "0.00";
        fields.put("buyer_pay_amount", paid);
        fields.put("receipt_amount", paid);
        fields.put("invoice_amount", paid);
        fields.put("point_amount", "0.00");
        if (trade.paid()) fields.put("send_pay_date", AlipayTime.format(trade.paidAt));
        fields.put("buyer_user_id", "2088102177846880");
        return fields;
    }

    private Map<String, Object> refund(Map<String, Object> biz) {
        String outTradeNo = (String) biz.get("out_trade_no");
        String outRequestNo = (String) biz.get("out_request_no");
        boolean moved = ledger.refund(outTradeNo, outRequestNo, String.valueOf(biz.get("refund_amount")));
        AlipayServerLedger.Trade trade = ledger.created(outTradeNo);
        if (moved) notifier.send(trade, outRequestNo == null ? outTradeNo : outRequestNo);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trade_no", trade.tradeNo);
        fields.put("out_trade_no", trade.outTradeNo);
        fields.put("buyer_logon_id", "159****5620");
        fields.put("fund_change", moved ? "Y" : "N");
        fields.put("refund_fee", trade.refunded().toPlainString());
        fields.put("gmt_refund_pay", AlipayTime.format(trade.paidAt));
        return success(fields);
    }

    /** A refund Alipay does not know is answered with Success and no refund data. */
    private Map<String, Object> refundQuery(AlipayServerLedger.Trade trade, String outRequestNo) {
        var amount = trade.refunds.get(outRequestNo == null ? trade.outTradeNo : outRequestNo);
        if (amount == null) return success(Map.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("trade_no", trade.tradeNo);
        fields.put("out_trade_no", trade.outTradeNo);
        fields.put("out_request_no", outRequestNo);
        fields.put("total_amount", trade.total.toPlainString());
        fields.put("refund_amount", amount.toPlainString());
        fields.put("refund_status", "REFUND_SUCCESS");
        return success(fields);
    }

    private static Map<String, Object> success(Map<String, Object> fields) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", "10000");
        answer.put("msg", "Success");
        answer.putAll(fields);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> biz(Map<String, String> params) {
        String content = params.get("biz_content");
        if (content == null || content.isBlank()) return Map.of();
        try {
            return JSON.readValue(content, Map.class);
        } catch (JacksonException e) {
            return Map.of();
        }
    }
}
