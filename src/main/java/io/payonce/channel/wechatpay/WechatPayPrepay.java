package io.payonce.channel.wechatpay;

import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.jsapi.model.PrepayWithRequestPaymentResponse;
import io.payonce.channel.CreatePayment;
import io.payonce.channel.PaymentAction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three prepay calls, one per trade type, each with our paymentNo as out_trade_no, the amount
 * in fen, the order's expiry as time_expire and our callback URL as notify_url. WeChat Pay answers a
 * repeat with the same out_trade_no and the same parameters with the same prepay, so a retried
 * create makes no second order.
 */
final class WechatPayPrepay {
    /** WeChat Pay's description is at most 127 characters. */
    private static final int DESCRIPTION_MAX = 127;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final WechatPaySdk sdk;
    private final WechatPayProperties properties;

    WechatPayPrepay(WechatPaySdk sdk, WechatPayProperties properties) {
        this.sdk = sdk;
        this.properties = properties;
    }

    PaymentAction nativeQr(CreatePayment request, int fen) {
        var prepay = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
        var amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
        amount.setTotal(fen);
        amount.setCurrency("CNY");
        prepay.setAppid(properties.appid());
        prepay.setMchid(properties.mchid());
        prepay.setDescription(description(request));
        prepay.setOutTradeNo(request.paymentNo());
        prepay.setTimeExpire(timeExpire(request));
        prepay.setNotifyUrl(request.notifyUrl());
        prepay.setAmount(amount);
        return new PaymentAction("qr", Map.of("code", sdk.nativePay().prepay(prepay).getCodeUrl()));
    }

    /** JSAPI: the SDK signs appId, timeStamp, nonceStr and package with our key, for WeixinJSBridge's requestPayment. */
    PaymentAction jsapi(CreatePayment request, int fen, String openid) {
        var prepay = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(fen);
        amount.setCurrency("CNY");
        Payer payer = new Payer();
        payer.setOpenid(openid);
        prepay.setAppid(properties.appid());
        prepay.setMchid(properties.mchid());
        prepay.setDescription(description(request));
        prepay.setOutTradeNo(request.paymentNo());
        prepay.setTimeExpire(timeExpire(request));
        prepay.setNotifyUrl(request.notifyUrl());
        prepay.setAmount(amount);
        prepay.setPayer(payer);
        PrepayWithRequestPaymentResponse signed = sdk.jsapi().prepayWithRequestPayment(prepay);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("appId", signed.getAppId());
        fields.put("timeStamp", signed.getTimeStamp());
        fields.put("nonceStr", signed.getNonceStr());
        fields.put("package", signed.getPackageVal());
        fields.put("signType", signed.getSignType());
        fields.put("paySign", signed.getPaySign());
        return new PaymentAction("sdk", fields);
    }

    /** H5: the buyer's browser goes to h5_url; redirect_url brings it back to our return page. */
    PaymentAction h5(CreatePayment request, int fen, String payerClientIp) {
        var prepay = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
        var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
        amount.setTotal(fen);
        amount.setCurrency("CNY");
        H5Info h5Info = new H5Info();
        h5Info.setType("Wap");
        SceneInfo scene = new SceneInfo();
        scene.setPayerClientIp(payerClientIp);
        scene.setH5Info(h5Info);
        prepay.setAppid(properties.appid());
        prepay.setMchid(properties.mchid());
        prepay.setDescription(description(request));
        prepay.setOutTradeNo(request.paymentNo());
        prepay.setTimeExpire(timeExpire(request));
        prepay.setNotifyUrl(request.notifyUrl());
        prepay.setAmount(amount);
        prepay.setSceneInfo(scene);
        String url = sdk.h5().prepay(prepay).getH5Url();
        if (request.returnUrl() != null) {
            url += (url.contains("?") ? "&" : "?") + "redirect_url=" + URLEncoder.encode(request.returnUrl(), StandardCharsets.UTF_8);
        }
        return PaymentAction.redirect(url);
    }

    private static String description(CreatePayment request) {
        String subject = request.subject() == null || request.subject().isBlank() ? "Order " + request.paymentNo() : request.subject();
        return subject.length() <= DESCRIPTION_MAX ? subject : subject.substring(0, DESCRIPTION_MAX);
    }

    /** The order's expiry in WeChat Pay's RFC 3339 form (seconds, Beijing time); null leaves WeChat's default. */
    private static String timeExpire(CreatePayment request) {
        return request.expireAt() == null ? null : request.expireAt().truncatedTo(ChronoUnit.SECONDS).atOffset(BEIJING).format(RFC3339);
    }
}
