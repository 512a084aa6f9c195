package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE_DRIFT;

import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The one write of a stock pair, used by every change (adjustment, movement, sync, resync): the new numbers with the
 * derived columns ({@link Drift}, the oldest sync) and, in the same transaction, the warehouse's drift totals
 * ({@code warehouse_drift}) moved by the pair's change, so that the drift summary reads six rows instead of
 * aggregating every drifting pair.
 */
public final class StockPairs {

    private StockPairs() {
    }

    /** The pair under its row lock, or null. */
    static StockPairRecord lock(DSLContext tx, String sku, String warehouse) {
        return tx.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(sku)).and(STOCK_PAIR.WAREHOUSE.eq(warehouse))
                .forUpdate().fetchOne();
    }

    /**
     * Stores {@code after} (a changed copy of {@code before}, read under its row lock): its drift, drift start, stuck
     * deadline, oversold flag and oldest sync are computed here, and the warehouse's totals move by the difference.
     */
    static void store(DSLContext tx, IntegrationCatalog catalog, StockPairRecord before, StockPairRecord after,
                      Instant now) {
        String warehouse = before.getWarehouse();
        Drift d = Drift.of(after.getPlatformQty(), after.getErpQty(), after.getWmsQty(),
                StockStore.instant(before.getDriftSince()), now, catalog.interval(StockSystem.ERP, warehouse),
                catalog.interval(StockSystem.WMS, warehouse));
        Instant oldest = StockStore.instant(after.getPlatformSyncedAt());
        if (after.getErpSyncedAt().toInstant().isBefore(oldest)) {
            oldest = after.getErpSyncedAt().toInstant();
        }
        if (after.getWmsSyncedAt().toInstant().isBefore(oldest)) {
            oldest = after.getWmsSyncedAt().toInstant();
        }
        tx.update(STOCK_PAIR)
                .set(STOCK_PAIR.PLATFORM_QTY, after.getPlatformQty())
                .set(STOCK_PAIR.PLATFORM_VERSION, after.getPlatformVersion())
                .set(STOCK_PAIR.PLATFORM_SYNCED_AT, after.getPlatformSyncedAt())
                .set(STOCK_PAIR.ERP_QTY, after.getErpQty())
                .set(STOCK_PAIR.ERP_VERSION, after.getErpVersion())
                .set(STOCK_PAIR.ERP_SYNCED_AT, after.getErpSyncedAt())
                .set(STOCK_PAIR.WMS_QTY, after.getWmsQty())
                .set(STOCK_PAIR.WMS_VERSION, after.getWmsVersion())
                .set(STOCK_PAIR.WMS_SYNCED_AT, after.getWmsSyncedAt())
                .set(STOCK_PAIR.DRIFT, d.drift())
                .set(STOCK_PAIR.DRIFT_SINCE, StockStore.utc(d.driftSince()))
                .set(STOCK_PAIR.STUCK_AFTER, StockStore.utc(d.stuckAfter()))
                .set(STOCK_PAIR.OVERSOLD, d.oversold())
                .set(STOCK_PAIR.OLDEST_SYNCED_AT, StockStore.utc(oldest))
                .where(STOCK_PAIR.SKU.eq(before.getSku())).and(STOCK_PAIR.WAREHOUSE.eq(warehouse))
                .execute();
        int drifting = (d.drift() > 0 ? 1 : 0) - (before.getDrift() > 0 ? 1 : 0);
        long units = (long) d.drift() - before.getDrift();
        int oversold = (d.drift() > 0 && d.oversold() ? 1 : 0)
                - (before.getDrift() > 0 && before.getOversold() ? 1 : 0);
        if (drifting != 0 || units != 0 || oversold != 0) {
            tx.update(WAREHOUSE_DRIFT)
                    .set(WAREHOUSE_DRIFT.DRIFTING_PAIRS, WAREHOUSE_DRIFT.DRIFTING_PAIRS.plus(drifting))
                    .set(WAREHOUSE_DRIFT.DRIFT_UNITS, WAREHOUSE_DRIFT.DRIFT_UNITS.plus(units))
                    .set(WAREHOUSE_DRIFT.OVERSOLD_PAIRS, WAREHOUSE_DRIFT.OVERSOLD_PAIRS.plus(oversold))
                    .where(WAREHOUSE_DRIFT.WAREHOUSE.eq(warehouse))
                    .execute();
        }
    }

    /** A point of {@code system}'s number in the pair's history. */
    static void history(DSLContext tx, String sku, String warehouse, StockSystem system, Instant at, int quantity,
                        String cause) {
        tx.insertInto(STOCK_HISTORY)
                .set(STOCK_HISTORY.SKU, sku).set(STOCK_HISTORY.WAREHOUSE, warehouse)
                .set(STOCK_HISTORY.SYSTEM, system.name()).set(STOCK_HISTORY.AT, StockStore.utc(at))
                .set(STOCK_HISTORY.QUANTITY, quantity).set(STOCK_HISTORY.CAUSE, cause)
                .execute();
    }

    /**
     * Counts every warehouse's drift totals afresh from its pairs (the seed, after loading; the migration did the
     * same for the pairs it found).
     */
    public static void recount(DSLContext dsl) {
        dsl.deleteFrom(WAREHOUSE_DRIFT).execute();
        var drifting = DSL.sum(DSL.when(STOCK_PAIR.DRIFT.gt(0), 1).otherwise(0));
        var units = DSL.sum(STOCK_PAIR.DRIFT);
        var oversold = DSL.sum(DSL.when(STOCK_PAIR.DRIFT.gt(0).and(STOCK_PAIR.OVERSOLD.isTrue()), 1).otherwise(0));
        dsl.insertInto(WAREHOUSE_DRIFT, WAREHOUSE_DRIFT.WAREHOUSE, WAREHOUSE_DRIFT.DRIFTING_PAIRS,
                        WAREHOUSE_DRIFT.DRIFT_UNITS, WAREHOUSE_DRIFT.OVERSOLD_PAIRS)
                .select(DSL.select(WAREHOUSE.CODE, DSL.coalesce(drifting, 0).cast(Integer.class),
                                DSL.coalesce(units, 0).cast(Long.class),
                                DSL.coalesce(oversold, 0).cast(Integer.class))
                        .from(WAREHOUSE).leftJoin(STOCK_PAIR).on(STOCK_PAIR.WAREHOUSE.eq(WAREHOUSE.CODE))
                        .groupBy(WAREHOUSE.CODE))
                .execute();
    }
}
