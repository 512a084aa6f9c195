package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION;
import static dev.opsdesk.sandbox.db.Tables.RECON_RUN;
import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.reconciliation.ReconRuns.instant;
import static dev.opsdesk.sandbox.reconciliation.ReconRuns.utc;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.db.tables.records.ReconExceptionRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.service.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Runs of kind {@code STOCK_COUNT}: a submitted count becomes a run in review whose exceptions are its variances, in
 * the same tables, with the same resolutions, transitions, audit and live events as settlement runs. What is
 * particular to stock lives here: how a variance is measured and worded, which resolutions fit it, and what approval
 * writes to stock.
 *
 * <p>The variance of a line is {@code counted − (on-hand at the start + the movements since)}, and since the
 * movements are read so that they add up to the on-hand now, it is {@code counted − quantityNow}. That is the number
 * the exception's {@code difference} shows, that is valued, and that approval applies — against the on-hand the review
 * saw ({@code version_seen}); a line whose on-hand moved again after that is not written but sent back to review with
 * the new numbers.
 */
public final class StockCountRuns {

    public static final String KIND = "STOCK_COUNT";
    /** The resolutions that fit a stock variance; the settlement ones do not, and these fit no settlement. */
    static final Set<String> CODES = Set.of("RECOUNT", "DAMAGED", "THEFT_OR_LOSS", "BOOKING_ERROR",
            "MOVEMENT_EXPLAINED");

    private StockCountRuns() {
    }

    /**
     * What a stock run needs of the stock itself, given by the composition root (reconciliation does not depend on
     * inventory): adjusting a pair by compare-and-set on the caller's transaction, and the movements of a pair since a
     * baseline.
     */
    public interface Stock {

        /** An adjustment written, and its audit event for the caller to append last. */
        record Written(String adjustmentId, int quantityBefore, int quantityAfter, AuditEntry audit) {
        }

        /** {@code reason} is an adjustment reason's name (LOST, DAMAGED, FOUND, RECOUNT, CORRECTION). */
        Written adjust(DSLContext tx, Instant now, String actor, String sku, String warehouse, String reason,
                       int delta, String note, long expectedVersion);

        List<ReconViews.StockMovement> movements(DSLContext tx, String warehouse, String sku, int quantityAtStart,
                                                 long versionAtStart, Instant startAt, int quantityNow);
    }

    /** A line of a submitted count, as the run needs it. */
    public record CountedLine(String sku, String name, int quantityAtStart, long versionAtStart, Instant takenAt,
                              int counted, boolean addedByCount, int quantityNow, long versionNow,
                              List<ReconViews.StockMovement> movements, Long unitCostMinor, String currency) {

        /** counted − (on-hand at the start + the movements since) = counted − on-hand now. */
        public int variance() {
            return counted - quantityNow;
        }

        boolean moved() {
            return quantityNow != quantityAtStart || !movements.isEmpty();
        }

        /** The exception this line is, or null when it agrees and nothing moved. */
        String category() {
            if (addedByCount) {
                return "UNKNOWN_SKU";
            }
            if (moved()) {
                return "MOVED_SINCE_COUNT";
            }
            return variance() < 0 ? "COUNT_SHORT" : variance() > 0 ? "COUNT_OVER" : null;
        }

        Long value() {
            return unitCostMinor == null ? null : variance() * unitCostMinor;
        }
    }

    /** The run made from a count, and the audit event that says so (the caller appends it last). */
    public record Created(String runId, AuditEntry audit) {
    }

