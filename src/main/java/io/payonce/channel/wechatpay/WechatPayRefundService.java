package io.payonce.channel.wechatpay;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CreateRefund;
import io.payonce.channel.RefundState;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds by out_refund_no = our refundNo, so asking again is the same refund. ABNORMAL (the money
 * could not reach the buyer, e.g. a closed bank card) is not a success and not a definite failure:
 * it stays PENDING, is logged for an operator, and resolves when the operator acts at WeChat Pay.
 */
final class WechatPayRefundService {
    private static final Logger log = LoggerFactory.getLogger(WechatPayRefundService.class);
    /** WeChat Pay's refund reason is at most 80 characters. */
    private static final int REASON_MAX = 80;

    private final WechatPaySdk sdk;
    private final Supplier<String> notifyUrl;

    WechatPayRefundService(WechatPaySdk sdk, Supplier<String> notifyUrl) {
        this.sdk = sdk;
        this.notifyUrl = notifyUrl;
    }

    RefundState refund(CreateRefund request) {
        CreateRequest create = new CreateRequest();
        AmountReq amount = new AmountReq();
        try {
            amount.setRefund((long) WechatPayMoney.fen(request.amountMinor(), request.currency()));
            amount.setTotal((long) WechatPayMoney.fen(request.paymentAmountMinor(), request.currency()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return new RefundState(ChannelOutcome.FAILED, null, e.getMessage());
        }
        amount.setCurrency("CNY");
        create.setOutTradeNo(request.paymentNo());
        create.setOutRefundNo(request.refundNo());
        create.setReason(reason(request.reason()));
        create.setNotifyUrl(notifyUrl.get());
        create.setAmount(amount);
        try {
            return state(sdk.refunds().create(create));
        } catch (ServiceException e) {
            return WechatPayResults.refundRefused(e);
        } catch (RuntimeException e) {
            return RefundState.unknown(WechatPayResults.describe(e));
        }
    }

    RefundState query(String refundNo) {
        QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
        query.setOutRefundNo(refundNo);
        try {
            return state(sdk.refunds().queryByOutRefundNo(query));
        } catch (ServiceException e) {
            return WechatPayResults.refundRefused(e);
        } catch (RuntimeException e) {
            return RefundState.unknown(WechatPayResults.describe(e));
        }
    }

    static RefundState state(Refund refund) {
        if (refund.getStatus() == null) return RefundState.unknown("refund without a known status");
        return switch (refund.getStatus()) {
            case SUCCESS -> new RefundState(ChannelOutcome.SUCCEEDED, refund.getRefundId(), null);
            case PROCESSING -> new RefundState(ChannelOutcome.PENDING, refund.getRefundId(), "PROCESSING");
            case CLOSED -> new RefundState(ChannelOutcome.FAILED, refund.getRefundId(), "refund closed by WeChat Pay");
            case ABNORMAL -> abnormal(refund);
        };
    }

    private static RefundState abnormal(Refund refund) {
        log.warn("WeChat Pay refund {} of {} is ABNORMAL: an operator must handle it in the merchant platform",
                refund.getOutRefundNo(), refund.getOutTradeNo());
        return new RefundState(ChannelOutcome.PENDING, refund.getRefundId(), "ABNORMAL: needs an operator at WeChat Pay");
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) return null;
        return reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX);
    }
}
