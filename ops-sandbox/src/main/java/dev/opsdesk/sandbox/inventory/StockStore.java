package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.DRIFT_SNAPSHOT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_ADJUSTMENT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.SYNC_RUN;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE;

import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import dev.opsdesk.sandbox.db.tables.records.SkuRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.db.tables.records.StockAdjustmentRecord;
import dev.opsdesk.sandbox.db.tables.records.SyncRunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** The stock matrix as stored: pages of pairs, one pair with its history, and the per-warehouse drift. */
public final class StockStore {

    public static final Scopes.Columns SCOPE_COLUMNS = new Scopes.Columns(null, STOCK_PAIR.WAREHOUSE, null, null,
            null);
    private static final int DETAIL_ROWS = 50;

    private final DSLContext dsl;

    public StockStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public record Page(List<InventoryViews.StockPair> items, boolean hasMore) {
    }

    public Page list(StockQuery query, StockQuery.Sort sort, StockQuery.After after, int limit, Instant now) {
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        Condition where = condition(query, catalog, now);
        if (after != null) {
            where = where.and(switch (sort) {
                case DRIFT -> STOCK_PAIR.DRIFT.lt((int) after.value()).or(STOCK_PAIR.DRIFT.eq((int) after.value())
                        .and(DSL.row(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).gt(after.sku(), after.warehouse())));
                case SKU -> DSL.row(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).gt(after.sku(), after.warehouse());
                case OLDEST_SYNC -> DSL.row(STOCK_PAIR.OLDEST_SYNCED_AT, STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE)
                        .gt(utc(Instant.ofEpochMilli(after.value())), after.sku(), after.warehouse());
            });
        }
        List<SortField<?>> order = new ArrayList<>(switch (sort) {
            case DRIFT -> List.of(STOCK_PAIR.DRIFT.desc(), STOCK_PAIR.SKU.asc());
            case SKU -> List.of(STOCK_PAIR.SKU.asc());
            case OLDEST_SYNC -> List.of(STOCK_PAIR.OLDEST_SYNCED_AT.asc(), STOCK_PAIR.SKU.asc());
        });
        // Within one warehouse the warehouse is the same on every row: leaving it out of the order lets H2 read the
        // warehouse-led index in order instead of sorting the warehouse's pairs.
        if (query.warehouses() == null || query.warehouses().size() != 1) {
            order.add(STOCK_PAIR.WAREHOUSE.asc());
        }
        // The page from the pairs alone (one index range in the sort's order), then the names of its SKUs: joined in
        // one query, H2 may plan the join first and sort every pair.
        var rows = dsl.selectFrom(STOCK_PAIR).where(where).orderBy(order).limit(limit + 1).fetch();
        List<StockPairRecord> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        Map<String, SkuRecord> skus = new HashMap<>();
        if (!page.isEmpty()) {
            dsl.selectFrom(SKU).where(SKU.SKU_.in(page.stream().map(StockPairRecord::getSku).distinct().toList()))
                    .forEach(r -> skus.put(r.getSku(), r));
        }
        List<InventoryViews.StockPair> items = new ArrayList<>(page.size());
        for (StockPairRecord r : page) {
            items.add(view(r, skus.get(r.getSku()), catalog, now));
        }
        return new Page(items, rows.size() > limit);
    }

    /** The pairs matching {@code query} as WAREHOUSE/SKU keys, in SKU order, at most {@code max}. */
    public List<String> keys(StockQuery query, int max, Instant now) {
        return dsl.select(STOCK_PAIR.WAREHOUSE, STOCK_PAIR.SKU).from(STOCK_PAIR)
                .where(condition(query, IntegrationCatalog.load(dsl), now))
                .orderBy(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).limit(max)
                .fetch(r -> r.value1() + "/" + r.value2());
    }

    /** The value a page's cursor carries for {@code sort}: the drift, or the oldest sync in epoch millis. */
    public static long sortValue(StockQuery.Sort sort, InventoryViews.StockPair pair) {
        return switch (sort) {
            case DRIFT -> pair.drift();
            case SKU -> 0;
            case OLDEST_SYNC -> oldest(pair).toEpochMilli();
        };
    }

    private static Instant oldest(InventoryViews.StockPair p) {
        Instant o = p.platform().syncedAt();
        if (p.erp().syncedAt().isBefore(o)) {
            o = p.erp().syncedAt();
        }
        return p.wms().syncedAt().isBefore(o) ? p.wms().syncedAt() : o;
    }

