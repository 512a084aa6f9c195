package dev.opsdesk.sandbox.stockcount;

import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_COUNT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_COUNT_ENTRY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_COUNT_LINE;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.db.tables.records.StockCountRecord;
import dev.opsdesk.sandbox.inventory.StockMovements;
import dev.opsdesk.sandbox.reconciliation.Batches;
import dev.opsdesk.sandbox.reconciliation.ReconService;
import dev.opsdesk.sandbox.reconciliation.ReconViews;
import dev.opsdesk.sandbox.reconciliation.Slice;
import dev.opsdesk.sandbox.reconciliation.StockCountRuns;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Blind stock counts: a sheet of a warehouse's SKUs (all, a zone, or a list) that remembers each line's on-hand when
 * it was put on the sheet but never shows it; entries (typed, scanned, from a scanner file) that add up per SKU and
 * are kept as evidence; submission into a {@code STOCK_COUNT} reconciliation run of the variances; cancellation. Each
 * change is one transaction that locks the count's row first and appends its audit events last.
 */
public final class StockCounts {

    public static final String ENTITY = "stock_count";
    /** How many field errors one refused request names (a 20,000-line file of wrong codes says enough by then). */
    private static final int MAX_ERRORS = 100;
    private static final int CHUNK = 1_000;

    private final DSLContext dsl;
    private final Clock clock;
    private final ReconService recon;

    public StockCounts(DSLContext dsl, Clock clock, ReconService recon) {
        this.dsl = dsl;
        this.clock = clock;
        this.recon = recon;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    // --- who may ---

    /** A count is read by those who count in its warehouse and by the readers of its warehouse's stock-count runs. */
    static boolean mayRead(Scopes reader, String warehouse) {
        return reader.may(Permission.STOCKCOUNT_SUBMIT, Target.inWarehouse(warehouse))
                || reader.may(Permission.RECON_READ, Target.reconciliation(StockCountRuns.KIND, warehouse, null));
    }

    /** Whether the reader may see stock counts at all (of some warehouse; which ones, each count says). */
    public static boolean mayReadAny(Scopes reader) {
        return reader.has(Permission.STOCKCOUNT_SUBMIT) || reader.has(Permission.RECON_READ);
    }

    private StockCountRecord readable(DSLContext tx, Scopes reader, String id, boolean lock) {
        var query = tx.selectFrom(STOCK_COUNT).where(STOCK_COUNT.ID.eq(id));
        StockCountRecord count = lock ? query.forUpdate().fetchOne() : query.fetchOne();
        if (count == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no stock count " + id + ".");
        }
        if (reader != null && !mayRead(reader, count.getWarehouse())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role does not let you see the counts of "
                    + count.getWarehouse() + ".");
        }
        return count;
    }

    private static void requireCounter(Scopes actor, String warehouse) {
        if (!actor.may(Permission.STOCKCOUNT_SUBMIT, Target.inWarehouse(warehouse))) {
            throw new ApiException(ProblemType.FORBIDDEN, actor.has(Permission.STOCKCOUNT_SUBMIT)
                    ? "You count stock only in your own warehouses, not in " + warehouse + "."
                    : "Your role cannot count stock.");
        }
    }

    private static void requireOpen(StockCountRecord count, String doing) {
        if (!"OPEN".equals(count.getState())) {
            String state = "SUBMITTED".equals(count.getState())
                    ? "submitted already (run " + count.getRunId() + ")" : "cancelled";
            throw new ApiException(ProblemType.CONFLICT, "Count " + count.getId() + " is " + state + "; "
                    + doing + " only while it is open.");
        }
    }

    /** 404/403 before anything about a request's body. */
    public void checkReadable(Scopes reader, String id) {
        readable(dsl, reader, id, false);
    }

    // --- start ---

