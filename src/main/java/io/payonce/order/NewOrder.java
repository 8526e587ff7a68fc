package io.payonce.order;

import java.time.Duration;
import java.util.Currency;

/** A validated pay request (POST /v1/payments). {@code expireAfter} null means the merchant's policy. */
public record NewOrder(String merchantOrderNo, long amountMinor, Currency currency, String channel, String subject,
                       String returnUrl, String notifyUrl, Duration expireAfter) {}
