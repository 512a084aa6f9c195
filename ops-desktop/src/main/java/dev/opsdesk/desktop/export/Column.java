package dev.opsdesk.desktop.export;

import dev.opsdesk.client.model.Money;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;

/**
 * One exported column: a stable id (matches the table column it mirrors), the header a person
 * reads, its type, and how to get the value out of a row. A null value is an empty cell.
 *
 * @param <R> the row type
 */
public final class Column<R> {

    private final String id;
    private final String header;
    private final ColumnType type;
    private final Function<? super R, ?> value;
    private final Function<Object, String> label;

    private Column(String id, String header, ColumnType type, Function<? super R, ?> value, Function<Object, String> label) {
        this.id = requireText(id, "id");
        this.header = requireText(header, "header");
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        this.label = label;
    }

    private static String requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return s;
    }

    public static <R> Column<R> text(String id, String header, Function<? super R, String> value) {
        return new Column<>(id, header, ColumnType.TEXT, value, null);
    }

    public static <R> Column<R> integer(String id, String header, Function<? super R, ? extends Number> value) {
        return new Column<>(id, header, ColumnType.INTEGER, value, null);
    }

    public static <R> Column<R> money(String id, String header, Function<? super R, Money> value) {
        return new Column<>(id, header, ColumnType.MONEY, value, null);
    }

    public static <R> Column<R> dateTime(String id, String header, Function<? super R, Instant> value) {
        return new Column<>(id, header, ColumnType.DATE_TIME, value, null);
    }

    /** An enum column labelled by {@link EnumLabels#humanize(Object)} ({@code PAYMENT_CALLBACK} -> "Payment callback"). */
    public static <R> Column<R> enumerated(String id, String header, Function<? super R, ?> code) {
        return enumerated(id, header, code, EnumLabels::humanize);
    }

    /** An enum column; {@code label} turns a non-null code into the text a person reads. */
    public static <R> Column<R> enumerated(String id, String header, Function<? super R, ?> code, Function<Object, String> label) {
        return new Column<>(id, header, ColumnType.ENUM, code, Objects.requireNonNull(label, "label"));
    }

    public String id() {
        return id;
    }

    /** The header as given, without the time zone a DATE_TIME column adds (see {@link #headerIn(ZoneId)}). */
    public String header() {
        return header;
    }

    public ColumnType type() {
        return type;
    }

    /** The header as exported: a DATE_TIME column says which zone its times are in, e.g. "First seen (Europe/Berlin)". */
    public String headerIn(ZoneId zone) {
        return type == ColumnType.DATE_TIME ? header + " (" + zoneName(zone) + ")" : header;
    }

    /** "Europe/Berlin"; "UTC" for every spelling of it (Etc/UTC, Z, GMT, UTC+0). */
    static String zoneName(ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The raw value of this column for a row (for ENUM the code, not the label); null for an empty cell. */
    public Object valueOf(R row) {
        return value.apply(row);
    }

    /** The human label of an ENUM code. */
    public String label(Object code) {
        return label.apply(code);
    }

    @Override
    public String toString() {
        return "Column[" + id + ", " + type + "]";
    }
}
