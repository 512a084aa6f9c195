package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.model.Settlement.LineKind;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Any file, read through a {@link Settlement.Mapping}: which column holds what, how dates and amounts are written.
 * Amounts come as signed {@code gross} and/or {@code net}, or as positive {@code credit} and {@code debit}, with an
 * optional positive {@code fee}; the kind from a {@code kind} column through the mapping's table, or from the sign.
 */
final class GenericLayout extends LayoutParser {

    private final Settlement.Mapping mapping;
    private final boolean minorUnits;
    private final DateTimeFormatter format;
    private final ZoneId zone;
    private final Map<String, LineKind> kinds = new HashMap<>();
    private boolean headerRead;
    private Header.Column bookedAt;
    private Header.Column currency;
    private Header.Column gross;
    private Header.Column net;
    private Header.Column credit;
    private Header.Column debit;
    private Header.Column fee;
    private Header.Column kind;
    private Header.Column providerReference;
    private Header.Column merchantReference;
    private Header.Column batchReference;
    private Header.Column description;

    GenericLayout(Settlement.Mapping mapping, LineSink sink, Warnings warnings) {
        super(sink, warnings, mapping.decimalComma());
        this.mapping = mapping;
        this.minorUnits = mapping.minorUnits();
        Map<String, String> columns = mapping.columns();
        if (columns.get("bookedAt") == null || columns.get("currency") == null) {
            throw new IllegalArgumentException("the mapping \"" + mapping.name() + "\" must name the columns of"
                    + " bookedAt and currency");
        }
        if (columns.get("gross") == null && columns.get("net") == null
                && (columns.get("credit") == null || columns.get("debit") == null)) {
            throw new IllegalArgumentException("the mapping \"" + mapping.name() + "\" must name a gross or net"
                    + " column, or both credit and debit");
        }
        try {
            this.format = mapping.dateFormat() == null || mapping.dateFormat().isBlank() ? null
                    : DateTimeFormatter.ofPattern(mapping.dateFormat(), Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the mapping's date format \"" + mapping.dateFormat() + "\" is not a"
                    + " date pattern: " + e.getMessage(), e);
        }
        if (mapping.timeZone() == null || mapping.timeZone().isBlank()) {
            this.zone = java.time.ZoneOffset.UTC;
            warnings.add("the mapping \"" + mapping.name() + "\" names no time zone; times without an offset were"
                    + " read as UTC");
        } else {
            this.zone = ZoneId.of(mapping.timeZone());
        }
        mapping.kinds().forEach((value, k) -> kinds.put(value.strip().toLowerCase(Locale.ROOT), k));
    }

    /** The header the mapping describes: it has the columns the mapping names for date and currency. */
    static boolean looksLikeHeader(Header h, Settlement.Mapping mapping) {
        String date = mapping.columns().get("bookedAt");
        String currency = mapping.columns().get("currency");
        return date != null && currency != null && h.has(date) && h.has(currency);
    }

    @Override
    void row(Row row) throws SettlementFormatException {
        if (!headerRead) {
            header(new Header(row));
            headerRead = true;
            return;
        }
        Currencies.Code code = currency(row, currency);
        long grossMinor;
        long feeMinor = amount(row, fee, code);
        if (gross != null) {
            grossMinor = amount(row, gross, code);
            if (fee == null && net != null) {
                feeMinor = grossMinor - amount(row, net, code);
            }
        } else if (net != null) {
            grossMinor = amount(row, net, code) + feeMinor;
        } else {
            grossMinor = amount(row, credit, code) - amount(row, debit, code);
        }
        if (gross != null && net != null && fee != null && amount(row, net, code) != grossMinor - feeMinor) {
            throw new SettlementFormatException(row.lineNumber, net.name(), "expected net = gross − fee ("
                    + text(row, gross) + " − " + text(row, fee) + "), found \"" + text(row, net) + "\"");
        }
        LineKind lineKind = kind(row, grossMinor);
        String when = required(row, bookedAt, "a date" + (format == null ? " like 2026-12-05 10:15:00"
                : " written " + mapping.dateFormat()));
        ZonedDateTime t = dateTime(row, when);
        emit(row, lineKind, optional(row, providerReference), optional(row, merchantReference),
                optional(row, batchReference), code.code(), grossMinor, feeMinor, t.toInstant(),
                t.withZoneSameInstant(zone).toLocalDate(), optional(row, description));
    }

    private long amount(Row row, Header.Column column, Currencies.Code code) throws SettlementFormatException {
        if (column == null) {
            return 0;
        }
        return minorUnits ? minor(row, column) : major(row, column, code);
    }

    private LineKind kind(Row row, long grossMinor) throws SettlementFormatException {
        if (kind == null) {
            return grossMinor < 0 ? LineKind.REFUND : LineKind.CAPTURE;
        }
        String value = text(row, kind);
        LineKind k = kinds.get(value.toLowerCase(Locale.ROOT));
        if (k == null) {
            try {
                k = LineKind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notOurs) {
                throw SettlementFormatException.value(row.lineNumber, kind.name(), "one of the values the mapping \""
                        + mapping.name() + "\" knows (" + String.join(", ", new java.util.TreeSet<>(mapping.kinds().keySet()))
                        + ")", value);
            }
        }
        return k;
    }

    private ZonedDateTime dateTime(Row row, String text) throws SettlementFormatException {
        if (format != null) {
            try {
                TemporalAccessor parsed = format.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
                if (parsed instanceof ZonedDateTime z) {
                    return z;
                }
                if (parsed instanceof LocalDateTime l) {
                    return l.atZone(zone);
                }
                return ((LocalDate) parsed).atStartOfDay(zone);
            } catch (DateTimeParseException e) {
                // an XLSX date cell arrives as yyyy-MM-dd HH:mm:ss whatever the mapping says: tried below
            }
        }
        Timestamps.Parsed parsed = Timestamps.parse(text);
        if (parsed == null) {
            throw SettlementFormatException.value(row.lineNumber, bookedAt.name(), format == null
                    ? "a date like 2026-12-05 10:15:00" : "a date written " + mapping.dateFormat(), text);
        }
        try {
            return parsed.offset() == null ? parsed.local().atZone(zone)
                    : parsed.local().atOffset(parsed.offset()).toZonedDateTime();
        } catch (DateTimeException e) {
            throw SettlementFormatException.value(row.lineNumber, bookedAt.name(), "a date", text);
        }
    }

    private void header(Header h) throws SettlementFormatException {
        Map<String, String> c = mapping.columns();
        String layoutName = "mapping \"" + mapping.name() + "\"";
        Header.Column[] required = h.require(layoutName, requiredColumns(c));
        int i = 0;
        bookedAt = required[i++];
        currency = required[i++];
        gross = c.get("gross") == null ? null : required[i++];
        net = c.get("net") == null ? null : required[i++];
        credit = c.get("credit") == null ? null : required[i++];
        debit = c.get("debit") == null ? null : required[i++];
        fee = c.get("fee") == null ? null : required[i++];
        kind = c.get("kind") == null ? null : required[i];
        providerReference = column(h, c.get("providerReference"));
        merchantReference = column(h, c.get("merchantReference"));
        batchReference = column(h, c.get("batchReference"));
        description = column(h, c.get("description"));
    }

    private static String[] requiredColumns(Map<String, String> c) {
        return java.util.stream.Stream.of("bookedAt", "currency", "gross", "net", "credit", "debit", "fee", "kind")
                .map(c::get).filter(java.util.Objects::nonNull).toArray(String[]::new);
    }

    private static Header.Column column(Header h, String name) {
        return name == null ? null : h.optional(name);
    }
}
