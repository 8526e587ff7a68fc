package io.payonce.channel.alipay;

import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.PaymentState;
import io.payonce.shared.MoneyAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where Alipay's query and close answers become our outcomes. Only a verified
 * answer decides; anything else (no answer, busy, a refused request) is UNKNOWN.
 */
final class AlipayPaymentResults {
    private static final Logger log = LoggerFactory.getLogger(AlipayPaymentResults.class);
    /** Close refused because the trade is not waiting for payment: paid, or closed already. */
    private static final Set<String> NOT_WAITING = Set.of("ACQ.TRADE_STATUS_ERROR", "ACQ.TRADE_HAS_SUCCESS",
            "ACQ.REASON_ILLEGAL_STATUS", "ACQ.REASON_TRADE_STATUS_INVALID");

    private final JsonMapper json;
    private final Clock clock;
    private final Duration clockSkew;

    AlipayPaymentResults(JsonMapper json, Clock clock, Duration clockSkew) {
        this.json = json;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    PaymentState state(AlipayReply<AlipayTradeQueryResponse> reply) {
        if (reply.refusedWith("ACQ.TRADE_NOT_EXIST")) return PaymentState.missing();
        if (!reply.ok()) return PaymentState.unknown("query: " + reply.describe());
        AlipayTradeQueryResponse trade = reply.response();
        String status = trade.getTradeStatus() == null ? "" : trade.getTradeStatus();
        return switch (status) {
            case "WAIT_BUYER_PAY" -> PaymentState.pending(trade.getTradeNo());
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> paid(trade);
            case "TRADE_CLOSED" -> closed(trade);
            default -> PaymentState.unknown("query: unknown trade_status " + status);
        };
    }

    CloseResult closed(AlipayReply<AlipayTradeCloseResponse> reply, AlipayTrades.Sent sent) {
        if (reply.ok()) return new CloseResult(ChannelOutcome.SUCCEEDED, "closed at Alipay");
        if (reply.refusedWith("ACQ.TRADE_NOT_EXIST")) return notCreated(sent);
        if (reply.businessRefusal() && NOT_WAITING.contains(reply.subCode())) {
            return new CloseResult(ChannelOutcome.FAILED, "not waiting for payment (paid or closed already): " + reply.describe());
        }
        if (reply.businessRefusal()) return new CloseResult(ChannelOutcome.FAILED, "close refused: " + reply.describe());
        return CloseResult.unknown("close: " + reply.describe());
    }

    /**
     * Page pay and precreate make no trade at Alipay until the buyer logs in or scans, and the
     * buyer may still do so until the time_expire we sent: until then "not exist" proves nothing.
     */
    private CloseResult notCreated(AlipayTrades.Sent sent) {
        if (sent != null && clock.instant().isAfter(sent.timeExpire().plus(clockSkew))) {
            return new CloseResult(ChannelOutcome.SUCCEEDED, "never created at Alipay, and its time_expire "
                    + AlipayTime.format(sent.timeExpire()) + " (UTC+8) has passed");
        }
        return new CloseResult(ChannelOutcome.FAILED, "refused for now: not created yet, buyer may still scan until "
                + (sent != null ? AlipayTime.format(sent.timeExpire()) + " (UTC+8)" : "its time_expire (not recorded here)"));
    }

    private PaymentState paid(AlipayTradeQueryResponse trade) {
        try {
            long amount = MoneyAmount.fromDecimalString(trade.getTotalAmount(), AlipayChannel.CNY);
            return PaymentState.succeeded(trade.getTradeNo(), amount, AlipayChannel.CNY, AlipayTime.parseOrNull(sendPayDate(trade)));
        } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
            return PaymentState.unknown("query: unreadable total_amount " + trade.getTotalAmount());
        }
    }

    /**
     * TRADE_CLOSED means "closed unpaid" or "paid, then refunded in full". Either way no money is
     * held now; the second is told apart (a pay date or a paid amount) and said so, for operators.
     */
    private PaymentState closed(AlipayTradeQueryResponse trade) {
        String paidAt = sendPayDate(trade);
        if (paidAt != null || positive(trade.getBuyerPayAmount()) || positive(trade.getReceiptAmount())) {
            log.warn("alipay trade {} ({}) is closed after a full refund of a payment made at {}", trade.getOutTradeNo(),
                    trade.getTradeNo(), paidAt);
            return PaymentState.failed(trade.getTradeNo(), true, "closed at Alipay after a full refund of a payment made at "
                    + paidAt + " (UTC+8)");
        }
        return PaymentState.failed(trade.getTradeNo(), true, "closed at Alipay, never paid");
    }

    /** Read from the verified body: the SDK parses dates in the JVM's zone, Alipay writes them in UTC+8. */
    private String sendPayDate(AlipayTradeQueryResponse trade) {
        try {
            JsonNode date = json.readTree(trade.getBody()).path("alipay_trade_query_response").path("send_pay_date");
            return date.isString() && !date.stringValue().isBlank() ? date.stringValue() : null;
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean positive(String decimal) {
        try {
            return decimal != null && new BigDecimal(decimal).signum() > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
