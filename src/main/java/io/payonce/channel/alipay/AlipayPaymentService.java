package io.payonce.channel.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradePrecreateModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradePrecreateRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradePrecreateResponse;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.CloseResult;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.CreateResult;
import io.payonce.channel.PaymentAction;
import io.payonce.channel.PaymentState;
import io.payonce.shared.MoneyAmount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Create (page pay or QR precreate), query and close; out_trade_no is our paymentNo on every call. */
final class AlipayPaymentService {
    /** Alipay's largest total_amount: 100000000.00 yuan. */
    private static final long MAX_AMOUNT_MINOR = 10_000_000_000L;
    private static final Duration DEFAULT_EXPIRY = Duration.ofHours(2);

    private final AlipayGateway gateway;
    private final AlipayTrades trades;
    private final AlipayPaymentResults results;
    private final AlipayProperties properties;
    private final Clock clock;

    AlipayPaymentService(AlipayGateway gateway, AlipayTrades trades, AlipayPaymentResults results,
                         AlipayProperties properties, Clock clock) {
        this.gateway = gateway;
        this.trades = trades;
        this.results = results;
        this.properties = properties;
        this.clock = clock;
    }

    CreateResult create(CreatePayment request) {
        if (!AlipayChannel.CNY.equals(request.currency())) return refused("currency: Alipay takes CNY only, not " + request.currency());
        if (request.amountMinor() < 1 || request.amountMinor() > MAX_AMOUNT_MINOR) {
            return refused("amount: Alipay takes 0.01 to 100000000.00 CNY");
        }
        String option = request.channelOptions().get("tradeType");
        AlipayProduct product = option == null ? properties.defaultProduct() : AlipayProduct.parse(option);
        if (product == null) return refused("channelOptions.tradeType: must be PAGE or QR, not " + option);
        Instant expireAt = request.expireAt() != null ? request.expireAt() : clock.instant().plus(DEFAULT_EXPIRY);
        AlipayTrades.Sent sent = trades.remember(new AlipayTrades.Sent(request.paymentNo(), product, request.amountMinor(),
                MoneyAmount.toDecimalString(request.amountMinor(), AlipayChannel.CNY), AlipayTime.toSeconds(expireAt)));
        if (sent.amountMinor() != request.amountMinor()) return refused("paymentNo was sent to Alipay with another amount");
        return sent.product() == AlipayProduct.PAGE ? page(request, sent) : qr(request, sent);
    }

    PaymentState query(String paymentNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(paymentNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return results.state(gateway.execute(request));
    }

    CloseResult close(String paymentNo) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(paymentNo);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        return results.closed(gateway.execute(request), trades.find(paymentNo).orElse(null));
    }

    private CreateResult page(CreatePayment request, AlipayTrades.Sent sent) {
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(sent.paymentNo());
        model.setTotalAmount(sent.totalAmount());
        model.setSubject(subject(request));
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        model.setTimeExpire(AlipayTime.format(sent.timeExpire()));
        AlipayTradePagePayRequest pay = new AlipayTradePagePayRequest();
        pay.setNotifyUrl(request.notifyUrl());
        pay.setReturnUrl(request.returnUrl());
        pay.setBizModel(model);
        try {
            return new CreateResult(ChannelOutcome.PENDING, null, PaymentAction.redirect(gateway.pageUrl(pay)),
                    "page pay: the trade exists at Alipay once the buyer logs in or scans");
        } catch (AlipayApiException e) {
            return CreateResult.unknown("page pay could not be signed: " + e.getErrMsg());
        }
    }

    private CreateResult qr(CreatePayment request, AlipayTrades.Sent sent) {
        AlipayTradePrecreateModel model = new AlipayTradePrecreateModel();
        model.setOutTradeNo(sent.paymentNo());
        model.setTotalAmount(sent.totalAmount());
        model.setSubject(subject(request));
        model.setTimeExpire(AlipayTime.format(sent.timeExpire()));
        AlipayTradePrecreateRequest precreate = new AlipayTradePrecreateRequest();
        precreate.setNotifyUrl(request.notifyUrl());
        precreate.setBizModel(model);
        AlipayReply<AlipayTradePrecreateResponse> reply = gateway.execute(precreate);
        if (reply.ok() && reply.response().getQrCode() != null && !reply.response().getQrCode().isBlank()) {
            return new CreateResult(ChannelOutcome.PENDING, null, new PaymentAction("qr", Map.of("code", reply.response().getQrCode())),
                    "QR: the trade exists at Alipay once the buyer scans");
        }
        if (reply.refusedWith("ACQ.TRADE_HAS_SUCCESS")) {
            return CreateResult.unknown("precreate repeated after the buyer paid: the query records the payment");
        }
        if (reply.businessRefusal() || reply.requestRefused()) {
            return new CreateResult(ChannelOutcome.FAILED, null, null, "precreate refused: " + reply.describe());
        }
        return CreateResult.unknown("precreate: " + (reply.ok() ? "answered without qr_code" : reply.describe()));
    }

    /** Alipay wants a subject of at most 256 characters and refuses / = &amp; in it. */
    private static String subject(CreatePayment request) {
        String subject = request.subject() == null ? "" : request.subject().replaceAll("[/=&]", " ").strip();
        if (subject.isEmpty()) subject = "Order " + request.paymentNo();
        return subject.length() > 256 ? subject.substring(0, 256) : subject;
    }

    private static CreateResult refused(String reason) {
        return new CreateResult(ChannelOutcome.FAILED, null, null, reason);
    }
}
