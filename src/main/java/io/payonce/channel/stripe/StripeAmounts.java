package io.payonce.channel.stripe;

import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Our minor units (ISO 4217 exponent, as {@link Currency} has it) against Stripe's integer amounts,
 * converted here and only here, exactly. For almost every currency the two are the same number:
 * Stripe's zero-decimal list (JPY, KRW, ...) matches ISO's exponent 0. The exceptions:
 * <ul>
 *   <li>ISK: ISO has no decimals, Stripe counts in hundredths and wants multiples of 100 — we send
 *       amountMinor × 100 and read it back exactly;</li>
 *   <li>refused: HUF, TWD and UGX (Stripe's "special cases": its rules on whole units differ from
 *       ISO's exponent), MGA (ISO exponent 2, zero-decimal at Stripe: not convertible without
 *       rounding), and the three-decimal BHD, JOD, KWD, OMR, TND (Stripe needs the last digit 0,
 *       which an amount in minor units cannot promise); and currencies without an exponent.</li>
 * </ul>
 */
final class StripeAmounts {
    private static final Set<String> REFUSED = Set.of("HUF", "TWD", "UGX", "MGA", "BHD", "JOD", "KWD", "OMR", "TND");
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");

    private StripeAmounts() {}

    static boolean supports(Currency currency) {
        String code = currency.getCurrencyCode();
        int digits = currency.getDefaultFractionDigits();
        if (REFUSED.contains(code) || digits < 0) return false;
        if (code.equals("ISK")) return true;
        return ZERO_DECIMAL.contains(code) ? digits == 0 : digits == 2;
    }

    /** @throws IllegalArgumentException for a currency {@link #supports} refuses; ArithmeticException on overflow. */
    static long toStripe(long amountMinor, Currency currency) {
        if (!supports(currency)) throw new IllegalArgumentException("currency " + currency + " is not supported on stripe");
        return Math.multiplyExact(amountMinor, factor(currency));
    }

    /** Stripe's amount and lower-case currency back in our units; empty when it is not exact or not ours. */
    static Optional<Money> fromStripe(Long stripeAmount, String stripeCurrency) {
        if (stripeAmount == null || stripeCurrency == null) return Optional.empty();
        Currency currency;
        try {
            currency = Currency.getInstance(stripeCurrency.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!supports(currency) || stripeAmount % factor(currency) != 0) return Optional.empty();
        return Optional.of(new Money(stripeAmount / factor(currency), currency));
    }

    static String stripeCode(Currency currency) {
        return currency.getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    private static long factor(Currency currency) {
        return currency.getCurrencyCode().equals("ISK") ? 100 : 1;
    }

    record Money(long amountMinor, Currency currency) {}
}
