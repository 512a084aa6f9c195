package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.InventoryService;
import dev.opsdesk.client.model.Inventory.StockPair;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.RowSource;

import java.util.List;
import java.util.OptionalLong;

/**
 * The stock matrix as a dataset: its columns, declared once for the table and its exports (each
 * system's quantity and the time its number was last synced, the drift, settling or stuck), and its
 * rows from the server's list — the server applies the user's warehouse scope to both.
 */
public final class InventoryExport {

    /** The dataset's name (the suggested file name starts with it). */
    public static final String NAME = "inventory";

    private static final ExportDataset<StockPair> DATASET = new ExportDataset<>(NAME, "Stock", List.of(
            Column.text("sku", "SKU", StockPair::sku),
            Column.text("name", "Name", StockPair::name),
            Column.text("ean", "EAN", StockPair::ean),
            Column.text("warehouse", "Warehouse", StockPair::warehouse),
            Column.integer("platform", "Platform", p -> p.platform().quantity()),
            Column.integer("erp", "ERP", p -> p.erp().quantity()),
            Column.integer("wms", "WMS", p -> p.wms().quantity()),
            Column.integer("drift", "Drift", StockPair::drift),
            Column.enumerated("state", "Sync state", StockPair::state, InventoryTexts::state),
            Column.text("oversold", "Oversold", p -> p.oversold() ? "yes" : ""),
            Column.dateTime("platformSyncedAt", "Platform synced", p -> p.platform().syncedAt()),
            Column.dateTime("erpSyncedAt", "ERP synced", p -> p.erp().syncedAt()),
            Column.dateTime("wmsSyncedAt", "WMS synced", p -> p.wms().syncedAt()),
            Column.dateTime("driftSince", "Drifting since", StockPair::driftSince),
            Column.text("unit", "Unit", StockPair::unit)));

    private InventoryExport() {
    }

    public static ExportDataset<StockPair> dataset() {
        return DATASET;
    }

    /** Every pair matching {@code query}, in its order, fetched page by page while the file is written. */
    public static RowSource<StockPair> matching(InventoryService inventory, InventoryQuery query) {
        return RowSource.of(inventory.allStock(query.filter(), query.sort()), OptionalLong.empty());
    }
}
