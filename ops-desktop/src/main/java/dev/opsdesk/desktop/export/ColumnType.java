package dev.opsdesk.desktop.export;

/**
 * What a column holds, which decides how each format writes it. Numbers are written as numbers and
 * dates as dates, so a spreadsheet can sum and sort them; only TEXT and ENUM values are text.
 */
public enum ColumnType {
    /** Free text: a {@link String} (any other object is written through {@code toString()}). */
    TEXT,
    /** A whole number: any {@link Number} without a fraction ({@code Integer}, {@code Long}). */
    INTEGER,
    /** An amount: a client {@code Money} (integer minor units + currency), never a double. */
    MONEY,
    /** A point in time: an {@link java.time.Instant}, shown in the export's time zone. */
    DATE_TIME,
    /** A code from a fixed set (status, queue, reason), written as its human label. */
    ENUM
}
