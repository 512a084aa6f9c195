package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.DRIFT_SNAPSHOT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.NAME_TRIGRAM;
import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_ADJUSTMENT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.SYNC_RUN;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE_DRIFT;

import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import dev.opsdesk.sandbox.db.tables.records.SkuRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.db.tables.records.StockAdjustmentRecord;
import dev.opsdesk.sandbox.db.tables.records.SyncRunRecord;
import dev.opsdesk.sandbox.db.tables.records.WarehouseDriftRecord;
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
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The stock matrix as stored: pages of pairs, one pair with its history, and the per-warehouse drift. */
public final class StockStore {

    public static final Scopes.Columns SCOPE_COLUMNS = new Scopes.Columns(null, STOCK_PAIR.WAREHOUSE, null, null,
            null);
    private static final int DETAIL_ROWS = 50;

    private final DSLContext dsl;
    private final int fewSkus;

    public StockStore(DSLContext dsl) {
        this(dsl, FEW_SKUS);
    }

    /** {@code fewSkus}: up to how many SKUs a text may match to be listed (tests move it to try both plans). */
    public StockStore(DSLContext dsl, int fewSkus) {
        this.dsl = dsl;
        this.fewSkus = fewSkus;
    }

    public record Page(List<InventoryViews.StockPair> items, boolean hasMore) {
    }

