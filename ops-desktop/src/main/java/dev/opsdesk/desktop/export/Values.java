package dev.opsdesk.desktop.export;

import dev.opsdesk.client.model.Money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;

/** Conversions shared by the writers, kept cheap: they run once per cell of a million-row export. */
final class Values {

    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final ZoneRules rules;
    private final Map<String, Integer> fractionDigits = new HashMap<>();
    private String lastCurrency;
    private int lastDigits;

    Values(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
    }

    ZoneId zone() {
        return zone;
    }

    /** The amount in major units, exactly, with the currency's number of decimals (as {@link Money#toMajor()}). */
    BigDecimal major(Money money) {
        return BigDecimal.valueOf(money.amountMinor(), fractionDigits(money.currency()));
    }

    int fractionDigits(String currency) {
        if (currency.equals(lastCurrency)) {
            return lastDigits; // rows mostly repeat the currency of the row before
        }
        Integer digits = fractionDigits.get(currency);
        if (digits == null) {
            digits = new Money(0, currency).toMajor().scale();
            fractionDigits.put(currency, digits);
        }
        lastCurrency = currency;
        lastDigits = digits;
        return digits;
    }

    ZoneOffset offset(Instant instant) {
        return fixedOffset != null ? fixedOffset : rules.getOffset(instant);
    }

    LocalDateTime local(Instant instant) {
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset(instant));
    }

    /**
     * {@code minor} units as a plain decimal with {@code digits} fraction digits and {@code mark} before them
     * (-5, 2, ',' gives "-0,05"): what BigDecimal.toPlainString gives, without a BigDecimal per cell.
     */
    static String decimalText(long minor, int digits, char mark) {
        if (digits <= 0) {
            return Long.toString(minor);
        }
        if (minor == Long.MIN_VALUE) {
            return BigDecimal.valueOf(minor, digits).toPlainString().replace('.', mark);
        }
        String s = Long.toString(Math.abs(minor));
        StringBuilder b = new StringBuilder(s.length() + digits + 3);
        if (minor < 0) {
            b.append('-');
        }
        int whole = s.length() - digits;
        if (whole <= 0) {
            b.append('0').append(mark);
            for (int i = whole; i < 0; i++) {
                b.append('0');
            }
            b.append(s);
        } else {
            b.append(s, 0, whole).append(mark).append(s, whole, s.length());
        }
        return b.toString();
    }

    /** Integer text of a whole number; anything else as its plain decimal text. */
    static String integerText(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Long.toString(((Number) v).longValue());
        }
        if (v instanceof BigInteger || v instanceof String) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, hand-rolled because DateTimeFormatter is the slowest part of a CSV row. */
    static String sortableDateTime(LocalDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return t.withNano(0).toString().replace('T', ' ');
        }
        char[] c = new char[19];
        put(c, 0, year / 100);
        put(c, 2, year % 100);
        c[4] = '-';
        put(c, 5, t.getMonthValue());
        c[7] = '-';
        put(c, 8, t.getDayOfMonth());
        c[10] = ' ';
        put(c, 11, t.getHour());
        c[13] = ':';
        put(c, 14, t.getMinute());
        c[16] = ':';
        put(c, 17, t.getSecond());
        return new String(c);
    }

    /** ISO 8601 with offset, as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} writes it: {@code 2026-11-21T11:00:00+01:00}. */
    static String isoOffsetDateTime(LocalDateTime t, ZoneOffset offset) {
        String base = sortableDateTime(t);
        if (base.length() != 19) {
            return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(offset));
        }
        StringBuilder b = new StringBuilder(35).append(base);
        b.setCharAt(10, 'T');
        int nano = t.getNano();
        if (nano != 0) {
            String digits = Integer.toString(nano + 1_000_000_000).substring(1);
            int keep = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            b.append('.').append(digits, 0, keep);
        }
        return b.append(offset.getId()).toString();
    }

    private static void put(char[] c, int at, int twoDigits) {
        c[at] = (char) ('0' + twoDigits / 10);
        c[at + 1] = (char) ('0' + twoDigits % 10);
    }
}
