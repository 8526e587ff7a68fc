package io.payonce.channel.wechatpay;

import io.payonce.shared.MoneyAmount;
import java.util.Currency;

/** WeChat Pay counts CNY in fen, an int: exactly our minor units of CNY (exponent 2), nothing else. */
final class WechatPayMoney {
    static final Currency CNY = Currency.getInstance("CNY");

    private WechatPayMoney() {}

    /** @throws ArithmeticException when the amount does not fit WeChat Pay's int of fen */
    static int fen(long amountMinor, Currency currency) {
        if (!CNY.equals(currency) || MoneyAmount.exponent(currency) != 2) {
            throw new IllegalArgumentException("WeChat Pay takes CNY only, not " + currency);
        }
        if (amountMinor <= 0) throw new ArithmeticException("amount must be positive");
        return Math.toIntExact(amountMinor);
    }

    /** The currency WeChat Pay reports ("CNY"), or null when it is absent or not a currency. */
    static Currency currency(String code) {
        try {
            return code == null ? null : Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
