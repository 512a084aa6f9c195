package dev.opsdesk.desktop.reconciliation.files;

/**
 * Amounts as text to integer minor units, without {@code double} and without {@code BigDecimal} on the hot path.
 * Accepts an optional sign, grouping with the other mark (or a space) in threes, and no more decimals than the
 * currency has (extra zeros are fine: "12.3400" is 1234 cents).
 */
final class Amounts {

    /** Thrown for text that is not an amount; the caller turns it into a message with line and column. */
    static final class NotAnAmount extends Exception {
        NotAnAmount() {
            super(null, null, false, false);
        }
    }

    private static final NotAnAmount NOT_AN_AMOUNT = new NotAnAmount();
    private static final long LIMIT = Long.MAX_VALUE / 100;

    private Amounts() {
    }

    /**
     * @param text         the field, trimmed
     * @param digits       the currency's decimals (2 for EUR, 0 for JPY)
     * @param decimalComma the file writes {@code 1.234,56} rather than {@code 1,234.56}
     * @return the amount in minor units
     */
    static long major(String text, int digits, boolean decimalComma) throws NotAnAmount {
        char decimal = decimalComma ? ',' : '.';
        char grouping = decimalComma ? '.' : ',';
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        int intDigits = 0;
        int sinceGroup = -1; // digits since the last grouping mark; -1 before any
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (value > LIMIT) {
                    throw NOT_AN_AMOUNT;
                }
                value = value * 10 + (c - '0');
                intDigits++;
                if (sinceGroup >= 0) {
                    sinceGroup++;
                }
            } else if (c == grouping || c == ' ' || c == '\u00A0' || c == '\u202F') {
                if (intDigits == 0 || sinceGroup >= 0 && sinceGroup != 3 || sinceGroup < 0 && intDigits > 3) {
                    throw NOT_AN_AMOUNT;
                }
                sinceGroup = 0;
            } else {
                break;
            }
        }
        if (sinceGroup >= 0 && sinceGroup != 3) {
            throw NOT_AN_AMOUNT;
        }
        int fractionDigits = 0;
        if (i < n && text.charAt(i) == decimal) {
            i++;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw NOT_AN_AMOUNT;
                }
                if (fractionDigits < digits) {
                    value = value * 10 + (c - '0');
                    fractionDigits++;
                } else if (c != '0') {
                    throw NOT_AN_AMOUNT; // more precision than the currency has
                }
            }
            if (fractionDigits == 0 && intDigits == 0) {
                throw NOT_AN_AMOUNT;
            }
        }
        if (i != n || intDigits == 0 && fractionDigits == 0) {
            throw NOT_AN_AMOUNT;
        }
        for (; fractionDigits < digits; fractionDigits++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    /** A whole number of minor units, as PayPal writes them: digits only, an optional sign. */
    static long minor(String text) throws NotAnAmount {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i++;
        }
        if (i == n || n - i > 17) {
            throw NOT_AN_AMOUNT;
        }
        long value = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw NOT_AN_AMOUNT;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** An example of an amount for messages: "12.34", "12,34" or "1234 (minor units)". */
    static String example(int digits, boolean decimalComma) {
        if (digits == 0) {
            return "1234";
        }
        return "12" + (decimalComma ? ',' : '.') + "3456789".substring(0, digits);
    }
}