    /** Makes the run of a submitted count (in review, {@code actor} its preparer) with an exception per variance. */
    public static Created create(DSLContext tx, Instant now, String actor, String countId, String warehouse,
                                 List<CountedLine> lines) {
        String runId = String.format("R-%06d", tx.nextval(Sequences.RECON_RUN_ID_SEQ));
        List<CountedLine> exceptional = lines.stream().filter(l -> l.category() != null).toList();
        Map<String, Integer> byCategory = new TreeMap<>();
        exceptional.forEach(l -> byCategory.merge(l.category(), 1, Integer::sum));
        ReconViews.Summary summary = new ReconViews.Summary(lines.size() - exceptional.size(), List.of(), byCategory,
                exceptional.size(), 0, List.of(), List.of(), 0, 0, variance(lines.size(), exceptional.stream()
                        .map(l -> new long[] {l.variance(), l.value() == null ? 0 : l.value()})
                        .toList(), exceptional.stream().map(CountedLine::currency).toList(), 0, 0));
        tx.insertInto(RECON_RUN)
                .set(RECON_RUN.ID, runId)
                .set(RECON_RUN.KIND, KIND)
                .set(RECON_RUN.WAREHOUSE, warehouse)
                .set(RECON_RUN.COUNT_ID, countId)
                .set(RECON_RUN.STATE, "IN_REVIEW")
                .set(RECON_RUN.PREPARER, actor)
                .set(RECON_RUN.CREATED_AT, utc(now))
                .set(RECON_RUN.UPDATED_AT, utc(now))
                .set(RECON_RUN.MATCHED_AT, utc(now))
                // A count has no file; the columns a settlement needs say so.
                .set(RECON_RUN.LAYOUT, "stock-count")
                .set(RECON_RUN.FILE_NAME, countId)
                .set(RECON_RUN.FILE_SHA256, "0".repeat(64))
                .set(RECON_RUN.FILE_SIZE, 0L)
                .set(RECON_RUN.FILE_RECEIVED, 0L)
                .set(RECON_RUN.FILE_COMPLETE, true)
                .set(RECON_RUN.LINE_COUNT, lines.size())
                .set(RECON_RUN.UPLOADED_LINES, lines.size())
                .set(RECON_RUN.LINES_AUDITED, true)
                .set(RECON_RUN.AMOUNT_TOLERANCE_MINOR, 0L)
                .set(RECON_RUN.DATE_WINDOW_DAYS, 0)
                .set(RECON_RUN.MATCH_GENERATION, 0)
                .set(RECON_RUN.SUMMARY, ReconJson.write(summary))
                .set(RECON_RUN.VERSION, 1)
                .execute();
        ReconRuns.transition(tx, runId, now, actor, "CREATE", null, "IN_REVIEW", "From stock count " + countId + ".");
        List<String> ids = exceptional.isEmpty() ? List.of() : tx.resultQuery(
                "SELECT NEXT VALUE FOR recon_exception_id_seq FROM SYSTEM_RANGE(1, " + exceptional.size() + ")")
                .fetch(0, Long.class).stream().map(n -> String.format("X-%08d", n)).toList();
        Object at = utc(now);
        Batches.insert(tx, "INSERT INTO recon_exception (id, run_id, category, status, summary, fingerprint,"
                + " line_indexes, line_numbers, currency, expected, actual, sku, warehouse, start_version, start_at,"
                + " quantity_now, version_seen, movements, value_minor, created_at, version)"
                + " VALUES (?, ?, ?, 'OPEN', ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", exceptional.size(),
                (i, ps) -> {
                    CountedLine l = exceptional.get(i);
                    ps.setString(1, ids.get(i));
                    ps.setString(2, runId);
                    ps.setString(3, l.category());
                    ps.setString(4, summary(l, warehouse));
                    ps.setString(5, "stock:" + warehouse + "/" + l.sku());
                    ps.setString(6, l.unitCostMinor() == null ? null : l.currency());
                    ps.setLong(7, l.quantityAtStart());
                    ps.setLong(8, l.counted());
                    ps.setString(9, l.sku());
                    ps.setString(10, warehouse);
                    ps.setLong(11, l.versionAtStart());
                    ps.setObject(12, utc(l.takenAt()));
                    ps.setLong(13, l.quantityNow());
                    ps.setLong(14, l.versionNow());
                    ps.setString(15, l.movements().isEmpty() ? null : ReconJson.write(l.movements()));
                    ps.setObject(16, l.value());
                    ps.setObject(17, at);
                });
        Batches.insert(tx, "INSERT INTO recon_exception_history (exception_id, seq, at, actor, action, code, note)"
                + " VALUES (?, 1, ?, 'system', 'CREATED', NULL, NULL)", ids.size(), (i, ps) -> {
                    ps.setString(1, ids.get(i));
                    ps.setObject(2, at);
                });
        AuditEntry audit = AuditEntry.byUser(now, actor, "recon.created", ReconService.ENTITY, runId)
                .warehouse(warehouse).with("kind", KIND).with("countId", countId)
                .with("lines", (long) lines.size()).with("exceptions", byCategory)
                .change(AuditEntry.values("state", null), AuditEntry.values("state", "IN_REVIEW"));
        return new Created(runId, audit);
    }

