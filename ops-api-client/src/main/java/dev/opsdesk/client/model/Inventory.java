package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.List;

/** The read models of inventory (the contract's schemas of the same names). */
public final class Inventory {

    private Inventory() {
    }

    /** The three systems that each hold a number for every SKU in every warehouse. */
    public enum StockSystem { PLATFORM, ERP, WMS }

    /** Whether a pair's systems agree, disagree with a sync still due ({@code SETTLING}), or one is overdue. */
    public enum SyncState { IN_SYNC, SETTLING, STUCK }

    /** One system's number of a pair; {@code stale} once older than its integration's interval. */
    public record SystemStock(int quantity, long version, Instant syncedAt, boolean stale) {
    }

    /** A row of the stock matrix. */
    public record StockPair(String sku, String name, String ean, String unit, String warehouse, SystemStock platform,
                            SystemStock erp, SystemStock wms, int drift, Instant driftSince, SyncState state,
                            Instant stuckAfter, boolean oversold) {

        public SystemStock of(StockSystem system) {
            return switch (system) {
                case PLATFORM -> platform;
                case ERP -> erp;
                case WMS -> wms;
            };
        }

        /** "WH-1/SKU-100042": the pair's identity. */
        public String key() {
            return warehouse + "/" + sku;
        }
    }

    public record StockPoint(StockSystem system, Instant at, int quantity, String cause) {
    }

    public record SyncRun(long id, String integrationId, Instant startedAt, Instant finishedAt, String status,
                          int items, int errors, int lagSeconds, String message) {
    }

    public record StockAdjustment(String id, String sku, String warehouse, String reason, int delta,
                                  int quantityBefore, int quantityAfter, long version, String note, String actor,
                                  Instant at) {
    }

    /** The answer to an adjustment: as recorded, and the pair as it is now. */
    public record AdjustmentResult(StockAdjustment adjustment, StockPair pair) {
    }

    /** Why stock was adjusted by hand. */
    public enum AdjustmentReason { DAMAGED, LOST, FOUND, RECOUNT, RETURN_TO_STOCK, CORRECTION }

    public record OpenSyncFailure(String id, String reason, String message, Instant firstSeenAt) {
    }

    public record StockDetail(StockPair pair, List<StockPoint> history, List<SyncRun> syncs,
                              List<StockAdjustment> adjustments, List<OpenSyncFailure> openFailures) {
    }

    /** An integration with its health: {@code status} OK, DEGRADED or DOWN. */
    public record Integration(String id, StockSystem system, String warehouse, String name, int intervalSeconds,
                              String status, Instant lastRunAt, Instant lastSuccessAt, Integer lagSeconds,
                              int runsLastHour, int itemsLastHour, int errorsLastHour, double errorRate) {
    }

    public record IntegrationList(List<Integration> items) {
    }

    public record WarehouseDrift(String warehouse, String name, String country, String timeZone, long pairs,
                                 long driftingPairs, long driftUnits, long settlingPairs, long stuckPairs,
                                 long oversoldPairs, String worstIntegration, String worstStatus) {
    }

    public record DriftSummary(Instant at, List<WarehouseDrift> warehouses) {
    }

    public record DriftPoint(Instant at, long driftingPairs, long driftUnits, long stuckPairs) {
    }

    public record DriftTrend(List<String> warehouses, List<DriftPoint> points) {
    }
}
