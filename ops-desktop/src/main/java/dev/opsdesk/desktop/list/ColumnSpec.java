package dev.opsdesk.desktop.list;

import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ColumnType;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.client.model.Money;
import javafx.scene.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How one column of a dataset shows in a table. The column itself — id, header, type, value — is
 * declared once, in the dataset the export and the command line use ({@link ExportDataset}); this
 * adds only what a screen needs (width, shown by default, a shorter text or a graphic, a tooltip).
 * So a table and its export cannot drift apart: a column is found by its id in the dataset, and the
 * header a person reads on screen is the header written to the file.
 *
 * <p>Without a {@link #text(Function) text}, a cell shows the value by its type: money with its
 * currency, a count with separators, a time in full in the workstation's zone, an enum by its label.
 *
 * @param <R> the value a row carries (a failure, an audit event)
 */
public final class ColumnSpec<R> {

    /** Draws one cell's graphic; each cell gets its own (so it can reuse one node). */
    @FunctionalInterface
    public interface CellGraphic<R> {
        Node show(R value);
    }

    private final Column<R> data;
    private double width = 100;
    private double minWidth = -1;
    private boolean shown = true;
    private Function<? super R, String> text;
    private Function<? super R, String> tooltip;
    private Supplier<CellGraphic<R>> graphic;
    private final List<String> styleClasses = new ArrayList<>();

    private ColumnSpec(Column<R> data) {
        this.data = data;
        if (data.type() == ColumnType.MONEY) {
            styleClasses.add(Styles.AMOUNT);
        } else if (data.type() == ColumnType.INTEGER) {
            styleClasses.add(Styles.NUMBER);
        }
    }

    /**
     * The table column of {@code dataset}'s column {@code id}.
     *
     * @throws IllegalArgumentException when the dataset has no such column (a table column that
     *                                  would not be exported)
     */
    public static <R> ColumnSpec<R> of(ExportDataset<R> dataset, String id) {
        return dataset.columns().stream().filter(c -> c.id().equals(id)).findFirst().map(ColumnSpec::new)
                .orElseThrow(() -> new IllegalArgumentException("The dataset " + dataset.name()
                        + " has no column " + id + "; declare it there first"));
    }

    public ColumnSpec<R> width(double preferred) {
        this.width = preferred;
        return this;
    }

    /** What must stay readable when the window is narrow. */
    public ColumnSpec<R> minWidth(double value) {
        this.minWidth = value;
        return this;
    }

    /** Not shown until the user picks it from the table's menu (still exported when shown). */
    public ColumnSpec<R> hidden() {
        this.shown = false;
        return this;
    }

    /** A cell's text other than the value by its type (e.g. an age instead of a date). */
    public ColumnSpec<R> text(Function<? super R, String> value) {
        this.text = value;
        return this;
    }

    public ColumnSpec<R> tooltip(Function<? super R, String> value) {
        this.tooltip = value;
        return this;
    }

    /** A graphic instead of text (a status badge). */
    public ColumnSpec<R> graphic(Supplier<CellGraphic<R>> value) {
        this.graphic = value;
        return this;
    }

    public ColumnSpec<R> style(String styleClass) {
        styleClasses.add(styleClass);
        return this;
    }

    public String id() {
        return data.id();
    }

    /** The header, as exported (without the time zone a time column adds in a file). */
    public String header() {
        return data.header();
    }

    public Column<R> data() {
        return data;
    }

    public double preferredWidth() {
        return width;
    }

    public double minimumWidth() {
        return minWidth >= 0 ? minWidth : Math.min(width, 50);
    }

    public boolean shownByDefault() {
        return shown;
    }

    public List<String> styleClasses() {
        return List.copyOf(styleClasses);
    }

    /** The graphic of a new cell, or null for a text column. */
    public CellGraphic<R> newGraphic() {
        return graphic == null ? null : graphic.get();
    }

    /** A cell's text for {@code row} ("" for an empty cell). */
    public String textOf(R row, Formats formats) {
        if (text != null) {
            String t = text.apply(row);
            return t == null ? "" : t;
        }
        Object value = data.valueOf(row);
        if (value == null) {
            return "";
        }
        return switch (data.type()) {
            case MONEY -> Formats.money((Money) value);
            case INTEGER -> Formats.count(((Number) value).longValue());
            case DATE_TIME -> formats.absolute((Instant) value);
            case ENUM -> data.label(value);
            default -> value.toString();
        };
    }

    /** A cell's tooltip for {@code row}; null for none. */
    public String tooltipOf(R row) {
        if (tooltip == null) {
            return null;
        }
        String t = tooltip.apply(row);
        return t == null || t.isBlank() ? null : t;
    }

    @Override
    public String toString() {
        return "ColumnSpec[" + data.id() + "]";
    }

    /** Every spec's id, for checks that a table shows only what its dataset declares. */
    static List<String> ids(List<? extends ColumnSpec<?>> specs) {
        return specs.stream().map(ColumnSpec::id).toList();
    }

    static void requireDistinct(List<? extends ColumnSpec<?>> specs) {
        List<String> ids = ids(specs);
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("A column shows twice: " + ids);
        }
        Objects.requireNonNull(specs);
    }
}