    /**
     * A catalogue code (SKU or EAN) → its SKU, for those of {@code codes} the catalogue knows. More codes than a chunk:
     * the catalogue's codes in one read, filtered here (H2 answers an {@code IN} list of many bind values by scanning,
     * so twenty chunks of 1,000 took tens of seconds); fewer: two index reads.
     */
    static Map<String, String> resolve(DSLContext tx, Collection<String> codes) {
        Set<String> all = new java.util.HashSet<>(codes);
        Map<String, String> bySku = new HashMap<>();
        Map<String, String> byEan = new HashMap<>();
        if (all.size() > CHUNK) {
            tx.select(SKU.SKU_, SKU.EAN).from(SKU).fetchLazy().forEach(r -> {
                if (all.contains(r.value1())) {
                    bySku.put(r.value1(), r.value1());
                }
                if (all.contains(r.value2())) {
                    byEan.put(r.value2(), r.value1());
                }
            });
        } else if (!all.isEmpty()) {
            // Two index reads: H2 scans the table for "sku IN (…) OR ean IN (…)".
            tx.select(SKU.SKU_).from(SKU).where(SKU.SKU_.in(all)).forEach(r -> bySku.put(r.value1(), r.value1()));
            tx.select(SKU.SKU_, SKU.EAN).from(SKU).where(SKU.EAN.in(all)).forEach(r -> byEan.put(r.value2(), r.value1()));
        }
        Map<String, String> out = new HashMap<>(bySku);
        out.putAll(byEan);
        return out;
    }

    /** A stock pair as a sheet line starts from it. */
    private record Pair(String sku, int quantity, long version, String zone) {
    }

    /**
     * The warehouse's pairs of {@code skus} (those it has). Many SKUs: the warehouse's pairs in one index range,
     * filtered here, for the same reason as {@link #resolve}; few: one {@code IN} read.
     */
    private static Map<String, Pair> pairs(DSLContext tx, String warehouse, Collection<String> skus) {
        Map<String, Pair> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        Set<String> wanted = new java.util.HashSet<>(skus);
        Condition where = STOCK_PAIR.WAREHOUSE.eq(warehouse);
        if (wanted.size() <= CHUNK) {
            where = where.and(STOCK_PAIR.SKU.in(wanted));
        }
        tx.select(STOCK_PAIR.SKU, STOCK_PAIR.PLATFORM_QTY, STOCK_PAIR.PLATFORM_VERSION, STOCK_PAIR.ZONE)
                .from(STOCK_PAIR).where(where).fetchLazy().forEach(r -> {
                    if (wanted.contains(r.value1())) {
                        out.put(r.value1(), new Pair(r.value1(), r.value2(), r.value3(), r.value4()));
                    }
                });
        return out;
    }

