package io.payonce.channel.wechatpay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The protocol server's books: orders by out_trade_no and refunds by out_refund_no, the truth of money moved. */
final class WechatPayBooks {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static final class Order {
        final String outTradeNo;
        final String tradeType;
        final JsonNode parameters;
        final int total;
        final String notifyUrl;
        final Instant createdAt;
        final String prepayId = "wx" + WechatPaySigning.digits(30);
        final String codeUrl = "weixin://wxpay/bizpayurl?pr=" + WechatPaySigning.nonce(7);
        String tradeState = "NOTPAY";
        String transactionId;
        String successTime;
        String notificationId;
        int refunded;
        int prepayAnswers = 1;

        Order(String outTradeNo, String tradeType, JsonNode parameters, int total, String notifyUrl, Instant createdAt) {
            this.outTradeNo = outTradeNo;
            this.tradeType = tradeType;
            this.parameters = parameters;
            this.total = total;
            this.notifyUrl = notifyUrl;
            this.createdAt = createdAt;
        }

        boolean paid() {
            return tradeState.equals("SUCCESS") || tradeState.equals("REFUND");
        }

        final String h5Url = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + prepayId
                + "&package=" + WechatPaySigning.digits(10);
    }

    static final class Refund {
        final String outRefundNo;
        final Order order;
        final int amount;
        final String notifyUrl;
        final String refundId = "50" + WechatPaySigning.digits(27);
        final String createTime;
        String status = "PROCESSING";
        String successTime;

        Refund(String outRefundNo, Order order, int amount, String notifyUrl, Instant now) {
            this.outRefundNo = outRefundNo;
            this.order = order;
            this.amount = amount;
            this.notifyUrl = notifyUrl;
            this.createTime = time(now);
        }
    }

    final Map<String, Order> orders = new LinkedHashMap<>();
    final Map<String, Refund> refunds = new LinkedHashMap<>();

    void pay(Order order, Instant now) {
        order.tradeState = "SUCCESS";
        order.transactionId = "42000" + WechatPaySigning.digits(23);
        order.successTime = time(now);
    }

    List<Refund> refundsOf(String outTradeNo) {
        List<Refund> list = new ArrayList<>();
        refunds.values().stream().filter(r -> r.order.outTradeNo.equals(outTradeNo)).forEach(list::add);
        return list;
    }

    static String transaction(Order order) {
        ObjectNode node = JSON.createObjectNode();
        node.put("appid", WechatPayTestKeys.APPID);
        node.put("mchid", WechatPayTestKeys.MCHID);
        node.put("out_trade_no", order.outTradeNo);
        if (order.transactionId != null) node.put("transaction_id", order.transactionId);
        node.put("trade_type", order.tradeType.equals("H5") ? "MWEB" : order.tradeType);
        node.put("trade_state", order.tradeState);
        node.put("trade_state_desc", switch (order.tradeState) {
            case "SUCCESS" -> "支付成功";
            case "REFUND" -> "转入退款";
            case "CLOSED" -> "已关闭";
            case "PAYERROR" -> "支付失败";
            default -> "订单未支付";
        });
        if (order.paid()) {
            node.put("bank_type", "OTHERS");
            node.put("success_time", order.successTime);
            node.putObject("payer").put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        }
        ObjectNode amount = node.putObject("amount");
        amount.put("total", order.total);
        if (order.paid()) amount.put("payer_total", order.total);
        amount.put("currency", "CNY");
        amount.put("payer_currency", "CNY");
        return JSON.writeValueAsString(node);
    }

    static String refund(Refund refund) {
        ObjectNode node = JSON.createObjectNode();
        node.put("refund_id", refund.refundId);
        node.put("out_refund_no", refund.outRefundNo);
        node.put("transaction_id", refund.order.transactionId);
        node.put("out_trade_no", refund.order.outTradeNo);
        node.put("channel", "ORIGINAL");
        node.put("user_received_account", "支付用户零钱");
        if (refund.successTime != null) node.put("success_time", refund.successTime);
        node.put("create_time", refund.createTime);
        node.put("status", refund.status);
        node.put("funds_account", "AVAILABLE");
        amount(node, refund);
        return JSON.writeValueAsString(node);
    }

    /** The decrypted resource of a REFUND.* notification. */
    static String refundResource(Refund refund) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mchid", WechatPayTestKeys.MCHID);
        node.put("out_trade_no", refund.order.outTradeNo);
        node.put("transaction_id", refund.order.transactionId);
        node.put("out_refund_no", refund.outRefundNo);
        node.put("refund_id", refund.refundId);
        node.put("refund_status", refund.status);
        if (refund.successTime != null) node.put("success_time", refund.successTime);
        node.put("user_received_account", "支付用户零钱");
        amount(node, refund);
        return JSON.writeValueAsString(node);
    }

    private static void amount(ObjectNode node, Refund refund) {
        ObjectNode amount = node.putObject("amount");
        amount.put("total", refund.order.total);
        amount.put("refund", refund.amount);
        amount.put("payer_total", refund.order.total);
        amount.put("payer_refund", refund.amount);
        amount.put("currency", "CNY");
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8)).format(RFC3339);
    }
}
