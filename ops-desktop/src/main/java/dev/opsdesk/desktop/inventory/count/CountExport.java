package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;

import java.util.List;

/**
 * The count sheet's columns, declared once (the sheet's table shows them through {@code ColumnSpec}). Blind by
 * construction: a line carries what was counted, never what is expected, so no column could show it.
 */
public final class CountExport {

    public static final String NAME = "stock-count";

    private static final ExportDataset<StockCount.Line> DATASET = new ExportDataset<>(NAME, "Count sheet", List.of(
            Column.text("sku", "SKU", StockCount.Line::sku),
            Column.text("name", "Name", StockCount.Line::name),
            Column.text("zone", "Zone", StockCount.Line::zone),
            Column.integer("counted", "Counted", StockCount.Line::counted),
            Column.integer("entries", "Entries", StockCount.Line::entries),
            Column.text("ean", "EAN", StockCount.Line::ean),
            Column.text("unit", "Unit", StockCount.Line::unit),
            Column.text("added", "Not on the sheet", l -> l.addedByCount() ? "found here" : "")));

    private CountExport() {
    }

    public static ExportDataset<StockCount.Line> dataset() {
        return DATASET;
    }
}
