package io.payonce.shared;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Exact conversion between minor units (our only representation: long + Currency) and a
 * channel's decimal strings. Used once, at a channel's edge.
 */
public final class MoneyAmount {
    private MoneyAmount() {}

    public static String toDecimalString(long amountMinor, Currency currency) {
        return BigDecimal.valueOf(amountMinor, exponent(currency)).toPlainString();
    }

    /** @throws ArithmeticException when the text has more decimals than the currency or overflows a long. */
    public static long fromDecimalString(String text, Currency currency) {
        return new BigDecimal(text).movePointRight(exponent(currency)).longValueExact();
    }

    public static int exponent(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        return Math.max(digits, 0);
    }
}
