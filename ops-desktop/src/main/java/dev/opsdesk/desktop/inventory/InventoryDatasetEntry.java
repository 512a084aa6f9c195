package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Inventory.StockPair;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;
import dev.opsdesk.desktop.export.ExportDatasetEntry;
import dev.opsdesk.desktop.export.FilterFlag;
import dev.opsdesk.desktop.export.FilterFlags;
import dev.opsdesk.desktop.export.InvalidFilterException;

import java.util.Arrays;
import java.util.List;

/**
 * The stock matrix as an exportable dataset: {@code ops-desktop export inventory …}. The server
 * applies the user's warehouse scope, as it does to the section's list.
 */
public final class InventoryDatasetEntry {

    private static final List<FilterFlag> FLAGS = List.of(
            new FilterFlag("--warehouse", "WH", "a warehouse code, or several with commas"),
            new FilterFlag("--q", "TEXT", "a SKU or EAN, or part of a name"),
            new FilterFlag("--state", "S", "SETTLING, STUCK or IN_SYNC"),
            new FilterFlag("--drifting", "yes|no", "only pairs whose systems disagree (yes) or agree (no)"),
            new FilterFlag("--oversold", "yes", "only pairs where the platform offers more than the shelf holds"),
            new FilterFlag("--sort", "BY", "drift (biggest first, the default), sku or oldestSync"));

    private InventoryDatasetEntry() {
    }

    public static ExportDatasetEntry<StockPair, InventoryQuery> entry() {
        return new ExportDatasetEntry<>(InventoryExport.dataset(), Permissions.INVENTORY_READ, "see inventory",
                "every SKU x warehouse matching the filters, biggest drift first", FLAGS, InventoryDatasetEntry::filter,
                (client, query) -> InventoryExport.matching(client.inventory(), query));
    }

    static InventoryQuery filter(FilterFlags flags) throws InvalidFilterException {
        String state = flags.code("--state");
        Inventory.SyncState parsedState = null;
        if (state != null) {
            parsedState = Arrays.stream(Inventory.SyncState.values()).filter(s -> s.name().equals(state)).findFirst()
                    .orElseThrow(() -> new InvalidFilterException("--state " + state
                            + " is not a sync state; use SETTLING, STUCK or IN_SYNC"));
        }
        String sort = flags.text("--sort");
        StockSort parsedSort = StockSort.DRIFT;
        if (sort != null) {
            parsedSort = Arrays.stream(StockSort.values()).filter(s -> s.param().equals(sort)).findFirst()
                    .orElseThrow(() -> new InvalidFilterException("--sort " + sort
                            + " is not an order of the stock list; use drift, sku or oldestSync"));
        }
        StockFilter filter = StockFilter.none()
                .withWarehouse(flags.text("--warehouse"))
                .withText(flags.text("--q"))
                .withState(parsedState)
                .withDrifting(yesNo(flags, "--drifting"))
                .withOversold(yesNo(flags, "--oversold"));
        return new InventoryQuery(filter, parsedSort);
    }

    private static Boolean yesNo(FilterFlags flags, String flag) throws InvalidFilterException {
        String v = flags.text(flag);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> Boolean.TRUE;
            case "no", "false" -> Boolean.FALSE;
            default -> throw new InvalidFilterException(flag + " " + v + " must be yes or no");
        };
    }
}
