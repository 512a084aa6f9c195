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
     * The pairs of {@code keys} ("WH-1/SKU-100042") under their row locks, by key, read at once (in key order, as
     * one statement); a key without a pair is missing from the map.
     */
    static java.util.Map<String, StockPairRecord> lockAll(DSLContext tx, java.util.Collection<String> keys) {
        java.util.List<org.jooq.Row2<String, String>> rows = new java.util.ArrayList<>(keys.size());
        for (String key : keys) {
            int slash = key.indexOf('/');
            rows.add(DSL.row(key.substring(slash + 1), key.substring(0, slash)));
        }
        java.util.Map<String, StockPairRecord> locked = new java.util.HashMap<>();
        tx.selectFrom(STOCK_PAIR).where(DSL.row(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).in(rows))
                .orderBy(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).forUpdate()
                .forEach(p -> locked.put(p.getWarehouse() + "/" + p.getSku(), p));
        return locked;
    }

    /**
     * Stores {@code after} (a changed copy of {@code before}, read under its row lock): its drift, drift start, stuck
     * deadline, oversold flag and oldest sync are computed here (and set on {@code after}, which is then the row as
     * stored), and the warehouse's totals move by the difference.
     */
    static void store(DSLContext tx, IntegrationCatalog catalog, StockPairRecord before, StockPairRecord after,
                      Instant now) {
        Totals totals = new Totals();
        store(tx, catalog, before, after, now, totals);
        totals.apply(tx);
    }

    /**
     * The warehouses' drift totals moved by a transaction's pair writes, applied once ({@link #apply}) before it
     * commits: a job that writes many pairs of one warehouse updates that warehouse's row once, not once a pair.
     */
    static final class Totals {

        private final java.util.Map<String, long[]> deltas = new java.util.TreeMap<>();

        void add(String warehouse, int drifting, long units, int oversold) {
            if (drifting != 0 || units != 0 || oversold != 0) {
                long[] d = deltas.computeIfAbsent(warehouse, w -> new long[3]);
                d[0] += drifting;
                d[1] += units;
                d[2] += oversold;
            }
        }

        /** Applies what was added (in warehouse order, as every writer locks them) and forgets it. */
        void apply(DSLContext tx) {
            deltas.forEach((warehouse, d) -> {
                if (d[0] != 0 || d[1] != 0 || d[2] != 0) {
                    tx.update(WAREHOUSE_DRIFT)
                            .set(WAREHOUSE_DRIFT.DRIFTING_PAIRS, WAREHOUSE_DRIFT.DRIFTING_PAIRS.plus((int) d[0]))
                            .set(WAREHOUSE_DRIFT.DRIFT_UNITS, WAREHOUSE_DRIFT.DRIFT_UNITS.plus(d[1]))
                            .set(WAREHOUSE_DRIFT.OVERSOLD_PAIRS, WAREHOUSE_DRIFT.OVERSOLD_PAIRS.plus((int) d[2]))
                            .where(WAREHOUSE_DRIFT.WAREHOUSE.eq(warehouse))
                            .execute();
                }
            });
            deltas.clear();
        }
    }

    /** As {@link #store(DSLContext, IntegrationCatalog, StockPairRecord, StockPairRecord, Instant)}, the totals'
     * change added to {@code totals} for the caller to apply before its transaction commits. */
    static void store(DSLContext tx, IntegrationCatalog catalog, StockPairRecord before, StockPairRecord after,
                      Instant now, Totals totals) {
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
        after.setDrift(d.drift());
        after.setDriftSince(StockStore.utc(d.driftSince()));
        after.setStuckAfter(StockStore.utc(d.stuckAfter()));
        after.setOversold(d.oversold());
        after.setOldestSyncedAt(StockStore.utc(oldest));
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
        totals.add(warehouse, drifting, units, oversold);
    }

    /** A point of {@code system}'s number in the pair's history. */
    static void history(DSLContext tx, String sku, String warehouse, StockSystem system, Instant at, int quantity,
                        String cause) {
        history(tx, sku, warehouse, java.util.List.of(system), at, quantity, cause);
    }

    /** The same point for each of {@code systems} (a sync that set them all to one number), in one statement. */
    static void history(DSLContext tx, String sku, String warehouse, java.util.List<StockSystem> systems, Instant at,
                        int quantity, String cause) {
        if (systems.isEmpty()) {
            return;
        }
        var insert = tx.insertInto(STOCK_HISTORY, STOCK_HISTORY.SKU, STOCK_HISTORY.WAREHOUSE, STOCK_HISTORY.SYSTEM,
                STOCK_HISTORY.AT, STOCK_HISTORY.QUANTITY, STOCK_HISTORY.CAUSE);
        for (StockSystem system : systems) {
            insert = insert.values(sku, warehouse, system.name(), StockStore.utc(at), quantity, cause);
        }
        insert.execute();
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
