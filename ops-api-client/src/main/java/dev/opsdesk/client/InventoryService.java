package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.ReplayJob;
import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stock matrix, integrations and drift (needs {@code inventory.read}, within the caller's warehouse scope). */
public final class InventoryService {

    private final ApiTransport transport;
    private final JavaType stockPage;

    InventoryService(ApiTransport transport) {
        this.transport = transport;
        this.stockPage = transport.mapper().getTypeFactory().constructParametricType(Page.class,
                Inventory.StockPair.class);
    }

    /** {@code GET /v1/inventory/stock}: one page. */
    public Page<Inventory.StockPair> stock(StockFilter filter, StockSort sort, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>(filter.toQuery());
        query.put("sort", sort.param());
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get("/v1/inventory/stock", query, stockPage);
    }

    /** Every matching pair, page by page as the iteration proceeds. */
    public Iterable<Inventory.StockPair> allStock(StockFilter filter, StockSort sort) {
        return Paging.iterate(PageRequest.MAX_LIMIT, page -> stock(filter, sort, page));
    }

    /** {@code GET /v1/inventory/stock/{warehouse}/{sku}}: one pair with its history. */
    public Inventory.StockDetail stock(String warehouse, String sku) {
        // Each path segment is percent-encoded by the transport.
        return transport.get("/v1/inventory/stock/" + warehouse + "/" + sku, null, type(Inventory.StockDetail.class));
    }

    /**
     * {@code POST /v1/inventory/stock/{warehouse}/{sku}/adjustments}: changes the platform's number by {@code quantity}
     * (signed, not 0) if it is still at {@code expectedVersion}.
     *
     * @throws StockChangedException when the number moved meanwhile (with the current quantity and version)
     */
    public Inventory.AdjustmentResult adjust(String warehouse, String sku, Inventory.AdjustmentReason reason,
                                             int quantity, String note, long expectedVersion, RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason.name());
        body.put("quantity", quantity);
        if (note != null && !note.isBlank()) {
            body.put("note", note.trim());
        }
        body.put("expectedVersion", expectedVersion);
        return transport.post("/v1/inventory/stock/" + warehouse + "/" + sku + "/adjustments", body,
                type(Inventory.AdjustmentResult.class), java.util.Objects.requireNonNull(action, "action"), true);
    }

    /**
     * {@code POST /v1/inventory/resync-jobs}: resyncs these pairs ({@code WAREHOUSE/SKU}) as a server-side job. The
     * job is a bulk job like a replay: follow, cancel and retry its failed items through the same handles,
     * {@link FailureService#job}, {@link FailureService#jobItems}, {@link FailureService#cancelJob} and
     * {@link FailureService#retryFailed}.
     */
    public ReplayJob resync(List<String> pairs, int throttlePerSecond, RequestOptions action) {
        return transport.post("/v1/inventory/resync-jobs", Map.of("pairs", pairs, "throttlePerSecond",
                throttlePerSecond), type(ReplayJob.class), java.util.Objects.requireNonNull(action, "action"), true);
    }

    /** As {@link #resync(List, int, RequestOptions)}, for every pair matching {@code filter}. */
    public ReplayJob resync(StockFilter filter, int throttlePerSecond, RequestOptions action) {
        return transport.post("/v1/inventory/resync-jobs", Map.of("filter", filter.toQuery(), "throttlePerSecond",
                throttlePerSecond), type(ReplayJob.class), java.util.Objects.requireNonNull(action, "action"), true);
    }

    /** {@code GET /v1/inventory/integrations}. */
    public List<Inventory.Integration> integrations() {
        Inventory.IntegrationList list = transport.get("/v1/inventory/integrations", null,
                type(Inventory.IntegrationList.class));
        return list.items() == null ? List.of() : list.items();
    }

    /** {@code GET /v1/inventory/summary}: the drift of each warehouse in scope. */
    public Inventory.DriftSummary summary() {
        return transport.get("/v1/inventory/summary", null, type(Inventory.DriftSummary.class));
    }

    /** {@code GET /v1/inventory/trend}: hourly drift of {@code warehouse} (null: all in scope) over {@code days}. */
    public Inventory.DriftTrend trend(String warehouse, int days) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (warehouse != null) {
            query.put("warehouse", warehouse);
        }
        query.put("days", days);
        return transport.get("/v1/inventory/trend", query, type(Inventory.DriftTrend.class));
    }

    private JavaType type(Class<?> c) {
        return transport.mapper().constructType(c);
    }
}
