package dev.opsdesk.client.model;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in integer minor units (cents) and an ISO 4217 currency. Never a double. */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /** The amount in major units, exactly (e.g. 1999 EUR -> 19.99), for display and spreadsheet cells. */
    public BigDecimal toMajor() {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            digits = 2;
        }
        return BigDecimal.valueOf(amountMinor, digits);
    }

    @Override
    public String toString() {
        return toMajor().toPlainString() + " " + currency;
    }
}
