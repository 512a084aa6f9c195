package dev.opsdesk.desktop.reconciliation.files;

import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** ISO 4217 codes: known ones only, upper-cased (Stripe writes {@code usd}), with their decimals. One per read. */
final class Currencies {

    /** A currency of the file: its code and how many decimals its major unit has. */
    record Code(String code, int digits) {
    }

    private final Map<String, Code> seen = new HashMap<>();
    private String lastText;
    private Code lastCode;

    /** The currency, or null when the text is not a known ISO 4217 code with decimals. */
    Code of(String text) {
        if (text.equals(lastText)) { // a file's lines mostly repeat the currency of the one before
            return lastCode;
        }
        Code code = lookUpOnce(text);
        lastText = text;
        lastCode = code;
        return code;
    }

    private Code lookUpOnce(String text) {
        Code known = seen.get(text);
        if (known != null || seen.containsKey(text)) {
            return known;
        }
        Code code = lookUp(text);
        seen.put(text, code);
        return code;
    }

    private static Code lookUp(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        if (upper.length() != 3) {
            return null;
        }
        try {
            Currency currency = Currency.getInstance(upper);
            int digits = currency.getDefaultFractionDigits();
            return digits < 0 ? null : new Code(currency.getCurrencyCode(), digits); // XAU and the like: not money here
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
