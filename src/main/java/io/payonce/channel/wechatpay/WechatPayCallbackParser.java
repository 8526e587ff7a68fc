package io.payonce.channel.wechatpay;

import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import io.payonce.channel.ChannelOutcome;
import io.payonce.channel.PaymentState;
import io.payonce.channel.RefundState;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a WeChat Pay notification. The SDK's {@link NotificationParser} is the judge of the
 * RSA signature over "timestamp\nnonce\nbody\n" (key chosen by Wechatpay-Serial) and of the
 * AES-256-GCM resource. On top we refuse what the SDK lets through: a Wechatpay-Timestamp outside
 * the tolerance (either way; the SDK accepts day-old notifications), a nonce seen before for that
 * serial, another merchant's or app's notification, and a payment without amount in CNY. Amount
 * and paymentNo against our attempt are checked by the core (ReceiveCallback).
 */
final class WechatPayCallbackParser {
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern OUT_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,64}");

    private final WechatPayProperties properties;
    private final NotificationParser sdk;
    private final NotificationNonces nonces;
    private final JsonMapper json;
    private final Clock wallClock;

    WechatPayCallbackParser(WechatPayProperties properties, NotificationParser sdk, NotificationNonces nonces,
                            JsonMapper json, Clock wallClock) {
        this.properties = properties;
        this.sdk = sdk;
        this.nonces = nonces;
        this.json = json;
        this.wallClock = wallClock;
    }

    CallbackEvent parse(CallbackRequest request) {
        String timestamp = request.header("Wechatpay-Timestamp");
        String nonce = request.header("Wechatpay-Nonce");
        String signature = request.header("Wechatpay-Signature");
        String serial = request.header("Wechatpay-Serial");
        if (!valid(timestamp) || !valid(nonce) || signature == null || signature.isBlank() || !valid(serial)) {
            return rejected("missing or malformed Wechatpay-Timestamp, -Nonce, -Signature or -Serial header");
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) return rejected("Wechatpay-Timestamp is not a number of seconds");
        long ageSeconds = wallClock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(ageSeconds) > properties.notificationTolerance().toSeconds()) {
            return rejected(ageSeconds > 0 ? "Wechatpay-Timestamp is stale" : "Wechatpay-Timestamp is in the future");
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(request.body());
        } catch (JacksonException e) {
            return rejected("body is not JSON");
        }
        String id = text(envelope, "id");
        String eventType = text(envelope, "event_type");
        if (id == null || eventType == null) return rejected("notification lacks id or event_type");
        boolean payment = eventType.startsWith("TRANSACTION.");
        if (!payment && !eventType.startsWith("REFUND.")) return rejected("unsupported event_type " + eventType);
        RequestParam param = new RequestParam.Builder().serialNumber(serial).nonce(nonce).signature(signature)
                .timestamp(timestamp).signType(request.header("Wechatpay-Signature-Type")).body(request.body()).build();
        Object resource;
        try {
            Class<?> type = payment ? Transaction.class : RefundResource.class;
            resource = sdk.parse(param, type);
        } catch (ValidationException e) {
            return rejected("signature not verified by the WeChat Pay SDK (Wechatpay-Serial " + serial + ")");
        } catch (DecryptionException e) {
            return rejected("resource could not be decrypted with the APIv3 key");
        } catch (RuntimeException e) {
            return rejected("unreadable notification: " + e.getClass().getSimpleName());
        }
        if (resource == null) return rejected("notification has no resource");
        if (!nonces.firstSeen(serial, nonce, Instant.ofEpochSecond(Long.parseLong(timestamp)), wallClock.instant())) {
            return rejected("replayed: Wechatpay-Nonce already seen for this serial");
        }
        return payment ? payment(id, (Transaction) resource) : refund(id, (RefundResource) resource);
    }

    private CallbackEvent payment(String id, Transaction transaction) {
        if (!properties.mchid().equals(transaction.getMchid())) return rejected("mchid " + transaction.getMchid() + " is not ours");
        if (!properties.appid().equals(transaction.getAppid())) return rejected("appid " + transaction.getAppid() + " is not ours");
        String paymentNo = transaction.getOutTradeNo();
        if (paymentNo == null || !OUT_NO.matcher(paymentNo).matches()) return rejected("out_trade_no missing or malformed");
        PaymentState state = WechatPayResults.paymentState(transaction, properties.mchid());
        if (state.outcome() == ChannelOutcome.UNKNOWN) return rejected(state.detail());
        if (state.outcome() == ChannelOutcome.SUCCEEDED && !WechatPayMoney.CNY.equals(state.currency())) {
            return rejected("currency " + state.currency() + " is not CNY");
        }
        return new CallbackEvent.PaymentReport(id, paymentNo, state);
    }

    private CallbackEvent refund(String id, RefundResource refund) {
        if (!properties.mchid().equals(refund.mchid)) return rejected("mchid " + refund.mchid + " is not ours");
        if (refund.outRefundNo == null || !OUT_NO.matcher(refund.outRefundNo).matches()
                || refund.outTradeNo == null || !OUT_NO.matcher(refund.outTradeNo).matches()) {
            return rejected("out_refund_no or out_trade_no missing or malformed");
        }
        RefundState state = switch (String.valueOf(refund.refundStatus)) {
            case "SUCCESS" -> new RefundState(ChannelOutcome.SUCCEEDED, refund.refundId, null);
            case "CLOSED" -> new RefundState(ChannelOutcome.FAILED, refund.refundId, "refund closed by WeChat Pay");
            case "ABNORMAL" -> new RefundState(ChannelOutcome.PENDING, refund.refundId, "ABNORMAL: needs an operator at WeChat Pay");
            case "PROCESSING" -> new RefundState(ChannelOutcome.PENDING, refund.refundId, "PROCESSING");
            default -> null;
        };
        if (state == null) return rejected("unknown refund_status " + refund.refundStatus);
        // The core only brings the refund's next query forward; the query decides.
        return new CallbackEvent.RefundReport(id, refund.outRefundNo, refund.outTradeNo, state);
    }

    private static boolean valid(String header) {
        return header != null && HEADER_VALUE.matcher(header).matches();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }

    private static CallbackEvent rejected(String reason) {
        return new CallbackEvent.Rejected(reason);
    }
}
