package io.payonce.channel;

import java.util.Currency;

/** @param paymentAmountMinor the whole captured amount of the payment (WeChat Pay and Alipay want it). */
public record CreateRefund(String refundNo, String paymentNo, String channelTxnId, long amountMinor,
                           long paymentAmountMinor, Currency currency, String reason) {}
