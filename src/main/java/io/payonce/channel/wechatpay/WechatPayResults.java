package io.payonce.channel.wechatpay;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Set;

/**
 * The one place where WeChat Pay's answers become channel outcomes. Only a reply the SDK verified
 * or an error in WeChat Pay's own format decides anything; 429, 5xx, timeouts, unverified replies
 * and anything unreadable are UNKNOWN. Descriptions never carry a request (its Authorization header).
 */
final class WechatPayResults {
    private static final Set<String> NOT_EXIST = Set.of("ORDER_NOT_EXIST", "ORDERNOTEXIST", "RESOURCE_NOT_EXISTS");
    private static final Set<String> CLOSED = Set.of("ORDER_CLOSED", "ORDERCLOSED");

    private WechatPayResults() {}

    /** A payment as WeChat Pay reports it (query reply or decrypted notification), for our merchant only. */
    static PaymentState paymentState(Transaction transaction, String mchid) {
        if (transaction.getTradeState() == null) return PaymentState.unknown("unknown trade_state");
        if (!mchid.equals(transaction.getMchid())) return PaymentState.unknown("reply is for mchid " + transaction.getMchid());
        String txnId = transaction.getTransactionId();
        return switch (transaction.getTradeState()) {
            // REFUND: it was paid, then (some of) it refunded; the capture still happened.
            case SUCCESS, REFUND -> paid(transaction, txnId);
            case NOTPAY, USERPAYING, ACCEPT -> PaymentState.pending(txnId);
            case CLOSED -> PaymentState.failed(txnId, true, "closed at WeChat Pay");
            case REVOKED -> PaymentState.failed(txnId, true, "revoked at WeChat Pay");
            case PAYERROR -> PaymentState.failed(txnId, false, "payment failed at WeChat Pay: " + transaction.getTradeStateDesc());
        };
    }

    private static PaymentState paid(Transaction transaction, String txnId) {
        TransactionAmount amount = transaction.getAmount();
        Currency currency = amount == null ? null : WechatPayMoney.currency(amount.getCurrency());
        if (amount == null || amount.getTotal() == null || amount.getTotal() <= 0 || currency == null || txnId == null) {
            return PaymentState.unknown("paid reply without transaction_id, amount.total or amount.currency");
        }
        try {
            Instant paidAt = transaction.getSuccessTime() == null ? null : OffsetDateTime.parse(transaction.getSuccessTime()).toInstant();
            return PaymentState.succeeded(txnId, amount.getTotal(), currency, paidAt);
        } catch (DateTimeParseException e) {
            return PaymentState.unknown("unreadable success_time");
        }
    }

    static CreateResult createRefused(ServiceException e) {
        String code = e.getErrorCode();
        if (CLOSED.contains(code)) return new CreateResult(ChannelOutcome.FAILED, null, null, describe(e));
        // Paid already, or the out_trade_no exists with other parameters: an order is there, so the query decides.
        if ("ORDERPAID".equals(code) || "OUT_TRADE_NO_USED".equals(code)) return CreateResult.unknown(describe(e));
        return definiteRefusal(e) ? new CreateResult(ChannelOutcome.FAILED, null, null, describe(e)) : CreateResult.unknown(describe(e));
    }

    static PaymentState queryRefused(ServiceException e) {
        return e.getHttpStatusCode() == 404 && NOT_EXIST.contains(e.getErrorCode()) ? PaymentState.missing() : PaymentState.unknown(describe(e));
    }

    static CloseResult closeRefused(ServiceException e) {
        String code = e.getErrorCode();
        if (CLOSED.contains(code)) return new CloseResult(ChannelOutcome.SUCCEEDED, "already closed");
        if (e.getHttpStatusCode() == 404 && NOT_EXIST.contains(code)) return new CloseResult(ChannelOutcome.SUCCEEDED, "never created");
        if ("ORDERPAID".equals(code)) return new CloseResult(ChannelOutcome.FAILED, "paid: " + describe(e));
        // Anything else WeChat Pay clearly refused (e.g. too soon after creation) is "refused for now".
        return definiteRefusal(e) ? new CloseResult(ChannelOutcome.FAILED, "refused for now: " + describe(e)) : CloseResult.unknown(describe(e));
    }

    static RefundState refundRefused(ServiceException e) {
        if (e.getHttpStatusCode() == 404 && NOT_EXIST.contains(e.getErrorCode())) {
            return new RefundState(ChannelOutcome.FAILED, null, "not found at WeChat Pay: " + describe(e));
        }
        // NOT_ENOUGH: the merchant's balance cannot cover it now; asking again later may succeed.
        if ("NOT_ENOUGH".equals(e.getErrorCode())) return RefundState.unknown(describe(e));
        return definiteRefusal(e) ? new RefundState(ChannelOutcome.FAILED, null, describe(e)) : RefundState.unknown(describe(e));
    }

    /** A 4xx other than 429, in WeChat Pay's own error format: it refused and did nothing. */
    static boolean definiteRefusal(ServiceException e) {
        int status = e.getHttpStatusCode();
        return status >= 400 && status < 500 && status != 429 && e.getErrorCode() != null;
    }

    static String describe(Throwable e) {
        return switch (e) {
            case ServiceException service -> "HTTP " + service.getHttpStatusCode()
                    + (service.getErrorCode() != null ? " " + service.getErrorCode() : "")
                    + (service.getErrorMessage() != null ? ": " + service.getErrorMessage() : "");
            case HttpException http -> "no answer: " + (http.getCause() != null ? http.getCause().getClass().getSimpleName() : "HttpException");
            case ValidationException validation -> "reply signature not verified by the WeChat Pay SDK";
            case MalformedMessageException malformed -> "malformed reply";
            default -> e.getClass().getSimpleName();
        };
    }
}
