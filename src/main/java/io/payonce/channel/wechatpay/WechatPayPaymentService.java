package io.payonce.channel.wechatpay;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentAction;
import io.payonce.channel.PaymentState;
import java.util.Optional;

/**
 * Create (Native, JSAPI or H5), query and close by out_trade_no = our paymentNo. Query and close
 * are the same endpoints for every trade type. Nothing here throws: every failure is an outcome.
 */
final class WechatPayPaymentService {
    private final WechatPaySdk sdk;
    private final WechatPayProperties properties;
    private final WechatPayPrepay prepay;

    WechatPayPaymentService(WechatPaySdk sdk, WechatPayProperties properties) {
        this.sdk = sdk;
        this.properties = properties;
        this.prepay = new WechatPayPrepay(sdk, properties);
    }

    CreateResult create(CreatePayment request) {
        Optional<String> problem = WechatPayOptions.problem(request.channelOptions());
        if (problem.isPresent()) return refused("channelOptions: " + problem.get());
        int fen;
        try {
            fen = WechatPayMoney.fen(request.amountMinor(), request.currency());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return refused(e.getMessage());
        }
        WechatPayOptions options = WechatPayOptions.of(request.channelOptions());
        try {
            PaymentAction action = switch (options.tradeType()) {
                case NATIVE -> prepay.nativeQr(request, fen);
                case JSAPI -> prepay.jsapi(request, fen, options.openid());
                case H5 -> prepay.h5(request, fen, options.payerClientIp());
            };
            return new CreateResult(ChannelOutcome.PENDING, null, action, options.tradeType().name());
        } catch (ServiceException e) {
            return WechatPayResults.createRefused(e);
        } catch (RuntimeException e) {
            return CreateResult.unknown(WechatPayResults.describe(e));
        }
    }

    PaymentState query(String paymentNo) {
        QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
        query.setOutTradeNo(paymentNo);
        query.setMchid(properties.mchid());
        try {
            return WechatPayResults.paymentState(sdk.nativePay().queryOrderByOutTradeNo(query), properties.mchid());
        } catch (ServiceException e) {
            return WechatPayResults.queryRefused(e);
        } catch (RuntimeException e) {
            return PaymentState.unknown(WechatPayResults.describe(e));
        }
    }

    CloseResult close(String paymentNo) {
        CloseOrderRequest close = new CloseOrderRequest();
        close.setOutTradeNo(paymentNo);
        close.setMchid(properties.mchid());
        try {
            sdk.nativePay().closeOrder(close);
            return new CloseResult(ChannelOutcome.SUCCEEDED, "closed");
        } catch (ServiceException e) {
            return WechatPayResults.closeRefused(e);
        } catch (RuntimeException e) {
            return CloseResult.unknown(WechatPayResults.describe(e));
        }
    }

    private static CreateResult refused(String detail) {
        return new CreateResult(ChannelOutcome.FAILED, null, null, detail);
    }
}
