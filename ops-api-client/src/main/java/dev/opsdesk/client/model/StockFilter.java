package dev.opsdesk.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which pairs of the stock matrix to list. Null properties don't filter; all others combine (AND).
 *
 * @param warehouse        a warehouse code or a comma-separated list
 * @param q                a SKU or EAN exactly, else a SKU prefix or part of the name
 * @param staleSystem      with {@code olderThanMinutes}: pairs whose number in that system is older than that
 * @param integration      an integration id: the pairs whose number from it is older than its interval
 */
public record StockFilter(String warehouse, String q, Boolean drifting, Integer minDrift, Inventory.SyncState state,
                          Inventory.StockSystem staleSystem, Integer olderThanMinutes, String integration,
                          Boolean oversold) {

    public static StockFilter none() {
        return new StockFilter(null, null, null, null, null, null, null, null, null);
    }

    public StockFilter withWarehouse(String v) { return new StockFilter(v, q, drifting, minDrift, state, staleSystem, olderThanMinutes, integration, oversold); }
    public StockFilter withText(String v) { return new StockFilter(warehouse, v, drifting, minDrift, state, staleSystem, olderThanMinutes, integration, oversold); }
    public StockFilter withDrifting(Boolean v) { return new StockFilter(warehouse, q, v, minDrift, state, staleSystem, olderThanMinutes, integration, oversold); }
    public StockFilter withMinDrift(Integer v) { return new StockFilter(warehouse, q, drifting, v, state, staleSystem, olderThanMinutes, integration, oversold); }
    public StockFilter withState(Inventory.SyncState v) { return new StockFilter(warehouse, q, drifting, minDrift, v, staleSystem, olderThanMinutes, integration, oversold); }
    public StockFilter withStale(Inventory.StockSystem system, Integer minutes) { return new StockFilter(warehouse, q, drifting, minDrift, state, system, minutes, integration, oversold); }
    public StockFilter withIntegration(String v) { return new StockFilter(warehouse, q, drifting, minDrift, state, staleSystem, olderThanMinutes, v, oversold); }
    public StockFilter withOversold(Boolean v) { return new StockFilter(warehouse, q, drifting, minDrift, state, staleSystem, olderThanMinutes, integration, v); }

    /** As query parameters, skipping blanks. */
    public Map<String, Object> toQuery() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "warehouse", warehouse);
        put(m, "q", q);
        put(m, "drifting", drifting);
        put(m, "minDrift", minDrift);
        put(m, "state", state);
        if (staleSystem != null && olderThanMinutes != null) {
            m.put("staleSystem", staleSystem);
            m.put("olderThanMinutes", olderThanMinutes);
        }
        put(m, "integration", integration);
        put(m, "oversold", oversold);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof String s && s.isBlank())) {
            m.put(k, v instanceof String s ? s.trim() : v);
        }
    }
}
