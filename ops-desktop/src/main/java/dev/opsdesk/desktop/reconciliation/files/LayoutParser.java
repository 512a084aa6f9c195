package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads one layout: given the file's non-blank records in order (header included), hands each line to the sink.
 * The helpers turn a field into a value or into a {@link SettlementFormatException} naming line, column and what
 * was expected.
 */
abstract class LayoutParser {

    final LineSink sink;
    final Warnings warnings;
    final boolean decimalComma;
    final Currencies currencies = new Currencies();

    LayoutParser(LineSink sink, Warnings warnings, boolean decimalComma) {
        this.sink = sink;
        this.warnings = warnings;
        this.decimalComma = decimalComma;
    }

    /** The next non-blank record of the file. */
    abstract void row(Row row) throws SettlementFormatException;

    /** The end of the file: checks that need all of it. */
    void finish() throws SettlementFormatException {
    }

    // ---- field helpers

    static String text(Row row, Header.Column column) {
        return column == null ? "" : row.get(column.index());
    }

    /** The field's text, or null when blank or when the file has no such column. */
    static String optional(Row row, Header.Column column) {
        String t = text(row, column);
        return t.isEmpty() ? null : t;
    }

    static String required(Row row, Header.Column column, String expected) throws SettlementFormatException {
        String t = text(row, column);
        if (t.isEmpty()) {
            throw SettlementFormatException.value(row.lineNumber, column.name(), expected, t);
        }
        return t;
    }

    Currencies.Code currency(Row row, Header.Column column) throws SettlementFormatException {
        String t = text(row, column);
        Currencies.Code code = t.isEmpty() ? null : currencies.of(t);
        if (code == null) {
            throw SettlementFormatException.value(row.lineNumber, column.name(), "an ISO 4217 currency code like EUR", t);
        }
        return code;
    }

    /** An amount in major units; a blank field or a missing column is 0. */
    long major(Row row, Header.Column column, Currencies.Code currency) throws SettlementFormatException {
        String t = text(row, column);
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return Amounts.major(t, currency.digits(), decimalComma);
        } catch (Amounts.NotAnAmount e) {
            throw SettlementFormatException.value(row.lineNumber, column.name(), "an amount like "
                    + Amounts.example(currency.digits(), decimalComma) + " " + currency.code(), t);
        }
    }

    /** An amount in minor units (whole cents); a blank field or a missing column is 0. */
    static long minor(Row row, Header.Column column) throws SettlementFormatException {
        String t = text(row, column);
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return Amounts.minor(t);
        } catch (Amounts.NotAnAmount e) {
            throw SettlementFormatException.value(row.lineNumber, column.name(),
                    "an amount in minor units like 1234 (no decimal mark)", t);
        }
    }

    /** A date-time; one without an offset is in {@code zoneIfNone}. Returns the instant and the local date. */
    static Timestamps.Parsed timestamp(Row row, Header.Column column, String example) throws SettlementFormatException {
        String t = text(row, column);
        Timestamps.Parsed parsed = t.isEmpty() ? null : Timestamps.parse(t);
        if (parsed == null) {
            throw SettlementFormatException.value(row.lineNumber, column.name(), "a date and time like " + example, t);
        }
        return parsed;
    }

    static Instant utc(LocalDateTime local) {
        return local.toInstant(ZoneOffset.UTC);
    }

    void emit(Row row, Settlement.LineKind kind, String providerReference, String merchantReference,
              String batchReference, String currency, long gross, long fee, Instant bookedAt, LocalDate providerDay,
              String description) {
        sink.line(new Settlement.Line(row.lineNumber, kind, providerReference, merchantReference, batchReference,
                currency, gross, fee, gross - fee, bookedAt, description, row.raw), providerDay);
    }
}