    /** "Counted 12 of SKU-100042 (Blue mug) in WH-1; 15 on hand at the start: 3 short, −€13.50". */
    static String summary(CountedLine l, String warehouse) {
        StringBuilder s = new StringBuilder("Counted ").append(l.counted()).append(" of ").append(l.sku())
                .append(" (").append(l.name()).append(") in ").append(warehouse);
        if (l.addedByCount()) {
            s.append(", not on the count sheet; ").append(l.quantityAtStart()).append(" on hand when first counted");
        } else {
            s.append("; ").append(l.quantityAtStart()).append(" on hand at the start");
        }
        if (l.moved()) {
            int moved = l.movements().stream().mapToInt(ReconViews.StockMovement::delta).sum();
            s.append(", ").append(l.quantityNow()).append(" now after ").append(l.movements().size())
                    .append(l.movements().size() == 1 ? " movement (" : " movements (").append(signed(moved))
                    .append(")");
        }
        int v = l.variance();
        s.append(": ").append(v == 0 ? "no difference" : Math.abs(v) + (v < 0 ? " short" : " over"));
        if (v != 0 && l.value() != null) {
            s.append(", ").append(money(l.value(), l.currency()));
        }
        return s.length() > 2000 ? s.substring(0, 2000) : s.toString();
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : n < 0 ? "\u2212" + -n : "0";
    }

    /** {@code -1350, EUR} → {@code −€13.50}; other currencies by code: {@code +4.00 USD}. */
    static String money(long minor, String currency) {
        String sign = minor < 0 ? "\u2212" : "+";
        String amount = BigDecimal.valueOf(Math.abs(minor), Money.digits(currency)).toPlainString();
        return "EUR".equals(currency) ? sign + "\u20ac" + amount : sign + amount + " " + currency;
    }

    /** The summary's variance over exceptions' (variance, value) with their currencies. */
    private static ReconViews.Variance variance(int lines, List<long[]> variances, List<String> currencies,
                                                int applied, int notApplied) {
        long shortUnits = 0;
        long overUnits = 0;
        Map<String, Long> value = new TreeMap<>();
        for (int i = 0; i < variances.size(); i++) {
            long v = variances.get(i)[0];
            if (v < 0) {
                shortUnits -= v;
            } else {
                overUnits += v;
            }
            if (currencies.get(i) != null) {
                value.merge(currencies.get(i), variances.get(i)[1], Long::sum);
            }
        }
        return new ReconViews.Variance(lines, shortUnits, overUnits, value.entrySet().stream()
                .map(e -> new ReconViews.MoneyAmount(e.getKey(), e.getValue())).toList(), applied, notApplied);
    }

    /** Refreshes the summary's variance from the run's standing exceptions (inside {@code tx}). */
    static void refreshVariance(DSLContext tx, ReconRunRecord run) {
        ReconViews.Summary summary = ReconRuns.summary(run);
        if (summary == null || summary.variance() == null) {
            return;
        }
        List<ReconExceptionRecord> xs = tx.selectFrom(RECON_EXCEPTION).where(RECON_EXCEPTION.RUN_ID.eq(run.getId()))
                .and(RECON_EXCEPTION.STATUS.ne("SUPERSEDED")).fetch();
        List<long[]> variances = new ArrayList<>();
        List<String> currencies = new ArrayList<>();
        int applied = 0;
        int notApplied = 0;
        for (ReconExceptionRecord x : xs) {
            variances.add(new long[] {variance(x), x.getValueMinor() == null ? 0 : x.getValueMinor()});
            currencies.add(x.getValueMinor() == null ? null : x.getCurrency());
            if ("APPLIED".equals(x.getAppliedStatus())) {
                applied++;
            } else if ("MOVED_AGAIN".equals(x.getAppliedStatus())) {
                notApplied++;
            }
        }
        run.setSummary(ReconJson.write(summary.withVariance(variance(summary.variance().lines(), variances,
                currencies, applied, notApplied))));
        tx.update(RECON_RUN).set(RECON_RUN.SUMMARY, run.getSummary()).where(RECON_RUN.ID.eq(run.getId())).execute();
    }

    // --- the exception's stock fields, for the views ---

    /** counted − on-hand now (what the review saw): the variance in units. */
    static Long variance(ReconExceptionRecord x) {
        if (x.getActual() == null) {
            return null;
        }
        Long against = x.getQuantityNow() != null ? x.getQuantityNow() : x.getExpected();
        return against == null ? null : x.getActual() - against;
    }

