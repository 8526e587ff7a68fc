package io.payonce.channel.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The trades of the protocol server, as Alipay keeps them. A page pay or a precreate only records
 * an order: the trade exists (WAIT_BUYER_PAY, with a trade_no) once the buyer logs in or scans,
 * which the buyer may do until time_expire, even after a close answered ACQ.TRADE_NOT_EXIST.
 */
final class AlipayServerLedger {
    static final class Trade {
        final String outTradeNo;
        final String product;
        final BigDecimal total;
        final String subject;
        final Instant timeExpire;
        final String notifyUrl;
        final String returnUrl;
        final String qrToken;
        final Map<String, BigDecimal> refunds = new LinkedHashMap<>();
        String tradeNo;
        String status; // null: ordered, not created at Alipay yet
        Instant createdAt;
        Instant paidAt;
        int orderRequests = 1;

        Trade(String outTradeNo, String product, BigDecimal total, String subject, Instant timeExpire, String notifyUrl,
              String returnUrl, String qrToken) {
            this.outTradeNo = outTradeNo;
            this.product = product;
            this.total = total;
            this.subject = subject;
            this.timeExpire = timeExpire;
            this.notifyUrl = notifyUrl;
            this.returnUrl = returnUrl;
            this.qrToken = qrToken;
        }

        BigDecimal refunded() {
            return refunds.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        }

        boolean paid() {
            return paidAt != null;
        }
    }

    /** A business refusal: 40004 with Alipay's sub_code. */
    static final class Refusal extends RuntimeException {
        final String subCode;

        Refusal(String subCode, String subMsg) {
            super(subMsg);
            this.subCode = subCode;
        }
    }

    private final Map<String, Trade> trades = new LinkedHashMap<>();
    private final AtomicLong tradeNumbers = new AtomicLong(1000);
    private final Supplier<Instant> now;

    AlipayServerLedger(Supplier<Instant> now) {
        this.now = now;
    }

    /** precreate and page pay: records the order once; the same request again is answered the same way. */
    synchronized Trade order(String product, Map<String, Object> biz, String notifyUrl, String returnUrl) {
        String outTradeNo = text(biz, "out_trade_no");
        BigDecimal total = amount(text(biz, "total_amount"), "total_amount");
        String subject = text(biz, "subject");
        if (outTradeNo == null || !outTradeNo.matches("[A-Za-z0-9_]{1,64}") || subject == null) {
            throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: out_trade_no, subject");
        }
        Instant expire = timeExpire(text(biz, "time_expire"));
        Trade known = trades.get(outTradeNo);
        if (known != null) {
            expireIfDue(known);
            if (known.paid()) throw new Refusal("ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
            if ("TRADE_CLOSED".equals(known.status)) throw new Refusal("ACQ.TRADE_HAS_CLOSE", "交易已经关闭");
            if (known.total.compareTo(total) != 0) throw new Refusal("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
            known.orderRequests++;
            return known;
        }
        Trade trade = new Trade(outTradeNo, product, total, subject, expire, notifyUrl, returnUrl, "q" + tradeNumbers.incrementAndGet());
        trades.put(outTradeNo, trade);
        return trade;
    }

    /** The buyer scans the QR or logs in on the cashier page: the trade now exists at Alipay. */
    synchronized Trade scan(String outTradeNo) {
        Trade trade = find(outTradeNo).orElseThrow(() -> new IllegalStateException("no order " + outTradeNo));
        expireIfDue(trade);
        if (trade.status != null) {
            if (!trade.status.equals("WAIT_BUYER_PAY")) throw new IllegalStateException("trade is " + trade.status);
            return trade;
        }
        if (now.get().isAfter(trade.timeExpire)) throw new IllegalStateException("the order expired at its time_expire");
        trade.tradeNo = AlipayTime.format(now.get()).substring(0, 10).replace("-", "") + "22001" + tradeNumbers.incrementAndGet() + "0000";
        trade.status = "WAIT_BUYER_PAY";
        trade.createdAt = now.get();
        return trade;
    }

    synchronized Trade pay(String outTradeNo) {
        Trade trade = scan(outTradeNo);
        trade.status = "TRADE_SUCCESS";
        trade.paidAt = now.get();
        return trade;
    }

    synchronized Trade close(String outTradeNo) {
        Trade trade = created(outTradeNo);
        if (!"WAIT_BUYER_PAY".equals(trade.status)) throw new Refusal("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        trade.status = "TRADE_CLOSED";
        return trade;
    }

    /** @return true when money moved (fund_change=Y); false for a repeat of the same out_request_no. */
    synchronized boolean refund(String outTradeNo, String outRequestNo, String refundAmount) {
        Trade trade = created(outTradeNo);
        if (!trade.paid()) throw new Refusal("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
        BigDecimal amount = amount(refundAmount, "refund_amount");
        String requestNo = outRequestNo == null ? outTradeNo : outRequestNo;
        BigDecimal earlier = trade.refunds.get(requestNo);
        if (earlier != null) {
            if (earlier.compareTo(amount) != 0) throw new Refusal("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额与原请求不一致");
            return false;
        }
        if (trade.refunded().add(amount).compareTo(trade.total) > 0) throw new Refusal("ACQ.REASON_TRADE_REFUND_FEE_ERR", "退款金额无效");
        trade.refunds.put(requestNo, amount);
        if (trade.refunded().compareTo(trade.total) == 0) trade.status = "TRADE_CLOSED";
        return true;
    }

    /** The trade if the buyer created it; else ACQ.TRADE_NOT_EXIST, as Alipay answers before the scan. */
    synchronized Trade created(String outTradeNo) {
        Trade trade = trades.get(outTradeNo);
        if (trade != null) expireIfDue(trade);
        if (trade == null || trade.status == null) throw new Refusal("ACQ.TRADE_NOT_EXIST", "交易不存在");
        return trade;
    }

    synchronized Optional<Trade> find(String outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo));
    }

    synchronized Optional<Trade> byQrToken(String token) {
        return trades.values().stream().filter(t -> t.qrToken.equals(token)).findFirst();
    }

    synchronized List<Trade> all() {
        return List.copyOf(trades.values());
    }

    /** Alipay closes an unpaid trade by itself at time_expire. */
    private void expireIfDue(Trade trade) {
        if ("WAIT_BUYER_PAY".equals(trade.status) && now.get().isAfter(trade.timeExpire)) trade.status = "TRADE_CLOSED";
    }

    private Instant timeExpire(String text) {
        if (text == null) return now.get().plusSeconds(2 * 3600);
        try {
            return AlipayTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refusal("ACQ.INVALID_PARAMETER", "time_expire 格式错误");
        }
    }

    static BigDecimal amount(String text, String field) {
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.scale() > 2 || amount.signum() <= 0 || amount.compareTo(new BigDecimal("100000000")) > 0) throw new NumberFormatException();
            return amount.setScale(2);
        } catch (NumberFormatException | NullPointerException e) {
            throw new Refusal("ACQ.INVALID_PARAMETER", "参数无效: " + field);
        }
    }

    private static String text(Map<String, Object> biz, String field) {
        Object value = biz.get(field);
        return value == null ? null : value.toString();
    }
}