    /**
     * A page of pairs. H2 left to itself often reads a whole range of a filter's index and sorts it; so the plan is
     * chosen here: the pairs are read in the sort's order from the index made for it ({@code USE INDEX}), led by the
     * warehouse when there is one, filtered on the way, and the read stops at the page's end. Several warehouses (a
     * warehouse user's scope, a filter on some) are one such read per warehouse, merged here, as the audit trail's
     * reads are. Only a filter that already picks few pairs (an exact SKU, a text that matches few SKUs, oversold in
     * a warehouse) is left to H2's own plan, which then sorts those few.
     */
    public Page list(StockQuery query, StockQuery.Sort sort, StockQuery.After after, int limit, Instant now) {
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        if (query.readable().nothing()) {
            return new Page(List.of(), false);
        }
        Text text = query.q() == null ? null : text(query.q());
        Condition where = condition(query, text, catalog, now);
        if (after != null) {
            where = where.and(after(sort, after));
        }
        // Few pairs: an exact SKU, a text matching few SKUs, oversold ones, drifts still settling (they began within
        // an interval: one short range of the stuck deadline).
        java.util.function.Predicate<String> keep = text == null ? null : text.keep();
        boolean few = text != null && text.few() || Boolean.TRUE.equals(query.oversold())
                || query.state() == Drift.State.SETTLING;
        Set<String> warehouses = warehouses(query);
        if (warehouses != null && warehouses.isEmpty()) {
            return new Page(List.of(), false);
        }
        List<StockPairRecord> rows;
        if (warehouses != null && warehouses.size() > 1 && !few) {
            rows = new ArrayList<>();
            for (String w : warehouses) {
                rows.addAll(read(where.and(STOCK_PAIR.WAREHOUSE.eq(w)), sort, List.of(STOCK_PAIR.WAREHOUSE),
                        orderedIndex(sort, true), limit + 1, keep));
            }
            rows.sort(comparator(sort));
            if (rows.size() > limit + 1) {
                rows = rows.subList(0, limit + 1);
            }
        } else {
            boolean one = warehouses != null && warehouses.size() == 1;
            if (one) {
                where = where.and(STOCK_PAIR.WAREHOUSE.eq(warehouses.iterator().next()));
            }
            String index = few ? null : orderedIndex(sort, one);
            List<Field<?>> leading = one ? List.of(STOCK_PAIR.WAREHOUSE) : List.of();
            if (query.state() == Drift.State.SETTLING) {
                index = one ? "IX_STOCK_WH_STUCK" : "IX_STOCK_STUCK";
            }
            if (Boolean.TRUE.equals(query.oversold()) && sort == StockQuery.Sort.DRIFT && warehouses == null) {
                index = "IX_STOCK_OVERSOLD";
                leading = List.of(STOCK_PAIR.OVERSOLD);
            }
            rows = read(where, sort, leading, index, limit + 1, keep);
        }
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

    /**
     * The pairs of the page from the pairs alone (the names of its SKUs are read after: joined in one query, H2 may
     * plan the join first and sort every pair), through {@code index} when one is given. {@code leading}: the
     * columns the condition fixes to one value that lead the index (the warehouse; oversold): H2 reads an index in
     * order only when the ORDER BY starts with its leading columns, even those the condition holds constant.
     */
    private List<StockPairRecord> read(Condition where, StockQuery.Sort sort, List<Field<?>> leading, String index,
                                       int limit, java.util.function.Predicate<String> keep) {
        List<SortField<?>> order = new ArrayList<>();
        leading.forEach(f -> order.add(f.asc()));
        order.addAll(switch (sort) {
            case DRIFT -> List.of(STOCK_PAIR.DRIFT.desc(), STOCK_PAIR.SKU.asc());
            case SKU -> List.of(STOCK_PAIR.SKU.asc());
            case OLDEST_SYNC -> List.of(STOCK_PAIR.OLDEST_SYNCED_AT.asc(), STOCK_PAIR.SKU.asc());
        });
        if (!leading.contains(STOCK_PAIR.WAREHOUSE)) {
            order.add(STOCK_PAIR.WAREHOUSE.asc());
        }
        Table<?> from = index == null ? STOCK_PAIR : DSL.table("{0} USE INDEX ({1})", STOCK_PAIR,
                DSL.unquotedName(index));
        if (keep == null) {
            return dsl.select(STOCK_PAIR.fields()).from(from).where(where).orderBy(order).limit(limit)
                    .fetchInto(StockPairRecord.class);
        }
        // Chunks in the list's order, each continuing after the last, kept or not, until the page is full.
        List<StockPairRecord> kept = new ArrayList<>();
        Condition next = where;
        while (true) {
            List<StockPairRecord> chunk = dsl.select(STOCK_PAIR.fields()).from(from).where(next).orderBy(order)
                    .limit(CHUNK).fetchInto(StockPairRecord.class);
            for (StockPairRecord r : chunk) {
                if (keep.test(r.getSku())) {
                    kept.add(r);
                    if (kept.size() == limit) {
                        return kept;
                    }
                }
            }
            if (chunk.size() < CHUNK) {
                return kept;
            }
            StockPairRecord last = chunk.get(chunk.size() - 1);
            next = where.and(after(sort, new StockQuery.After(sortValue(sort, last), last.getSku(),
                    last.getWarehouse())));
        }
    }

    /** Rows read at a time when each is tested here. */
    private static final int CHUNK = 400;

    /** The pairs after {@code after} in {@code sort}'s order (SKU, then warehouse, make it total). */
    private static Condition after(StockQuery.Sort sort, StockQuery.After after) {
        return switch (sort) {
            case DRIFT -> STOCK_PAIR.DRIFT.lt((int) after.value()).or(STOCK_PAIR.DRIFT.eq((int) after.value())
                    .and(DSL.row(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).gt(after.sku(), after.warehouse())));
            case SKU -> DSL.row(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE).gt(after.sku(), after.warehouse());
            case OLDEST_SYNC -> DSL.row(STOCK_PAIR.OLDEST_SYNCED_AT, STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE)
                    .gt(utc(Instant.ofEpochMilli(after.value())), after.sku(), after.warehouse());
        };
    }

    private static long sortValue(StockQuery.Sort sort, StockPairRecord r) {
        return switch (sort) {
            case DRIFT -> r.getDrift();
            case SKU -> 0;
            case OLDEST_SYNC -> r.getOldestSyncedAt().toInstant().toEpochMilli();
        };
    }

    /** The index that holds the pairs in {@code sort}'s order (led by the warehouse, within one), or null: the key. */
    private static String orderedIndex(StockQuery.Sort sort, boolean oneWarehouse) {
        return switch (sort) {
            case DRIFT -> oneWarehouse ? "IX_STOCK_WH_DRIFT" : "IX_STOCK_DRIFT";
            case SKU -> oneWarehouse ? "IX_STOCK_WH_SKU" : null;
            case OLDEST_SYNC -> oneWarehouse ? "IX_STOCK_WH_OLDEST" : "IX_STOCK_OLDEST";
        };
    }

    /** The list's total order, as the SQL orders it: {@code sort}, then SKU, then warehouse. */
    private static java.util.Comparator<StockPairRecord> comparator(StockQuery.Sort sort) {
        java.util.Comparator<StockPairRecord> first = switch (sort) {
            case DRIFT -> java.util.Comparator.comparing(StockPairRecord::getDrift).reversed();
            case SKU -> (a, b) -> 0;
            case OLDEST_SYNC -> java.util.Comparator.comparing(StockPairRecord::getOldestSyncedAt);
        };
        return first.thenComparing(StockPairRecord::getSku).thenComparing(StockPairRecord::getWarehouse);
    }

    /** The warehouses the list may show: those asked for within the caller's scope; null for every one. */
    private static Set<String> warehouses(StockQuery q) {
        Set<String> scope = q.readable().warehouses();
        if (q.warehouses() == null) {
            return scope == null ? null : new java.util.TreeSet<>(scope);
        }
        Set<String> w = new java.util.TreeSet<>(q.warehouses());
        if (scope != null) {
            w.retainAll(scope);
        }
        return w;
    }

    /** The pairs matching {@code query} as WAREHOUSE/SKU keys, in SKU order, at most {@code max}. */
    public List<String> keys(StockQuery query, int max, Instant now) {
        Text text = query.q() == null ? null : text(query.q());
        var select = dsl.select(STOCK_PAIR.WAREHOUSE, STOCK_PAIR.SKU).from(STOCK_PAIR)
                .where(condition(query, text, IntegrationCatalog.load(dsl), now))
                .orderBy(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE);
        if (text == null || text.keep() == null) {
            return select.limit(max).fetch(r -> r.value1() + "/" + r.value2());
        }
        List<String> keys = new ArrayList<>();
        try (var cursor = select.fetchLazy()) {
            for (var r : cursor) {
                if (text.keep().test(r.value2())) {
                    keys.add(r.value1() + "/" + r.value2());
                    if (keys.size() == max) {
                        break;
                    }
                }
            }
        }
        return keys;
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

    /** The view of a pair's row as a write just stored it (no need to read it back), with its SKU's name and EAN. */
    public Optional<InventoryViews.StockPair> view(StockPairRecord stored, IntegrationCatalog catalog, Instant now) {
        return dsl.selectFrom(SKU).where(SKU.SKU_.eq(stored.getSku())).fetchOptional()
                .map(sku -> view(stored, sku, catalog, now));
    }

    /** As {@link #view(StockPairRecord, IntegrationCatalog, Instant)} for many rows, their SKUs read at once. */
    public List<InventoryViews.StockPair> views(List<StockPairRecord> stored, IntegrationCatalog catalog,
                                                Instant now) {
        java.util.Map<String, SkuRecord> skus = new java.util.HashMap<>();
        dsl.selectFrom(SKU).where(SKU.SKU_.in(stored.stream().map(StockPairRecord::getSku).distinct().toList()))
                .forEach(s -> skus.put(s.getSku(), s));
        List<InventoryViews.StockPair> views = new ArrayList<>(stored.size());
        for (StockPairRecord r : stored) {
            SkuRecord sku = skus.get(r.getSku());
            if (sku != null) {
                views.add(view(r, sku, catalog, now));
            }
        }
        return views;
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
     * The drift of every warehouse {@code readable} lets through, from the totals every write keeps
     * ({@link StockPairs}) and one index range for the pairs still settling. Every SKU is stocked in every
     * warehouse, so a warehouse holds as many pairs as there are SKUs.
     */
    public List<InventoryViews.WarehouseDrift> summary(Scopes.Filter readable, Instant now,
                                                       Map<String, IntegrationRecord> worstByWarehouse,
                                                       Map<String, String> worstStatus) {
        long skus = dsl.fetchCount(SKU);
        Map<String, WarehouseDriftRecord> totals = new HashMap<>();
        dsl.selectFrom(WAREHOUSE_DRIFT).forEach(r -> totals.put(r.getWarehouse(), r));
        // Stuck depends on the time of the read: the drifting pairs less those still settling, whose deadline is
        // still ahead (one range of the deadline's index; settling drifts are the young ones, so usually few).
        Map<String, Integer> settling = new HashMap<>();
        dsl.select(STOCK_PAIR.WAREHOUSE, DSL.count()).from(STOCK_PAIR)
                .where(STOCK_PAIR.STUCK_AFTER.ge(utc(now))).groupBy(STOCK_PAIR.WAREHOUSE)
                .forEach(r -> settling.put(r.value1(), r.value2()));
        List<InventoryViews.WarehouseDrift> result = new ArrayList<>();
        for (var w : dsl.selectFrom(WAREHOUSE).where(readable.condition(new Scopes.Columns(null, WAREHOUSE.CODE,
                null, null, null))).orderBy(WAREHOUSE.CODE).fetch()) {
            WarehouseDriftRecord t = totals.get(w.getCode());
            long d = t == null ? 0 : t.getDriftingPairs();
            long u = t == null ? 0 : t.getDriftUnits();
            long o = t == null ? 0 : t.getOversoldPairs();
            long s = d - settling.getOrDefault(w.getCode(), 0);
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

    private Condition condition(StockQuery q, Text text, IntegrationCatalog catalog, Instant now) {
        Condition c = q.readable().condition(SCOPE_COLUMNS);
        if (q.warehouses() != null) {
            c = c.and(q.warehouses().size() == 1 ? STOCK_PAIR.WAREHOUSE.eq(q.warehouses().iterator().next())
                    : STOCK_PAIR.WAREHOUSE.in(q.warehouses()));
        }
        if (text != null) {
            c = c.and(text.condition());
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

    /**
     * What {@code q} matches: a condition on the pairs and whether it picks few pairs by itself; or ({@code keep} not
     * null) a test of each pair read in the list's order, for a text that matches many SKUs.
     */
    private record Text(Condition condition, boolean few, java.util.function.Predicate<String> keep) {

        Text(Condition condition, boolean few) {
            this(condition, few, null);
        }
    }

    /** The catalogue's names and which SKUs bear each, as read when the catalogue last had a different size. */
    private record Catalogue(int size, Map<String, List<String>> skusByName, Map<String, String> nameBySku) {
    }

    private volatile Catalogue catalogue = new Catalogue(-1, Map.of(), Map.of());

    /**
     * Which SKUs bear which name: read once and kept (SKUs are only ever added, by the seed, and names never change;
     * a different count of SKUs reads it again).
     */
    private Catalogue catalogue() {
        int size = dsl.fetchCount(SKU);
        Catalogue c = catalogue;
        if (c.size() != size) {
            Map<String, List<String>> byName = new HashMap<>();
            Map<String, String> bySku = new HashMap<>();
            dsl.select(SKU.SKU_, SKU.NAME).from(SKU).forEach(r -> {
                byName.computeIfAbsent(r.value2(), n -> new ArrayList<>()).add(r.value1());
                bySku.put(r.value1(), r.value2());
            });
            c = new Catalogue(size, byName, bySku);
            catalogue = c;
        }
        return c;
    }

    /** At most this many SKUs matched by a text are "few": H2 reads their pairs by key and sorts them. */
    public static final int FEW_SKUS = 500;

    /**
     * A SKU or EAN exactly, else a SKU that starts with the text or a name that contains it (any case). The names
     * come from the trigram index (the names holding every three-letter piece of the text, checked against it), their
     * SKUs from the catalogue kept in memory; few matching SKUs are listed in the condition, many are tested on each
     * pair as the pairs are read in order. A text shorter than three letters is tested on the pairs too.
     */
    private Text text(String text) {
        String t = text.trim();
        if (t.matches("\\d{8,14}")) {
            String sku = dsl.select(SKU.SKU_).from(SKU).where(SKU.EAN.eq(t)).fetchOne(SKU.SKU_);
            if (sku != null) {
                return new Text(STOCK_PAIR.SKU.eq(sku), true);
            }
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (dsl.fetchExists(SKU, SKU.SKU_.eq(upper))) {
            return new Text(STOCK_PAIR.SKU.eq(upper), true);
        }
        Set<String> pieces = trigrams(t);
        Catalogue catalogue = catalogue();
        if (pieces.isEmpty()) {
            // Too short for the trigrams: every pair read in order is tested on its SKU and its SKU's name.
            return new Text(DSL.trueCondition(), false, sku -> sku.startsWith(upper)
                    || catalogue.nameBySku().getOrDefault(sku, "").toUpperCase(Locale.ROOT).contains(upper));
        }
        List<String> names = dsl.select(NAME_TRIGRAM.NAME).from(NAME_TRIGRAM)
                .where(NAME_TRIGRAM.TRIGRAM.in(pieces)).groupBy(NAME_TRIGRAM.NAME)
                .having(DSL.count().eq(pieces.size())).fetch(NAME_TRIGRAM.NAME).stream()
                .filter(n -> n.toUpperCase(Locale.ROOT).contains(upper)).toList();
        Set<String> named = new java.util.HashSet<>();
        names.forEach(n -> named.addAll(catalogue.skusByName().getOrDefault(n, List.of())));
        List<String> prefixed = dsl.select(SKU.SKU_).from(SKU).where(SKU.SKU_.startsWith(upper))
                .limit(fewSkus + 1).fetch(SKU.SKU_);
        if (named.size() + prefixed.size() <= fewSkus) {
            Set<String> matches = new java.util.TreeSet<>(named);
            matches.addAll(prefixed);
            return new Text(matches.isEmpty() ? DSL.falseCondition() : STOCK_PAIR.SKU.in(matches), true);
        }
        // Many: the pairs are read in the list's order and each tested here, until the page is full.
        return new Text(DSL.trueCondition(), false, sku -> sku.startsWith(upper) || named.contains(sku));
    }

    /** The three-letter pieces of {@code text} in lower case, as {@code name_trigram} holds them for names. */
    public static Set<String> trigrams(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> pieces = new java.util.LinkedHashSet<>();
        for (int i = 0; i + 3 <= lower.length(); i++) {
            pieces.add(lower.substring(i, i + 3));
        }
        return pieces;
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
