package dev.opsdesk.sandbox.reconciliation;

import java.math.BigDecimal;
import java.util.Currency;

/** Amounts for people: minor units shown in major units with the currency, "19.99 EUR". */
final class Money {

    private Money() {
    }

    static int digits(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** {@code 1999, "EUR"} → {@code "19.99 EUR"}. */
    static String format(long minor, String currency) {
        return major(minor, currency) + " " + currency;
    }

    /** {@code 1999, "EUR"} → {@code "19.99"}. */
    static String major(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency)).toPlainString();
    }
}
