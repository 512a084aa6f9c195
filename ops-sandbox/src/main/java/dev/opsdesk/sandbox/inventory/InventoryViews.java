package dev.opsdesk.sandbox.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The read models of inventory, shaped exactly like the contract's schemas so that the HTTP layer writes them as they
 * are. Null properties are left out on the wire unless marked.
 */
public final class InventoryViews {

    private InventoryViews() {
    }

    /** {@code SystemStock}: one system's number of a pair; {@code stale} once older than its integration's interval. */
    public record SystemStock(int quantity, long version, Instant syncedAt, boolean stale) {
    }

    /** {@code StockPair}: a row of the matrix. */
    public record StockPair(String sku, String name, String ean, String unit, String warehouse,
                            SystemStock platform, SystemStock erp, SystemStock wms, int drift, Instant driftSince,
                            Drift.State state, Instant stuckAfter, boolean oversold) {
    }

    public record StockPage(List<StockPair> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    /** {@code StockPoint}: a system's number at a time, and what set it. */
    public record StockPoint(StockSystem system, Instant at, int quantity, String cause) {
    }

    /** {@code SyncRun}. */
    public record SyncRun(long id, String integrationId, Instant startedAt, Instant finishedAt, String status,
                          int items, int errors, int lagSeconds, String message) {
    }

    /** {@code StockAdjustment}. */
    public record Adjustment(String id, String sku, String warehouse, String reason, int delta, int quantityBefore,
                             int quantityAfter, long version, String note, String actor, Instant at) {
    }

    /** {@code OpenSyncFailure}: an open INVENTORY_SYNC failure about the pair. */
    public record OpenFailure(String id, String reason, String message, Instant firstSeenAt) {
    }

    /** {@code StockDetail}. */
    public record StockDetail(StockPair pair, List<StockPoint> history, List<SyncRun> syncs,
                              List<Adjustment> adjustments, List<OpenFailure> openFailures) {
    }

    /** {@code Integration}: one integration with its health. */
    public record Integration(String id, StockSystem system, String warehouse, String name, int intervalSeconds,
                              String status, Instant lastRunAt, Instant lastSuccessAt, Integer lagSeconds,
                              int runsLastHour, int itemsLastHour, int errorsLastHour, double errorRate) {
    }

    public record IntegrationList(List<Integration> items) {
    }

    /** {@code WarehouseDrift}: the drift of one warehouse now. */
    public record WarehouseDrift(String warehouse, String name, String country, String timeZone, long pairs,
                                 long driftingPairs, long driftUnits, long settlingPairs, long stuckPairs,
                                 long oversoldPairs, String worstIntegration, String worstStatus) {
    }

    public record DriftSummary(Instant at, List<WarehouseDrift> warehouses) {
    }

    /** {@code DriftPoint}: an hourly snapshot, summed over the warehouses asked for. */
    public record DriftPoint(Instant at, long driftingPairs, long driftUnits, long stuckPairs) {
    }

    public record DriftTrend(List<String> warehouses, List<DriftPoint> points) {
    }
}
