package dev.opsdesk.desktop.export;

import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * How a CSV file is laid out. Both are RFC 4180 (CRLF line ends, fields with separators, quotes or
 * line breaks in double quotes, a quote doubled) and UTF-8.
 */
public enum CsvProfile {

    /**
     * For opening in a spreadsheet on this workstation: a UTF-8 byte order mark (without it Excel
     * reads UTF-8 as the ANSI code page and garbles umlauts), and the locale's list separator and
     * decimal mark, so a double click opens the file in columns with numbers that are numbers:
     * {@code ;} and {@code ,} where the decimal mark is a comma (German, French, ...), otherwise
     * {@code ,} and {@code .}. Dates as {@code yyyy-MM-dd HH:mm:ss}, which Excel reads as a date in
     * any locale. Texts are cut at Excel's cell limit.
     */
    EXCEL,

    /** For programs: no byte order mark, comma, dot, dates as ISO 8601 with offset; nothing cut. */
    STANDARD;

    /** The separator and decimal mark this profile uses on a workstation with {@code locale}. */
    public Dialect dialect(Locale locale) {
        if (this == STANDARD) {
            return new Dialect(',', '.', false);
        }
        char decimal = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
        return decimal == ',' ? new Dialect(';', ',', true) : new Dialect(',', '.', true);
    }

    /** "excel" or "standard" in any case. */
    public static Optional<CsvProfile> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (CsvProfile p : values()) {
            if (p.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * @param fieldSeparator between fields
     * @param decimalMark    between the whole and the fraction of an amount
     * @param byteOrderMark  whether the file starts with the UTF-8 byte order mark
     */
    public record Dialect(char fieldSeparator, char decimalMark, boolean byteOrderMark) {
    }
}