    static List<ReconViews.StockMovement> movements(ReconExceptionRecord x) {
        if (x.getSku() == null) {
            return null;
        }
        return x.getMovements() == null ? List.of()
                : Arrays.asList(ReconJson.read(x.getMovements(), ReconViews.StockMovement[].class));
    }

    static ReconViews.VarianceApplied applied(ReconExceptionRecord x) {
        return x.getAppliedStatus() == null ? null : new ReconViews.VarianceApplied(x.getAppliedStatus(),
                x.getAppliedAdjustment(), x.getAppliedBefore(), x.getAppliedAfter(), instant(x.getAppliedAt()));
    }

    // --- resolutions ---

    /** A stock exception takes the stock resolutions only, a settlement exception none of them. */
    static void checkCode(ReconRunRecord run, ReconExceptionRecord x, String code) {
        boolean stock = KIND.equals(run.getKind());
        if (stock && !CODES.contains(code)) {
            throw ApiException.unprocessable("code", "A stock count's variance is resolved as RECOUNT, DAMAGED,"
                    + " THEFT_OR_LOSS, BOOKING_ERROR or MOVEMENT_EXPLAINED.");
        }
        if (!stock && CODES.contains(code)) {
            throw ApiException.unprocessable("code", code + " resolves stock count variances, not settlement"
                    + " exceptions.");
        }
        Long v = variance(x);
        if (stock && v != null && v > 0 && ("DAMAGED".equals(code) || "THEFT_OR_LOSS".equals(code))) {
            throw ApiException.unprocessable("code", "More was counted than is on hand (" + v + " over): that is"
                    + " not damage or loss. Use RECOUNT, BOOKING_ERROR or MOVEMENT_EXPLAINED.");
        }
    }

    /** The adjustment's reason for a settled variance: found stock is FOUND, a booking error a CORRECTION. */
    static String reason(String code, long variance) {
        if ("BOOKING_ERROR".equals(code)) {
            return "CORRECTION";
        }
        if (variance > 0) {
            return "FOUND";
        }
        return switch (code) {
            case "DAMAGED" -> "DAMAGED";
            case "THEFT_OR_LOSS" -> "LOST";
            default -> "RECOUNT";
        };
    }

    // --- approval ---

    /**
     * What approval did: {@code movedAgain} lines sent back to review (then the run goes back to review), the audit
     * events of the adjustments written (the caller appends them before its own, last) and the pairs to publish once
     * committed.
     */
    record Approval(int applied, int movedAgain, List<String> movedSkus, List<AuditEntry> audit,
                    List<String> appliedSkus) {

        boolean complete() {
            return movedAgain == 0;
        }
    }

