package io.payonce.channel.wechatpay;

/**
 * The decrypted resource of a REFUND.* notification, read by the SDK's Gson (snake_case names).
 * Ours rather than the SDK's RefundNotification, because that one has no mchid to check.
 */
final class RefundResource {
    String mchid;
    String outTradeNo;
    String transactionId;
    String outRefundNo;
    String refundId;
    String refundStatus;
}