    /** One pair, if it exists (the caller checks the scope). */
    public Optional<InventoryViews.StockPair> find(String sku, String warehouse, Instant now) {
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        return dsl.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(sku)).and(STOCK_PAIR.WAREHOUSE.eq(warehouse))
                .fetchOptional().map(r -> view(r, dsl.selectFrom(SKU).where(SKU.SKU_.eq(sku)).fetchOne(), catalog,
                        now));
    }

    /** A pair with each system's recent history, its integrations' recent runs, adjustments and open failures. */
    public InventoryViews.StockDetail detail(InventoryViews.StockPair pair) {
        String sku = pair.sku();
        String warehouse = pair.warehouse();
        List<InventoryViews.StockPoint> history = dsl.selectFrom(STOCK_HISTORY)
                .where(STOCK_HISTORY.SKU.eq(sku)).and(STOCK_HISTORY.WAREHOUSE.eq(warehouse))
                .orderBy(STOCK_HISTORY.AT.desc()).limit(300).fetch()
                .map(h -> new InventoryViews.StockPoint(StockSystem.valueOf(h.getSystem()), instant(h.getAt()),
                        h.getQuantity(), h.getCause()));
        List<InventoryViews.StockPoint> oldestFirst = new ArrayList<>(history);
        java.util.Collections.reverse(oldestFirst);
        List<InventoryViews.SyncRun> syncs = dsl.selectFrom(SYNC_RUN)
                .where(SYNC_RUN.INTEGRATION_ID.in(IntegrationCatalog.PLATFORM_ID, IntegrationCatalog.ERP_ID,
                        IntegrationCatalog.wmsId(warehouse)))
                .orderBy(SYNC_RUN.STARTED_AT.desc()).limit(DETAIL_ROWS).fetch().map(StockStore::run);
        List<InventoryViews.Adjustment> adjustments = dsl.selectFrom(STOCK_ADJUSTMENT)
                .where(STOCK_ADJUSTMENT.SKU.eq(sku)).and(STOCK_ADJUSTMENT.WAREHOUSE.eq(warehouse))
                .orderBy(STOCK_ADJUSTMENT.AT.desc()).limit(DETAIL_ROWS).fetch().map(StockStore::adjustment);
        List<InventoryViews.OpenFailure> failures = dsl.select(FAILURE.ID, FAILURE.REASON, FAILURE.MESSAGE,
                        FAILURE.FIRST_SEEN_AT).from(FAILURE)
                .where(FAILURE.QUEUE.eq("INVENTORY_SYNC")).and(FAILURE.SKU.eq(sku))
                .and(FAILURE.WAREHOUSE.eq(warehouse)).and(FAILURE.STATUS.in("OPEN", "REPLAYING"))
                .orderBy(FAILURE.FIRST_SEEN_AT.desc()).limit(DETAIL_ROWS)
                .fetch(r -> new InventoryViews.OpenFailure(r.value1(), r.value2(), r.value3(), instant(r.value4())));
        return new InventoryViews.StockDetail(pair, oldestFirst, syncs, adjustments, failures);
    }

    /**
     * The drift of every warehouse {@code readable} lets through. Every SKU is stocked in every warehouse, so a
     * warehouse holds as many pairs as there are SKUs.
     */
    public List<InventoryViews.WarehouseDrift> summary(Scopes.Filter readable, Instant now,
                                                       Map<String, IntegrationRecord> worstByWarehouse,
                                                       Map<String, String> worstStatus) {
        long skus = dsl.fetchCount(SKU);
        Field<Integer> drifting = DSL.count();
        Field<java.math.BigDecimal> units = DSL.sum(STOCK_PAIR.DRIFT);
        Field<Integer> stuck = DSL.count().filterWhere(STOCK_PAIR.STUCK_AFTER.lt(utc(now)));
        Field<Integer> oversold = DSL.count().filterWhere(STOCK_PAIR.OVERSOLD.isTrue());
        Map<String, Record> byWarehouse = new java.util.HashMap<>();
        dsl.select(STOCK_PAIR.WAREHOUSE, drifting, units, stuck, oversold).from(STOCK_PAIR)
                .where(STOCK_PAIR.DRIFT.gt(0)).and(readable.condition(SCOPE_COLUMNS))
                .groupBy(STOCK_PAIR.WAREHOUSE)
                .forEach(r -> byWarehouse.put(r.get(STOCK_PAIR.WAREHOUSE), r));
        List<InventoryViews.WarehouseDrift> result = new ArrayList<>();
        for (var w : dsl.selectFrom(WAREHOUSE).where(readable.condition(new Scopes.Columns(null, WAREHOUSE.CODE,
                null, null, null))).orderBy(WAREHOUSE.CODE).fetch()) {
            Record r = byWarehouse.get(w.getCode());
            long d = r == null ? 0 : r.get(drifting);
            long u = r == null || r.get(units) == null ? 0 : r.get(units).longValue();
            long s = r == null ? 0 : r.get(stuck);
            long o = r == null ? 0 : r.get(oversold);
            IntegrationRecord worst = worstByWarehouse.get(w.getCode());
            result.add(new InventoryViews.WarehouseDrift(w.getCode(), w.getName(), w.getCountry(), w.getTimeZone(),
                    skus, d, u, d - s, s, o, worst == null ? null : worst.getId(),
                    worst == null ? null : worstStatus.get(worst.getId())));
        }
        return result;
    }

    /** Hourly drift since {@code since}, summed over {@code warehouses}. */
    public List<InventoryViews.DriftPoint> trend(List<String> warehouses, Instant since) {
        return dsl.select(DRIFT_SNAPSHOT.AT, DSL.sum(DRIFT_SNAPSHOT.DRIFTING_PAIRS), DSL.sum(DRIFT_SNAPSHOT.DRIFT_UNITS),
                        DSL.sum(DRIFT_SNAPSHOT.STUCK_PAIRS))
                .from(DRIFT_SNAPSHOT)
                .where(DRIFT_SNAPSHOT.WAREHOUSE.in(warehouses)).and(DRIFT_SNAPSHOT.AT.ge(utc(since)))
                .groupBy(DRIFT_SNAPSHOT.AT).orderBy(DRIFT_SNAPSHOT.AT)
                .fetch(r -> new InventoryViews.DriftPoint(instant(r.value1()), r.value2().longValue(),
                        r.value3().longValue(), r.value4().longValue()));
    }

    /** The warehouse codes {@code readable} lets through. */
    public List<String> warehouses(Scopes.Filter readable) {
        return dsl.select(WAREHOUSE.CODE).from(WAREHOUSE)
                .where(readable.condition(new Scopes.Columns(null, WAREHOUSE.CODE, null, null, null)))
                .orderBy(WAREHOUSE.CODE).fetch(WAREHOUSE.CODE);
    }

    public boolean warehouseExists(String code) {
        return dsl.fetchExists(WAREHOUSE, WAREHOUSE.CODE.eq(code));
    }

    // --- the filter ---

    private Condition condition(StockQuery q, IntegrationCatalog catalog, Instant now) {
        Condition c = q.readable().condition(SCOPE_COLUMNS);
        if (q.warehouses() != null) {
            c = c.and(q.warehouses().size() == 1 ? STOCK_PAIR.WAREHOUSE.eq(q.warehouses().iterator().next())
                    : STOCK_PAIR.WAREHOUSE.in(q.warehouses()));
        }
        if (q.q() != null) {
            c = c.and(text(q.q()));
        }
        if (Boolean.TRUE.equals(q.drifting())) {
            c = c.and(STOCK_PAIR.DRIFT.gt(0));
        } else if (Boolean.FALSE.equals(q.drifting())) {
            c = c.and(STOCK_PAIR.DRIFT.eq(0));
        }
        if (q.minDrift() != null) {
            c = c.and(STOCK_PAIR.DRIFT.ge(q.minDrift()));
        }
        if (q.state() != null) {
            c = c.and(switch (q.state()) {
                case IN_SYNC -> STOCK_PAIR.DRIFT.eq(0);
                case SETTLING -> STOCK_PAIR.DRIFT.gt(0).and(STOCK_PAIR.STUCK_AFTER.ge(utc(now)));
                case STUCK -> STOCK_PAIR.DRIFT.gt(0).and(STOCK_PAIR.STUCK_AFTER.lt(utc(now)));
            });
        }
        if (q.staleSystem() != null || q.olderThanMinutes() != null) {
            // One system older than N minutes, or (no system given) any of the three; N defaults to 60.
            int minutes = q.olderThanMinutes() == null ? StockQuery.DEFAULT_STALE_MINUTES : q.olderThanMinutes();
            var synced = q.staleSystem() == null ? STOCK_PAIR.OLDEST_SYNCED_AT : syncedAt(q.staleSystem());
            c = c.and(synced.lt(utc(now.minus(Duration.ofMinutes(minutes)))));
        }
        if (q.integration() != null) {
            c = c.and(catalog.find(q.integration()).map(i -> staleThrough(i, now)).orElse(DSL.falseCondition()));
        }
        if (Boolean.TRUE.equals(q.oversold())) {
            c = c.and(STOCK_PAIR.OVERSOLD.isTrue());
        } else if (Boolean.FALSE.equals(q.oversold())) {
            c = c.and(STOCK_PAIR.OVERSOLD.isFalse());
        }
        return c;
    }

    /** The pairs whose number from {@code integration} is older than its interval. */
    static Condition staleThrough(IntegrationRecord integration, Instant now) {
        StockSystem system = StockSystem.valueOf(integration.getSystem());
        Condition c = syncedAt(system).lt(utc(now.minusSeconds(integration.getIntervalSeconds())));
        return integration.getWarehouse() == null ? c : c.and(STOCK_PAIR.WAREHOUSE.eq(integration.getWarehouse()));
    }

    /** A SKU or EAN exactly, else a SKU that starts with the text or a name that contains it (any case). */
    private Condition text(String text) {
        String t = text.trim();
        if (t.matches("\\d{8,14}")) {
            String sku = dsl.select(SKU.SKU_).from(SKU).where(SKU.EAN.eq(t)).fetchOne(SKU.SKU_);
            if (sku != null) {
                return STOCK_PAIR.SKU.eq(sku);
            }
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (dsl.fetchExists(SKU, SKU.SKU_.eq(upper))) {
            return STOCK_PAIR.SKU.eq(upper);
        }
        String like = "%" + escape(upper) + "%";
        return STOCK_PAIR.SKU.in(DSL.select(SKU.SKU_).from(SKU)
                .where(SKU.SKU_.startsWith(upper).or(DSL.upper(SKU.NAME).like(like, '!'))));
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static Field<OffsetDateTime> syncedAt(StockSystem system) {
        return switch (system) {
            case PLATFORM -> STOCK_PAIR.PLATFORM_SYNCED_AT;
            case ERP -> STOCK_PAIR.ERP_SYNCED_AT;
            case WMS -> STOCK_PAIR.WMS_SYNCED_AT;
        };
    }

    // --- rows to views ---

    private static InventoryViews.StockPair view(StockPairRecord r, SkuRecord sku, IntegrationCatalog catalog,
                                                 Instant now) {
        String warehouse = r.getWarehouse();
        Instant stuckAfter = instant(r.getStuckAfter());
        int drift = r.getDrift();
        return new InventoryViews.StockPair(r.getSku(), sku.getName(), sku.getEan(), sku.getUnit(), warehouse,
                system(r.getPlatformQty(), r.getPlatformVersion(), r.getPlatformSyncedAt(),
                        catalog.interval(StockSystem.PLATFORM, warehouse), now),
                system(r.getErpQty(), r.getErpVersion(), r.getErpSyncedAt(),
                        catalog.interval(StockSystem.ERP, warehouse), now),
                system(r.getWmsQty(), r.getWmsVersion(), r.getWmsSyncedAt(),
                        catalog.interval(StockSystem.WMS, warehouse), now),
                drift, instant(r.getDriftSince()), Drift.state(drift, stuckAfter, now), stuckAfter, r.getOversold());
    }

    private static InventoryViews.SystemStock system(int qty, long version, OffsetDateTime syncedAt,
                                                     Duration interval, Instant now) {
        Instant at = instant(syncedAt);
        return new InventoryViews.SystemStock(qty, version, at, at.isBefore(now.minus(interval)));
    }

    static InventoryViews.SyncRun run(SyncRunRecord r) {
        return new InventoryViews.SyncRun(r.getId(), r.getIntegrationId(), instant(r.getStartedAt()),
                instant(r.getFinishedAt()), r.getStatus(), r.getItems(), r.getErrors(), r.getLagSeconds(),
                r.getMessage());
    }

    static InventoryViews.Adjustment adjustment(StockAdjustmentRecord a) {
        return new InventoryViews.Adjustment(a.getId(), a.getSku(), a.getWarehouse(), a.getReason(), a.getDelta(),
                a.getQuantityBefore(), a.getQuantityAfter(), a.getVersionAfter(), a.getNote(), a.getActor(),
                instant(a.getAt()));
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