    /**
     * Applies each settled variance of the run not applied before, each by compare-and-set against the on-hand the
     * review saw; a line whose on-hand moved again is not written: its exception is open again as
     * {@code MOVED_SINCE_COUNT} with the new numbers. Inside the approval's transaction.
     */
    static Approval approve(DSLContext tx, ReconRunRecord run, String actor, Instant now, Stock stock) {
        List<ReconExceptionRecord> settled = tx.selectFrom(RECON_EXCEPTION)
                .where(RECON_EXCEPTION.RUN_ID.eq(run.getId())).and(RECON_EXCEPTION.STATUS.eq("RESOLVED"))
                .and(RECON_EXCEPTION.SKU.isNotNull())
                .and(RECON_EXCEPTION.APPLIED_STATUS.isNull().or(RECON_EXCEPTION.APPLIED_STATUS.ne("APPLIED")))
                .orderBy(RECON_EXCEPTION.SKU).forUpdate().fetch();
        List<AuditEntry> audit = new ArrayList<>();
        List<String> appliedSkus = new ArrayList<>();
        List<String> movedSkus = new ArrayList<>();
        int applied = 0;
        for (ReconExceptionRecord x : settled) {
            StockPairRecord pair = tx.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(x.getSku()))
                    .and(STOCK_PAIR.WAREHOUSE.eq(x.getWarehouse())).forUpdate().fetchOne();
            if (pair == null) {
                continue;
            }
            if (pair.getPlatformVersion().longValue() != x.getVersionSeen()) {
                movedAgain(tx, x, pair, actor, now, stock);
                movedSkus.add(x.getSku());
                continue;
            }
            long v = variance(x);
            String adjustment = null;
            long before = pair.getPlatformQty();
            long after = before;
            if (v != 0) {
                String note = "Stock count " + run.getCountId() + ", run " + run.getId() + ", exception " + x.getId()
                        + ": " + x.getResolutionCode() + " — " + x.getResolutionNote();
                Stock.Written w = stock.adjust(tx, now, actor, x.getSku(), x.getWarehouse(),
                        reason(x.getResolutionCode(), v), (int) v,
                        note.length() > 2000 ? note.substring(0, 2000) : note, x.getVersionSeen());
                adjustment = w.adjustmentId();
                after = w.quantityAfter();
                audit.add(w.audit().with("runId", run.getId()).with("exceptionId", x.getId())
                        .with("countId", run.getCountId()));
                appliedSkus.add(x.getSku());
            }
            tx.update(RECON_EXCEPTION).set(RECON_EXCEPTION.APPLIED_STATUS, "APPLIED")
                    .set(RECON_EXCEPTION.APPLIED_ADJUSTMENT, adjustment)
                    .set(RECON_EXCEPTION.APPLIED_BEFORE, before).set(RECON_EXCEPTION.APPLIED_AFTER, after)
                    .set(RECON_EXCEPTION.APPLIED_AT, utc(now)).set(RECON_EXCEPTION.VERSION, x.getVersion() + 1)
                    .where(RECON_EXCEPTION.ID.eq(x.getId())).execute();
            applied++;
        }
        ReconRuns.refreshExceptionCounts(tx, run);
        refreshVariance(tx, run);
        return new Approval(applied, movedSkus.size(), movedSkus, audit, appliedSkus);
    }

    /** The line's on-hand moved after the review saw it: open again, as MOVED_SINCE_COUNT, with the new numbers. */
    private static void movedAgain(DSLContext tx, ReconExceptionRecord x, StockPairRecord pair, String actor,
                                   Instant now, Stock stock) {
        var sku = tx.selectFrom(SKU).where(SKU.SKU_.eq(x.getSku())).fetchSingle();
        Instant start = instant(x.getStartAt());
        List<ReconViews.StockMovement> movements = stock.movements(tx, x.getWarehouse(), x.getSku(),
                x.getExpected().intValue(), x.getStartVersion(), start, pair.getPlatformQty());
        CountedLine line = new CountedLine(x.getSku(), sku.getName(), x.getExpected().intValue(),
                x.getStartVersion(), start, x.getActual().intValue(), "UNKNOWN_SKU".equals(x.getCategory()),
                pair.getPlatformQty(), pair.getPlatformVersion(), movements, sku.getUnitCostMinor(),
                sku.getCostCurrency());
        long seenBefore = x.getQuantityNow();
        tx.update(RECON_EXCEPTION).set(RECON_EXCEPTION.STATUS, "OPEN")
                .set(RECON_EXCEPTION.CATEGORY, "MOVED_SINCE_COUNT")
                .set(RECON_EXCEPTION.SUMMARY, summary(line, x.getWarehouse()))
                .set(RECON_EXCEPTION.QUANTITY_NOW, (long) pair.getPlatformQty())
                .set(RECON_EXCEPTION.VERSION_SEEN, pair.getPlatformVersion())
                .set(RECON_EXCEPTION.MOVEMENTS, movements.isEmpty() ? null : ReconJson.write(movements))
                .set(RECON_EXCEPTION.VALUE_MINOR, line.value())
                .set(RECON_EXCEPTION.APPLIED_STATUS, "MOVED_AGAIN")
                .setNull(RECON_EXCEPTION.APPLIED_ADJUSTMENT)
                .set(RECON_EXCEPTION.APPLIED_BEFORE, seenBefore)
                .set(RECON_EXCEPTION.APPLIED_AFTER, (long) pair.getPlatformQty())
                .set(RECON_EXCEPTION.APPLIED_AT, utc(now))
                .setNull(RECON_EXCEPTION.RESOLUTION_CODE).setNull(RECON_EXCEPTION.RESOLUTION_NOTE)
                .setNull(RECON_EXCEPTION.RESOLVED_BY).setNull(RECON_EXCEPTION.RESOLVED_AT)
                .set(RECON_EXCEPTION.VERSION, x.getVersion() + 1)
                .where(RECON_EXCEPTION.ID.eq(x.getId())).execute();
        ReconService.history(tx, x.getId(), now, actor, "REOPENED", null, "The on-hand moved again after the review"
                + " (" + seenBefore + " then, " + pair.getPlatformQty() + " now); nothing was written. Look again: "
                + "the variance is now " + signed(line.variance()) + ".");
    }
}
