package dev.opsdesk.client.model;

/** The orders of the stock matrix; ties are broken by SKU and warehouse. */
public enum StockSort {
    /** Biggest drift first (the server's default). */
    DRIFT("drift"),
    SKU("sku"),
    /** The pair whose oldest number is oldest first. */
    OLDEST_SYNC("oldestSync");

    private final String param;

    StockSort(String param) {
        this.param = param;
    }

    /** The {@code sort} query parameter. */
    public String param() {
        return param;
    }
}
