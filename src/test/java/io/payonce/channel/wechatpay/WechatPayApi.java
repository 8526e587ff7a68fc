package io.payonce.channel.wechatpay;

import static io.payonce.channel.wechatpay.WechatPayProtocolServer.error;

import io.payonce.channel.wechatpay.WechatPayBooks.Order;
import io.payonce.channel.wechatpay.WechatPayBooks.Refund;
import io.payonce.channel.wechatpay.WechatPayProtocolServer.Reply;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol server's endpoints, with WeChat Pay's rules and error codes: a prepay repeated with
 * the same out_trade_no and parameters answers the same prepay, with other parameters
 * OUT_TRADE_NO_USED, on a paid order ORDERPAID; close refuses a paid order (ORDERPAID) and, within
 * the configured window after creation, any order (RULE_LIMIT); refunds are idempotent on
 * out_refund_no and never exceed what was paid.
 */
final class WechatPayApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OUT_NO = "[0-9A-Za-z_\\-|*]{6,32}";

    private final WechatPayProtocolServer server;
    private final WechatPayBooks books;

    WechatPayApi(WechatPayProtocolServer server, WechatPayBooks books) {
        this.server = server;
        this.books = books;
    }

    Reply prepay(String kind, JsonNode body) {
        String tradeType = kind.equals("native") ? "NATIVE" : kind.toUpperCase();
        String outTradeNo = body.path("out_trade_no").asString("");
        int total = body.path("amount").path("total").asInt(0);
        if (!WechatPayTestKeys.MCHID.equals(body.path("mchid").asString(null))) return error(400, "MCH_NOT_EXISTS", "商户号不存在");
        if (!WechatPayTestKeys.APPID.equals(body.path("appid").asString(null))) return error(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
        if (!outTradeNo.matches(OUT_NO) || total <= 0 || body.path("description").asString("").isEmpty()
                || !"CNY".equals(body.path("amount").path("currency").asString("CNY")) || body.path("notify_url").asString("").isEmpty()) {
            return error(400, "PARAM_ERROR", "参数错误");
        }
        if (tradeType.equals("JSAPI") && body.path("payer").path("openid").asString("").isEmpty()) return error(400, "PARAM_ERROR", "缺少参数 payer.openid");
        if (tradeType.equals("H5") && (body.path("scene_info").path("payer_client_ip").asString("").isEmpty()
                || body.path("scene_info").path("h5_info").path("type").asString("").isEmpty())) {
            return error(400, "PARAM_ERROR", "缺少参数 scene_info");
        }
        synchronized (server) {
            Order order = books.orders.get(outTradeNo);
            if (order != null) {
                if (order.paid()) return error(400, "ORDERPAID", "该订单已支付");
                if (order.tradeState.equals("CLOSED")) return error(400, "ORDER_CLOSED", "当前订单已关闭，请重新下单");
                if (!order.tradeType.equals(tradeType) || !order.parameters.equals(body)) return error(403, "OUT_TRADE_NO_USED", "商户订单号重复");
                order.prepayAnswers++;
            } else {
                order = new Order(outTradeNo, tradeType, body, total, body.path("notify_url").asString(), server.now());
                books.orders.put(outTradeNo, order);
            }
            return new Reply(200, JSON.writeValueAsString(switch (tradeType) {
                case "NATIVE" -> Map.of("code_url", order.codeUrl);
                case "JSAPI" -> Map.of("prepay_id", order.prepayId);
                default -> Map.of("h5_url", order.h5Url);
            }));
        }
    }

    Reply query(String outTradeNo) {
        if (server.queriesFail()) return error(500, "SYSTEM_ERROR", "系统错误");
        synchronized (server) {
            Order order = books.orders.get(outTradeNo);
            return order == null ? error(404, "ORDER_NOT_EXIST", "订单不存在") : new Reply(200, WechatPayBooks.transaction(order));
        }
    }

    Reply close(String outTradeNo, JsonNode body) {
        if (!WechatPayTestKeys.MCHID.equals(body.path("mchid").asString(null))) return error(400, "PARAM_ERROR", "缺少参数 mchid");
        synchronized (server) {
            Order order = books.orders.get(outTradeNo);
            if (order == null) return error(404, "ORDER_NOT_EXIST", "订单不存在");
            if (order.paid()) return error(400, "ORDERPAID", "订单已支付，不能发起关单");
            if (order.tradeState.equals("NOTPAY") && server.closeRefusedFor(order)) {
                return error(403, "RULE_LIMIT", "订单生成后不能马上调用关单接口，请稍后再试");
            }
            if (order.tradeState.equals("NOTPAY")) order.tradeState = "CLOSED";
            return new Reply(204, null);
        }
    }

    Reply refund(JsonNode body) {
        String outRefundNo = body.path("out_refund_no").asString("");
        int amount = body.path("amount").path("refund").asInt(0);
        Refund refund;
        synchronized (server) {
            Order order = books.orders.get(body.path("out_trade_no").asString(""));
            if (!outRefundNo.matches("[0-9A-Za-z_\\-|*@]{1,64}") || amount <= 0) return error(400, "PARAM_ERROR", "参数错误");
            if (order == null) return error(404, "RESOURCE_NOT_EXISTS", "订单不存在");
            Refund existing = books.refunds.get(outRefundNo);
            if (existing != null) {
                return existing.order == order && existing.amount == amount ? new Reply(200, WechatPayBooks.refund(existing))
                        : error(400, "INVALID_REQUEST", "退款单号已存在，参数不一致");
            }
            if (!order.paid()) return error(400, "INVALID_REQUEST", "订单未支付");
            if (body.path("amount").path("total").asInt(0) != order.total) return error(400, "PARAM_ERROR", "订单金额与实际不符");
            if (order.refunded + amount > order.total) return error(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
            order.refunded += amount;
            order.tradeState = "REFUND";
            refund = new Refund(outRefundNo, order, amount, body.path("notify_url").asString(null), server.now());
            books.refunds.put(outRefundNo, refund);
        }
        Reply reply = new Reply(200, WechatPayBooks.refund(refund));
        if (!server.refundSettlement().equals("PROCESSING")) server.settleRefund(outRefundNo, server.refundSettlement());
        return reply;
    }

    Reply queryRefund(String outRefundNo) {
        synchronized (server) {
            Refund refund = books.refunds.get(outRefundNo);
            return refund == null ? error(404, "RESOURCE_NOT_EXISTS", "退款单不存在") : new Reply(200, WechatPayBooks.refund(refund));
        }
    }
}
