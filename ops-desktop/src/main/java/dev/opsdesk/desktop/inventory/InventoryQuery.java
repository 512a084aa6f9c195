package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;

import java.util.Objects;

/** What the matrix asks the server: a filter and an order. */
public record InventoryQuery(StockFilter filter, StockSort sort) {

    public InventoryQuery {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
    }

    /** Drifting pairs, biggest drift first: what the section opens with. */
    public static InventoryQuery standard() {
        return new InventoryQuery(StockFilter.none().withDrifting(true), StockSort.DRIFT);
    }
}