    public StockCountViews.Count start(Scopes actor, String warehouse, String scope, String zone,
                                       List<String> codes) {
        requireCounter(actor, warehouse);
        if (!dsl.fetchExists(WAREHOUSE, WAREHOUSE.CODE.eq(warehouse))) {
            throw ApiException.unprocessable("warehouse", "There is no warehouse " + warehouse + ".");
        }
        Set<String> skus = new LinkedHashSet<>();
        if ("LIST".equals(scope)) {
            Map<String, String> known = resolve(dsl, codes);
            Set<String> stocked = pairs(dsl, warehouse, new LinkedHashSet<>(known.values())).keySet();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < codes.size() && errors.size() < MAX_ERRORS; i++) {
                String sku = known.get(codes.get(i));
                if (sku == null) {
                    errors.add(new FieldError("codes[" + i + "]", "No SKU or EAN '" + codes.get(i)
                            + "' in the catalogue."));
                } else if (!stocked.contains(sku)) {
                    errors.add(new FieldError("codes[" + i + "]", sku + " has no stock record at " + warehouse
                            + "."));
                } else {
                    skus.add(sku);
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.unprocessable(errors.size() == 1 ? errors.get(0).message() : errors.size()
                        + " codes cannot be counted at " + warehouse + "; see errors.", errors);
            }
        }
        Instant now = now();
        String id = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            String countId = String.format("C-%06d", tx.nextval(Sequences.STOCK_COUNT_ID_SEQ));
            tx.insertInto(STOCK_COUNT)
                    .set(STOCK_COUNT.ID, countId).set(STOCK_COUNT.WAREHOUSE, warehouse).set(STOCK_COUNT.SCOPE, scope)
                    .set(STOCK_COUNT.ZONE, "ZONE".equals(scope) ? zone : null).set(STOCK_COUNT.STATE, "OPEN")
                    .set(STOCK_COUNT.STARTED_BY, actor.username()).set(STOCK_COUNT.STARTED_AT, utc(now))
                    .set(STOCK_COUNT.LINE_COUNT, 0).set(STOCK_COUNT.COUNTED_LINES, 0)
                    .set(STOCK_COUNT.ENTRY_COUNT, 0).set(STOCK_COUNT.VERSION, 1).execute();
            Condition which = STOCK_PAIR.WAREHOUSE.eq(warehouse);
            if ("ZONE".equals(scope)) {
                which = which.and(STOCK_PAIR.ZONE.eq(zone).or(STOCK_PAIR.ZONE.like(escape(zone) + "-%", '!')));
            }
            int lines = 0;
            if ("LIST".equals(scope)) {
                Map<String, Pair> pairs = pairs(tx, warehouse, skus);
                List<Pair> list = skus.stream().map(pairs::get).filter(java.util.Objects::nonNull).toList();
                insertLines(tx, countId, now, list, false);
                lines = list.size();
            } else {
                lines = sheet(tx, countId, now, which);
            }
            if (lines == 0) {
                throw ApiException.unprocessable("zone", "No SKU lies in zone " + zone + " at " + warehouse
                        + "; zones are a letter (A) or a letter and an aisle (A-03).");
            }
            tx.update(STOCK_COUNT).set(STOCK_COUNT.LINE_COUNT, lines).where(STOCK_COUNT.ID.eq(countId)).execute();
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "stockcount.started", ENTITY, countId)
                    .warehouse(warehouse).with("scope", scope).with("zone", zone).with("lines", (long) lines));
            return countId;
        });
        return get(actor, id);
    }

    private static String escape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Puts {@code pairs} on the sheet with their on-hand and version as read, in JDBC batches. */
    private static void insertLines(DSLContext tx, String countId, Instant now, List<Pair> pairs, boolean added) {
        Object at = utc(now);
        Batches.insert(tx, "INSERT INTO stock_count_line (count_id, sku, zone, qty_at_start, version_at_start,"
                + " taken_at, added_by_count, counted, entry_count) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0)",
                pairs.size(), (i, ps) -> {
                    Pair p = pairs.get(i);
                    ps.setString(1, countId);
                    ps.setString(2, p.sku());
                    ps.setString(3, p.zone() == null ? "" : p.zone());
                    ps.setInt(4, p.quantity());
                    ps.setLong(5, p.version());
                    ps.setObject(6, at);
                    ps.setBoolean(7, added);
                });
    }

    /** Puts the pairs {@code which} selects on the sheet with their on-hand and version now; how many. */
    private static int sheet(DSLContext tx, String countId, Instant now, Condition which) {
        return tx.insertInto(STOCK_COUNT_LINE, STOCK_COUNT_LINE.COUNT_ID, STOCK_COUNT_LINE.SKU, STOCK_COUNT_LINE.ZONE,
                        STOCK_COUNT_LINE.QTY_AT_START, STOCK_COUNT_LINE.VERSION_AT_START, STOCK_COUNT_LINE.TAKEN_AT,
                        STOCK_COUNT_LINE.ADDED_BY_COUNT, STOCK_COUNT_LINE.ENTRY_COUNT)
                .select(DSL.select(DSL.val(countId), STOCK_PAIR.SKU, DSL.coalesce(STOCK_PAIR.ZONE, DSL.val("")),
                                STOCK_PAIR.PLATFORM_QTY, STOCK_PAIR.PLATFORM_VERSION, DSL.val(utc(now)),
                                DSL.val(false), DSL.val(0))
                        .from(STOCK_PAIR).where(which))
                .execute();
    }

    // --- entries ---

    private record SheetLine(String sku, Integer counted, int entries) {
    }

    public StockCountViews.EntriesResult addEntries(Scopes actor, String countId,
                                                    List<StockCountViews.EntryInput> entries, String fileName) {
        Instant now = now();
        Set<String> touched = new LinkedHashSet<>();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            StockCountRecord count = readable(tx, actor, countId, true);
            requireCounter(actor, count.getWarehouse());
            requireOpen(count, "entries can be added");
            Map<String, SheetLine> sheet = new HashMap<>();
            Map<String, String> codes = new HashMap<>();
            tx.select(STOCK_COUNT_LINE.SKU, STOCK_COUNT_LINE.COUNTED, STOCK_COUNT_LINE.ENTRY_COUNT, SKU.EAN)
                    .from(STOCK_COUNT_LINE).join(SKU).on(SKU.SKU_.eq(STOCK_COUNT_LINE.SKU))
                    .where(STOCK_COUNT_LINE.COUNT_ID.eq(countId)).forEach(r -> {
                        sheet.put(r.value1(), new SheetLine(r.value1(), r.value2(), r.value3()));
                        codes.put(r.value1(), r.value1());
                        codes.put(r.value4(), r.value1());
                    });
            List<String> unresolved = entries.stream().map(StockCountViews.EntryInput::code)
                    .filter(code -> !codes.containsKey(code)).distinct().toList();
            if (!unresolved.isEmpty()) {
                codes.putAll(resolve(tx, unresolved));
            }
            // SKUs of the catalogue not on the sheet: found where the sheet did not expect them, added with their
            // on-hand now as the start.
            Set<String> fresh = new LinkedHashSet<>();
            for (StockCountViews.EntryInput e : entries) {
                String sku = codes.get(e.code());
                if (sku != null && !sheet.containsKey(sku)) {
                    fresh.add(sku);
                }
            }
            Map<String, Pair> pairs = pairs(tx, count.getWarehouse(), fresh);
            List<FieldError> errors = new ArrayList<>();
            Map<String, Long> sums = new LinkedHashMap<>();
            Map<String, Integer> lastIndex = new HashMap<>();
            Map<String, Integer> perSku = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                StockCountViews.EntryInput e = entries.get(i);
                String sku = codes.get(e.code());
                if (sku == null) {
                    errors.add(new FieldError("entries[" + i + "].code", "No SKU or EAN '" + e.code()
                            + "' in the catalogue."));
                } else if (!sheet.containsKey(sku) && !pairs.containsKey(sku)) {
                    errors.add(new FieldError("entries[" + i + "].code", sku + " has no stock record at "
                            + count.getWarehouse() + "; it cannot be counted there."));
                } else {
                    sums.merge(sku, (long) e.quantity(), Long::sum);
                    lastIndex.put(sku, i);
                    perSku.merge(sku, 1, Integer::sum);
                }
            }
            for (Map.Entry<String, Long> s : sums.entrySet()) {
                SheetLine line = sheet.get(s.getKey());
                long total = (line == null || line.counted() == null ? 0 : line.counted()) + s.getValue();
                if (total < 0 || total > Integer.MAX_VALUE) {
                    errors.add(new FieldError("entries[" + lastIndex.get(s.getKey()) + "].quantity", "This would"
                            + " bring the count of " + s.getKey() + " to " + total + "; a line's total cannot go "
                            + (total < 0 ? "below 0." : "that high.")));
                }
            }
            if (!errors.isEmpty()) {
                errors.sort(java.util.Comparator.comparingInt(StockCounts::entryIndex));
                List<FieldError> named = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
                throw ApiException.unprocessable(errors.size() == 1 ? errors.get(0).message()
                        : errors.size() + " entries cannot be recorded" + (errors.size() > MAX_ERRORS
                        ? " (the first " + MAX_ERRORS + " are named)" : "") + "; nothing was stored.", named);
            }
            List<String> added = new ArrayList<>(fresh);
            insertLines(tx, countId, now, added.stream().map(pairs::get).toList(), true);
            Object at = utc(now);
            Batches.insert(tx, "INSERT INTO stock_count_entry (count_id, sku, code, quantity, source, file_name,"
                    + " file_line, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", entries.size(), (i, ps) -> {
                        StockCountViews.EntryInput e = entries.get(i);
                        ps.setString(1, countId);
                        ps.setString(2, codes.get(e.code()));
                        ps.setString(3, e.code());
                        ps.setInt(4, e.quantity());
                        ps.setString(5, e.source());
                        ps.setString(6, fileName);
                        ps.setObject(7, e.fileLine());
                        ps.setString(8, actor.username());
                        ps.setObject(9, at);
                    });
            List<String> skus = new ArrayList<>(sums.keySet());
            Batches.insert(tx, "UPDATE stock_count_line SET counted = COALESCE(counted, 0) + ?,"
                    + " entry_count = entry_count + ? WHERE count_id = ? AND sku = ?", skus.size(), (i, ps) -> {
                        ps.setLong(1, sums.get(skus.get(i)));
                        ps.setInt(2, perSku.get(skus.get(i)));
                        ps.setString(3, countId);
                        ps.setString(4, skus.get(i));
                    });
            int counted = tx.fetchCount(STOCK_COUNT_LINE, STOCK_COUNT_LINE.COUNT_ID.eq(countId)
                    .and(STOCK_COUNT_LINE.COUNTED.isNotNull()));
            tx.update(STOCK_COUNT).set(STOCK_COUNT.LINE_COUNT, count.getLineCount() + added.size())
                    .set(STOCK_COUNT.COUNTED_LINES, counted)
                    .set(STOCK_COUNT.ENTRY_COUNT, count.getEntryCount() + entries.size())
                    .set(STOCK_COUNT.VERSION, count.getVersion() + 1).where(STOCK_COUNT.ID.eq(countId)).execute();
            touched.addAll(skus);
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "stockcount.entries.added", ENTITY, countId)
                    .warehouse(count.getWarehouse()).with("entries", (long) entries.size())
                    .with("skus", (long) skus.size()).with("fileName", fileName)
                    .with("addedToSheet", added.size() <= 50 ? added : added.subList(0, 50)));
        });
        return new StockCountViews.EntriesResult(entries.size(), lines(countId, touched), get(actor, countId));
    }

    private static int entryIndex(FieldError e) {
        String f = e.field();
        return Integer.parseInt(f.substring(f.indexOf('[') + 1, f.indexOf(']')));
    }

    /** The lines of {@code skus}, by zone and SKU. */
    private List<StockCountViews.Line> lines(String countId, Collection<String> skus) {
        List<StockCountViews.Line> out = new ArrayList<>();
        List<String> list = new ArrayList<>(skus);
        if (list.size() > CHUNK) {
            Set<String> wanted = new java.util.HashSet<>(list);
            lineQuery(dsl, STOCK_COUNT_LINE.COUNT_ID.eq(countId)).forEach(r -> {
                if (wanted.contains(r.get(STOCK_COUNT_LINE.SKU))) {
                    out.add(line(r));
                }
            });
            return out;
        }
        lineQuery(dsl, STOCK_COUNT_LINE.COUNT_ID.eq(countId).and(STOCK_COUNT_LINE.SKU.in(list)))
                .forEach(r -> out.add(line(r)));
        return out;
    }

    private static org.jooq.SelectLimitStep<org.jooq.Record8<String, String, Integer, Integer, Boolean, String,
            String, String>> lineQuery(DSLContext dsl, Condition where) {
        return dsl.select(STOCK_COUNT_LINE.SKU, STOCK_COUNT_LINE.ZONE, STOCK_COUNT_LINE.COUNTED,
                        STOCK_COUNT_LINE.ENTRY_COUNT, STOCK_COUNT_LINE.ADDED_BY_COUNT, SKU.EAN, SKU.NAME, SKU.UNIT)
                .from(STOCK_COUNT_LINE).join(SKU).on(SKU.SKU_.eq(STOCK_COUNT_LINE.SKU)).where(where)
                .orderBy(STOCK_COUNT_LINE.ZONE, STOCK_COUNT_LINE.SKU);
    }

    private static StockCountViews.Line line(org.jooq.Record r) {
        String zone = r.get(STOCK_COUNT_LINE.ZONE);
        return new StockCountViews.Line(r.get(STOCK_COUNT_LINE.SKU), r.get(SKU.EAN), r.get(SKU.NAME),
                r.get(SKU.UNIT), zone.isEmpty() ? null : zone, r.get(STOCK_COUNT_LINE.COUNTED),
                r.get(STOCK_COUNT_LINE.ENTRY_COUNT), r.get(STOCK_COUNT_LINE.ADDED_BY_COUNT));
    }

    // --- submit, cancel ---

    public ReconViews.Run submit(Scopes actor, String countId, boolean uncountedAsZero) {
        Instant now = now();
        String runId = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            StockCountRecord count = readable(tx, actor, countId, true);
            String warehouse = count.getWarehouse();
            requireCounter(actor, warehouse);
            if (!actor.may(Permission.RECON_PREPARE, Target.reconciliation(StockCountRuns.KIND, warehouse,
                    actor.username()))) {
                throw new ApiException(ProblemType.FORBIDDEN, "Your role cannot prepare the reconciliation of a"
                        + " stock count at " + warehouse + ".");
            }
            requireOpen(count, "it can be submitted");
            int uncounted = tx.fetchCount(STOCK_COUNT_LINE, STOCK_COUNT_LINE.COUNT_ID.eq(countId)
                    .and(STOCK_COUNT_LINE.COUNTED.isNull()));
            if (uncounted > 0 && !uncountedAsZero) {
                throw new ApiException(ProblemType.COUNT_INCOMPLETE, (uncounted == 1 ? "1 line was"
                        : uncounted + " lines were") + " not counted. Count them, or submit with uncountedAsZero"
                        + " to take them as found empty.").with("uncountedLines", uncounted);
            }
            List<StockCountRuns.CountedLine> lines = counted(tx, countId, warehouse);
            StockCountRuns.Created created = StockCountRuns.create(tx, now, actor.username(), countId, warehouse,
                    lines);
            tx.update(STOCK_COUNT).set(STOCK_COUNT.STATE, "SUBMITTED").set(STOCK_COUNT.SUBMITTED_AT, utc(now))
                    .set(STOCK_COUNT.RUN_ID, created.runId()).set(STOCK_COUNT.VERSION, count.getVersion() + 1)
                    .where(STOCK_COUNT.ID.eq(countId)).execute();
            AuditLog.append(tx, List.of(AuditEntry.byUser(now, actor.username(), "stockcount.submitted", ENTITY,
                            countId).warehouse(warehouse).with("runId", created.runId())
                            .with("lines", (long) lines.size()).with("uncountedLines", (long) uncounted)
                            .with("uncountedAsZero", uncountedAsZero)
                            .change(AuditEntry.values("state", "OPEN"), AuditEntry.values("state", "SUBMITTED")),
                    created.audit()));
            return created.runId();
        });
        return recon.get(actor, runId);
    }

    /** Every line with what was counted (nothing counted: 0), its baseline, the on-hand now and what moved it. */
    private static List<StockCountRuns.CountedLine> counted(DSLContext tx, String countId, String warehouse) {
        var rows = tx.select(STOCK_COUNT_LINE.SKU, STOCK_COUNT_LINE.QTY_AT_START, STOCK_COUNT_LINE.VERSION_AT_START,
                        STOCK_COUNT_LINE.TAKEN_AT, STOCK_COUNT_LINE.COUNTED, STOCK_COUNT_LINE.ADDED_BY_COUNT, SKU.NAME,
                        SKU.UNIT_COST_MINOR, SKU.COST_CURRENCY, STOCK_PAIR.PLATFORM_QTY, STOCK_PAIR.PLATFORM_VERSION)
                .from(STOCK_COUNT_LINE).join(SKU).on(SKU.SKU_.eq(STOCK_COUNT_LINE.SKU))
                .leftJoin(STOCK_PAIR).on(STOCK_PAIR.SKU.eq(STOCK_COUNT_LINE.SKU)).and(STOCK_PAIR.WAREHOUSE.eq(warehouse))
                .where(STOCK_COUNT_LINE.COUNT_ID.eq(countId)).orderBy(STOCK_COUNT_LINE.ZONE, STOCK_COUNT_LINE.SKU)
                .fetch();
        // Movements only for the lines whose on-hand changed version since they went on the sheet.
        List<StockMovements.Baseline> moved = new ArrayList<>();
        Map<String, Integer> now = new HashMap<>();
        for (var r : rows) {
            if (r.value11() != null && !r.value11().equals(r.value3())) {
                moved.add(new StockMovements.Baseline(r.value1(), r.value2(), r.value3(), instant(r.value4())));
                now.put(r.value1(), r.value10());
            }
        }
        Map<String, List<StockMovements.Movement>> movements = moved.isEmpty() ? Map.of()
                : StockMovements.since(tx, warehouse, moved, now);
        List<StockCountRuns.CountedLine> out = new ArrayList<>(rows.size());
        for (var r : rows) {
            int quantityNow = r.value10() == null ? r.value2() : r.value10();
            long versionNow = r.value11() == null ? r.value3() : r.value11();
            out.add(new StockCountRuns.CountedLine(r.value1(), r.value7(), r.value2(), r.value3(),
                    instant(r.value4()), r.value5() == null ? 0 : r.value5(), r.value6(), quantityNow, versionNow,
                    InventoryStock.views(movements.getOrDefault(r.value1(), List.of())), r.value8(), r.value9()));
        }
        return out;
    }

    public StockCountViews.Count cancel(Scopes actor, String countId, String reason) {
        Instant now = now();
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            StockCountRecord count = readable(tx, actor, countId, true);
            requireCounter(actor, count.getWarehouse());
            requireOpen(count, "it can be cancelled");
            tx.update(STOCK_COUNT).set(STOCK_COUNT.STATE, "CANCELLED").set(STOCK_COUNT.CANCELLED_AT, utc(now))
                    .set(STOCK_COUNT.CANCEL_REASON, reason).set(STOCK_COUNT.VERSION, count.getVersion() + 1)
                    .where(STOCK_COUNT.ID.eq(countId)).execute();
            AuditLog.append(tx, AuditEntry.byUser(now, actor.username(), "stockcount.cancelled", ENTITY, countId)
                    .warehouse(count.getWarehouse()).with("reason", reason).with("entries",
                            (long) count.getEntryCount())
                    .change(AuditEntry.values("state", "OPEN"), AuditEntry.values("state", "CANCELLED")));
        });
        return get(actor, countId);
    }

    // --- reading ---

    static StockCountViews.Count view(StockCountRecord r) {
        return new StockCountViews.Count(r.getId(), r.getWarehouse(), r.getScope(), r.getZone(), r.getState(),
                r.getStartedBy(), instant(r.getStartedAt()), instant(r.getSubmittedAt()), r.getLineCount(),
                r.getCountedLines(), r.getEntryCount(), r.getRunId(), r.getVersion());
    }

    public StockCountViews.Count get(Scopes reader, String id) {
        return view(readable(dsl, reader, id, false));
    }

    /** Counts newest first within the reader's warehouses; {@code after} is the previous page's last id. */
    public Slice<StockCountViews.Count> list(Scopes reader, String warehouse, String state, String after, int limit) {
        List<String> readableWarehouses = dsl.select(WAREHOUSE.CODE).from(WAREHOUSE).fetch(WAREHOUSE.CODE).stream()
                .filter(w -> mayRead(reader, w)).toList();
        Condition where = STOCK_COUNT.WAREHOUSE.in(readableWarehouses);
        if (warehouse != null) {
            where = where.and(STOCK_COUNT.WAREHOUSE.eq(warehouse));
        }
        if (state != null) {
            where = where.and(STOCK_COUNT.STATE.eq(state));
        }
        if (after != null) {
            where = where.and(STOCK_COUNT.ID.lt(after));
        }
        List<StockCountRecord> rows = dsl.selectFrom(STOCK_COUNT).where(where).orderBy(STOCK_COUNT.ID.desc())
                .limit(limit + 1).fetch();
        boolean more = rows.size() > limit;
        List<StockCountRecord> page = more ? rows.subList(0, limit) : rows;
        return new Slice<>(page.stream().map(StockCounts::view).toList(),
                more ? page.get(page.size() - 1).getId() : null);
    }

    /** The sheet by zone and SKU; {@code after} is the previous page's last "zone␟sku". */
    public Slice<StockCountViews.Line> sheet(Scopes reader, String countId, String q, Boolean uncounted, String after,
                                             int limit) {
        readable(dsl, reader, countId, false);
        Condition where = STOCK_COUNT_LINE.COUNT_ID.eq(countId);
        if (q != null) {
            where = where.and(STOCK_COUNT_LINE.SKU.eq(q).or(SKU.EAN.eq(q))
                    .or(STOCK_COUNT_LINE.SKU.like(escape(q) + "%", '!')));
        }
        if (uncounted != null) {
            where = where.and(uncounted ? STOCK_COUNT_LINE.COUNTED.isNull() : STOCK_COUNT_LINE.COUNTED.isNotNull());
        }
        if (after != null) {
            int cut = after.indexOf('\u001f');
            if (cut < 0) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of"
                        + " the previous page, or none.");
            }
            where = where.and(DSL.row(STOCK_COUNT_LINE.ZONE, STOCK_COUNT_LINE.SKU)
                    .gt(after.substring(0, cut), after.substring(cut + 1)));
        }
        List<StockCountViews.Line> rows = lineQuery(dsl, where).limit(limit + 1).fetch().map(StockCounts::line);
        boolean more = rows.size() > limit;
        List<StockCountViews.Line> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            StockCountViews.Line last = page.get(page.size() - 1);
            next = (last.zone() == null ? "" : last.zone()) + '\u001f' + last.sku();
        }
        return new Slice<>(page, next);
    }

    /** The entries oldest first; {@code after} is the previous page's last id. */
    public Slice<StockCountViews.Entry> entries(Scopes reader, String countId, String sku, String after, int limit) {
        readable(dsl, reader, countId, false);
        Condition where = STOCK_COUNT_ENTRY.COUNT_ID.eq(countId);
        if (sku != null) {
            where = where.and(STOCK_COUNT_ENTRY.SKU.eq(sku));
        }
        if (after != null) {
            long id;
            try {
                id = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of"
                        + " the previous page, or none.");
            }
            where = where.and(STOCK_COUNT_ENTRY.ID.gt(id));
        }
        var rows = dsl.selectFrom(STOCK_COUNT_ENTRY).where(where).orderBy(STOCK_COUNT_ENTRY.ID).limit(limit + 1)
                .fetch();
        boolean more = rows.size() > limit;
        var page = more ? rows.subList(0, limit) : rows;
        return new Slice<>(page.stream().map(e -> new StockCountViews.Entry(e.getId(), e.getSku(), e.getCode(),
                e.getQuantity(), e.getSource(), e.getFileName(), e.getFileLine(), e.getActor(),
                instant(e.getAt()))).toList(), more ? String.valueOf(page.get(page.size() - 1).getId()) : null);
    }

}
