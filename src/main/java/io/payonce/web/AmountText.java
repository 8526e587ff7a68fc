package io.payonce.web;

import io.payonce.shared.MoneyAmount;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/** An amount for a buyer's eyes: minor units shown with the currency's exponent (1999 USD → 19.99, 1500 JPY → 1,500). */
final class AmountText {
    private AmountText() {}

    static String of(long amountMinor, Currency currency) {
        int exponent = MoneyAmount.exponent(currency);
        DecimalFormat format = new DecimalFormat(exponent == 0 ? "#,##0" : "#,##0." + "0".repeat(exponent),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(BigDecimal.valueOf(amountMinor, exponent));
    }
}
