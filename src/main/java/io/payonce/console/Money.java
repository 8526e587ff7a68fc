package io.payonce.console;

import io.payonce.shared.MoneyAmount;
import java.util.Currency;

/** Amounts as operators read them: "19.99 USD" from 1999 minor units. */
final class Money {
    private Money() {}

    static String format(long amountMinor, String currency) {
        return MoneyAmount.toDecimalString(amountMinor, Currency.getInstance(currency.trim())) + " " + currency.trim();
    }
}
