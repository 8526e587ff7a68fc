package io.payonce.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackEvent.Rejected;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import io.payonce.shared.MoneyAmount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies an Alipay async notification (a form POST): the exact form, then the SDK's
 * {@code rsaCheckV1} with Alipay's public key and RSA2 (on a copy: it removes sign and sign_type
 * from the map it is given), then our own checks: app_id, notify_time within bounds, out_trade_no
 * one we sent, total_amount exactly the amount we sent. The event id is notify_id.
 */
final class AlipayCallbackParser {
    private final AlipayProperties properties;
    private final String alipayPublicKey;
    private final AlipayTrades trades;
    private final Clock clock;

    AlipayCallbackParser(AlipayProperties properties, AlipayKeys keys, AlipayTrades trades, Clock clock) {
        this.properties = properties;
        this.alipayPublicKey = keys.alipayPublicKey();
        this.trades = trades;
        this.clock = clock;
    }

    CallbackEvent parse(CallbackRequest request) {
        Map<String, String> form;
        try {
            form = AlipayForm.parse(request.body());
        } catch (IllegalArgumentException e) {
            return new Rejected("body is not a form: " + e.getMessage());
        }
        String refusal = verify(form);
        if (refusal != null) return new Rejected(refusal);
        return report(form);
    }

    /** @return null when the notification is Alipay's, for us, and fresh; else why not. */
    private String verify(Map<String, String> form) {
        if (blank(form.get("sign"))) return "unsigned: no sign";
        if (form.containsKey("sign_type") && !"RSA2".equals(form.get("sign_type"))) return "sign_type must be RSA2, not " + form.get("sign_type");
        if (form.containsKey("charset") && !"utf-8".equalsIgnoreCase(form.get("charset"))) return "charset must be utf-8, not " + form.get("charset");
        try {
            if (!AlipaySignature.rsaCheckV1(new HashMap<>(form), alipayPublicKey, "UTF-8", "RSA2")) {
                return "signature does not verify with Alipay's public key";
            }
        } catch (AlipayApiException | RuntimeException e) {
            return "signature could not be checked: " + e.getClass().getSimpleName();
        }
        if (!properties.appId().equals(form.get("app_id"))) return "app_id " + form.get("app_id") + " is not ours";
        if (blank(form.get("notify_id"))) return "no notify_id";
        return freshness(form.get("notify_time"));
    }

    /** Alipay retries for about 25 h, so the window is generous but bounded; a time from the future is refused. */
    private String freshness(String notifyTime) {
        Instant sentAt;
        try {
            sentAt = AlipayTime.parse(notifyTime == null ? "" : notifyTime);
        } catch (DateTimeParseException e) {
            return "notify_time missing or unreadable: " + notifyTime;
        }
        Duration age = Duration.between(sentAt, clock.instant());
        if (age.compareTo(properties.notifyMaxAge()) > 0) return "notify_time " + notifyTime + " is stale (older than " + properties.notifyMaxAge() + ")";
        if (age.negated().compareTo(properties.clockSkew()) > 0) return "notify_time " + notifyTime + " is in the future";
        return null;
    }

    private CallbackEvent report(Map<String, String> form) {
        String eventId = form.get("notify_id");
        String paymentNo = form.get("out_trade_no");
        String tradeNo = form.get("trade_no");
        AlipayTrades.Sent sent = blank(paymentNo) ? null : trades.find(paymentNo).orElse(null);
        if (sent == null) return new Rejected("out_trade_no " + paymentNo + " was not sent to Alipay by this gateway");
        long amount;
        try {
            amount = MoneyAmount.fromDecimalString(form.get("total_amount"), AlipayChannel.CNY);
        } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
            return new Rejected("total_amount missing or not an exact CNY amount: " + form.get("total_amount"));
        }
        if (amount != sent.amountMinor()) {
            return new Rejected("total_amount " + form.get("total_amount") + " is not the " + sent.totalAmount() + " we sent");
        }
        String refundNo = form.get("out_biz_no");
        if (!blank(refundNo)) { // a refund notification: the refund job asks Alipay again at once
            return new CallbackEvent.RefundReport(eventId, refundNo, paymentNo, new RefundState(ChannelOutcome.SUCCEEDED, tradeNo, null));
        }
        String status = form.get("trade_status") == null ? "" : form.get("trade_status");
        return switch (status) {
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> new CallbackEvent.PaymentReport(eventId, paymentNo,
                    PaymentState.succeeded(tradeNo, amount, AlipayChannel.CNY, AlipayTime.parseOrNull(form.get("gmt_payment"))));
            case "WAIT_BUYER_PAY" -> new CallbackEvent.PaymentReport(eventId, paymentNo, PaymentState.pending(tradeNo));
            case "TRADE_CLOSED" -> new CallbackEvent.PaymentReport(eventId, paymentNo, PaymentState.failed(tradeNo, true, "closed at Alipay"));
            default -> new Rejected("unknown trade_status " + status);
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
