package io.payonce.channel;

import java.time.Instant;
import java.util.Currency;

/** @param returnUrl where the channel sends the buyer back; @param notifyUrl where it calls us back. */
public record CreatePayment(String paymentNo, long amountMinor, Currency currency, String subject,
                            String returnUrl, String notifyUrl, Instant expireAt) {}
