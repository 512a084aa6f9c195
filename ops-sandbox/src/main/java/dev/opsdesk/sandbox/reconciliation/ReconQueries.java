package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION;
import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION_LINE;
import static dev.opsdesk.sandbox.db.Tables.RECON_LINE;
import static dev.opsdesk.sandbox.db.Tables.RECON_MATCH;
import static dev.opsdesk.sandbox.db.Tables.RECON_UNMATCHED_PAYMENT;
import static dev.opsdesk.sandbox.reconciliation.ReconRuns.instant;
import static dev.opsdesk.sandbox.reconciliation.ReconRuns.utc;

import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.tables.records.PaymentRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconExceptionRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconLineRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The run's lists (lines, matches, exceptions, unmatched payments) and one exception in detail. */
public final class ReconQueries {

    private static final Set<String> INFO_KINDS = Set.of("FEE", "PAYOUT", "ADJUSTMENT", "OTHER");

    private final DSLContext dsl;

    public ReconQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    static ReconViews.SettlementLine line(ReconLineRecord r) {
        return new ReconViews.SettlementLine(r.getLineNumber(), r.getKind(), r.getProviderReference(),
                r.getMerchantReference(), r.getBatchReference(), r.getCurrency(), r.getGross(), r.getFee(),
                r.getNet(), instant(r.getBookedAt()), r.getDescription(), r.getRaw());
    }

    private static int index(String after) {
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw badCursor();
        }
    }

    private static ApiException badCursor() {
        return ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of the"
                + " previous page, or none.");
    }

    public Slice<ReconViews.ReconLine> lines(Scopes reader, String runId, String kind, String status, String after,
                                             int limit) {
        ReconRunRecord run = ReconRuns.readable(dsl, reader, runId);
        boolean matched = run.getMatchedAt() != null;
        Condition where = RECON_LINE.RUN_ID.eq(runId);
        if (kind != null) {
            where = where.and(RECON_LINE.KIND.eq(kind));
        }
        if (after != null) {
            where = where.and(RECON_LINE.IDX.gt(index(after)));
        }
        var openLink = DSL.exists(DSL.selectOne().from(RECON_EXCEPTION_LINE).join(RECON_EXCEPTION)
                .on(RECON_EXCEPTION.ID.eq(RECON_EXCEPTION_LINE.EXCEPTION_ID))
                .where(RECON_EXCEPTION_LINE.RUN_ID.eq(RECON_LINE.RUN_ID)).and(RECON_EXCEPTION_LINE.IDX.eq(RECON_LINE.IDX))
                .and(RECON_EXCEPTION.STATUS.eq("OPEN")));
        var anyLink = DSL.exists(DSL.selectOne().from(RECON_EXCEPTION_LINE).join(RECON_EXCEPTION)
                .on(RECON_EXCEPTION.ID.eq(RECON_EXCEPTION_LINE.EXCEPTION_ID))
                .where(RECON_EXCEPTION_LINE.RUN_ID.eq(RECON_LINE.RUN_ID)).and(RECON_EXCEPTION_LINE.IDX.eq(RECON_LINE.IDX))
                .and(RECON_EXCEPTION.STATUS.ne("SUPERSEDED")));
        var active = DSL.exists(DSL.selectOne().from(RECON_MATCH).where(RECON_MATCH.RUN_ID.eq(RECON_LINE.RUN_ID))
                .and(RECON_MATCH.ACTIVE.isTrue()).and(RECON_MATCH.IDX.eq(RECON_LINE.IDX)));
        if (status != null) {
            where = where.and(switch (status) {
                case "PENDING" -> matched ? DSL.falseCondition() : DSL.trueCondition();
                case "EXCEPTION" -> matched ? openLink.or(anyLink.andNot(active)) : DSL.falseCondition();
                case "MATCHED" -> matched ? active.andNot(openLink) : DSL.falseCondition();
                default -> matched ? RECON_LINE.KIND.in(INFO_KINDS).andNot(anyLink).andNot(active)
                        : DSL.falseCondition();
            });
        }
        List<ReconLineRecord> rows = dsl.selectFrom(RECON_LINE).where(where).orderBy(RECON_LINE.IDX).limit(limit + 1)
                .fetch();
        boolean more = rows.size() > limit;
        List<ReconLineRecord> page = more ? rows.subList(0, limit) : rows;
        Map<Integer, String> matchOf = new HashMap<>();
        Map<Integer, List<String[]>> exceptionsOf = new HashMap<>();
        if (!page.isEmpty() && matched) {
            int from = page.get(0).getIdx();
            int to = page.get(page.size() - 1).getIdx();
            dsl.select(RECON_MATCH.IDX, RECON_MATCH.ID).from(RECON_MATCH).where(RECON_MATCH.RUN_ID.eq(runId))
                    .and(RECON_MATCH.ACTIVE.isTrue()).and(RECON_MATCH.IDX.between(from, to))
                    .forEach(r -> matchOf.put(r.value1(), r.value2()));
            dsl.select(RECON_EXCEPTION_LINE.IDX, RECON_EXCEPTION.ID, RECON_EXCEPTION.STATUS).from(RECON_EXCEPTION_LINE)
                    .join(RECON_EXCEPTION).on(RECON_EXCEPTION.ID.eq(RECON_EXCEPTION_LINE.EXCEPTION_ID))
                    .where(RECON_EXCEPTION_LINE.RUN_ID.eq(runId)).and(RECON_EXCEPTION_LINE.IDX.between(from, to))
                    .and(RECON_EXCEPTION.STATUS.ne("SUPERSEDED")).orderBy(RECON_EXCEPTION.ID)
                    .forEach(r -> exceptionsOf.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(new String[] {r.value2(), r.value3()}));
        }
        List<ReconViews.ReconLine> items = new ArrayList<>();
        for (ReconLineRecord r : page) {
            List<String[]> xs = exceptionsOf.getOrDefault(r.getIdx(), List.of());
            String match = matchOf.get(r.getIdx());
            String s;
            if (!matched) {
                s = "PENDING";
            } else if (xs.stream().anyMatch(x -> "OPEN".equals(x[1]))) {
                s = "EXCEPTION";
            } else if (match != null) {
                s = "MATCHED";
            } else if (!xs.isEmpty()) {
                s = "EXCEPTION";
            } else {
                s = INFO_KINDS.contains(r.getKind()) ? "INFO" : "PENDING";
            }
            items.add(new ReconViews.ReconLine(r.getIdx(), line(r), s, match, xs.stream().map(x -> x[0]).toList()));
        }
        return new Slice<>(items, more ? String.valueOf(page.get(page.size() - 1).getIdx()) : null);
    }

    public Slice<ReconViews.ReconMatch> matches(Scopes reader, String runId, String rule, String q, String after,
                                                int limit) {
        ReconRuns.readable(dsl, reader, runId);
        Condition where = RECON_MATCH.RUN_ID.eq(runId).and(RECON_MATCH.ACTIVE.isTrue());
        if (rule != null) {
            where = where.and(RECON_MATCH.RULE.eq(rule));
        }
        if (q != null) {
            where = where.and(RECON_MATCH.PAYMENT_REFERENCE.eq(q).or(RECON_MATCH.ORDER_NUMBER.eq(q))
                    .or(RECON_LINE.PROVIDER_REFERENCE.eq(q)));
        }
        if (after != null) {
            where = where.and(RECON_MATCH.IDX.gt(index(after)));
        }
        var rows = dsl.select().from(RECON_MATCH).join(RECON_LINE).on(RECON_LINE.RUN_ID.eq(RECON_MATCH.RUN_ID))
                .and(RECON_LINE.IDX.eq(RECON_MATCH.IDX)).where(where).orderBy(RECON_MATCH.IDX).limit(limit + 1)
                .fetch();
        boolean more = rows.size() > limit;
        List<ReconViews.ReconMatch> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            var r = rows.get(i);
            items.add(new ReconViews.ReconMatch(r.get(RECON_MATCH.ID), r.get(RECON_MATCH.RULE), r.get(RECON_MATCH.WHY),
                    r.get(RECON_LINE.LINE_NUMBER), r.get(RECON_LINE.KIND), r.get(RECON_LINE.PROVIDER_REFERENCE),
                    r.get(RECON_LINE.MERCHANT_REFERENCE), r.get(RECON_MATCH.PAYMENT_REFERENCE),
                    r.get(RECON_MATCH.ORDER_NUMBER), r.get(RECON_LINE.CURRENCY), r.get(RECON_LINE.GROSS),
                    r.get(RECON_LINE.FEE), r.get(RECON_LINE.NET), r.get(RECON_MATCH.PAYMENT_AMOUNT),
                    instant(r.get(RECON_LINE.BOOKED_AT)), instant(r.get(RECON_MATCH.CAPTURED_AT)),
                    r.get(RECON_MATCH.GROUP_SIZE), instant(r.get(RECON_MATCH.MATCHED_AT)),
                    r.get(RECON_MATCH.MATCHED_BY), r.get(RECON_MATCH.NOTE)));
        }
        return new Slice<>(items, more ? String.valueOf(rows.get(limit - 1).get(RECON_MATCH.IDX)) : null);
    }

    static ReconViews.ReconException exception(ReconExceptionRecord x) {
        List<Integer> numbers = x.getLineNumbers().isEmpty() ? List.of()
                : Arrays.stream(x.getLineNumbers().split(",")).map(Integer::valueOf).toList();
        ReconViews.Resolution resolution = x.getResolutionCode() == null ? null : new ReconViews.Resolution(
                x.getResolutionCode(), x.getResolutionNote(), x.getResolvedBy(), instant(x.getResolvedAt()),
                x.getResolutionPayment());
        Long difference = x.getExpected() != null && x.getActual() != null ? x.getActual() - x.getExpected() : null;
        if (x.getSku() != null) {
            difference = StockCountRuns.variance(x);
        }
        return new ReconViews.ReconException(x.getId(), x.getRunId(), x.getCategory(), x.getStatus(), x.getSummary(),
                numbers, x.getProviderReference(), x.getPaymentReference(), x.getOrderNumber(), x.getCurrency(),
                x.getExpected(), x.getActual(), difference, instant(x.getBookedAt()), x.getSku(), x.getWarehouse(),
                x.getQuantityNow(), StockCountRuns.movements(x), x.getValueMinor(), StockCountRuns.applied(x),
                resolution, instant(x.getCreatedAt()), x.getVersion());
    }

    public Slice<ReconViews.ReconException> exceptions(Scopes reader, String runId, String category, String status,
                                                       String q, String after, int limit) {
        ReconRuns.readable(dsl, reader, runId);
        Condition where = RECON_EXCEPTION.RUN_ID.eq(runId);
        if (category != null) {
            where = where.and(RECON_EXCEPTION.CATEGORY.eq(category));
        }
        if (status != null) {
            where = where.and(RECON_EXCEPTION.STATUS.eq(status));
        }
        if (q != null) {
            where = where.and(RECON_EXCEPTION.PROVIDER_REFERENCE.eq(q).or(RECON_EXCEPTION.PAYMENT_REFERENCE.eq(q))
                    .or(RECON_EXCEPTION.ORDER_NUMBER.eq(q)).or(RECON_EXCEPTION.SKU.eq(q)));
        }
        var rank = DSL.when(RECON_EXCEPTION.STATUS.eq("OPEN"), DSL.inline(0)).otherwise(DSL.inline(1));
        if (after != null) {
            String[] parts = after.split("~", 2);
            if (parts.length != 2 || !(parts[0].equals("0") || parts[0].equals("1"))) {
                throw badCursor();
            }
            int r = Integer.parseInt(parts[0]);
            where = where.and(rank.gt(r).or(rank.eq(r).and(RECON_EXCEPTION.ID.gt(parts[1]))));
        }
        List<ReconExceptionRecord> rows = dsl.selectFrom(RECON_EXCEPTION).where(where)
                .orderBy(rank, RECON_EXCEPTION.ID).limit(limit + 1).fetch();
        boolean more = rows.size() > limit;
        List<ReconExceptionRecord> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            ReconExceptionRecord last = page.get(page.size() - 1);
            next = ("OPEN".equals(last.getStatus()) ? "0" : "1") + "~" + last.getId();
        }
        return new Slice<>(page.stream().map(ReconQueries::exception).toList(), next);
    }

    public static ReconViews.ExceptionDetail exception(DSLContext dsl, Scopes reader, String runId,
                                                       String exceptionId) {
        ReconRunRecord run = ReconRuns.readable(dsl, reader, runId);
        ReconExceptionRecord x = dsl.selectFrom(RECON_EXCEPTION).where(RECON_EXCEPTION.ID.eq(exceptionId))
                .and(RECON_EXCEPTION.RUN_ID.eq(runId)).fetchOne();
        if (x == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "Run " + runId + " has no exception " + exceptionId + ".");
        }
        List<Integer> indexes = x.getLineIndexes().isEmpty() ? List.of()
                : Arrays.stream(x.getLineIndexes().split(",")).map(Integer::valueOf).toList();
        List<ReconLineRecord> lineRows = indexes.isEmpty() ? List.of() : dsl.selectFrom(RECON_LINE)
                .where(RECON_LINE.RUN_ID.eq(runId)).and(RECON_LINE.IDX.in(indexes)).orderBy(RECON_LINE.IDX).fetch();
        List<ReconViews.SettlementLine> lines = lineRows.stream().map(ReconQueries::line).toList();
        Set<String> matchedPayments = Set.copyOf(dsl.select(RECON_MATCH.PAYMENT_REFERENCE).from(RECON_MATCH)
                .where(RECON_MATCH.RUN_ID.eq(runId)).and(RECON_MATCH.ACTIVE.isTrue())
                .and(RECON_MATCH.PAYMENT_REFERENCE.isNotNull()).fetch(RECON_MATCH.PAYMENT_REFERENCE));
        String provider = Provider.parse(run.getProvider()).orElse(Provider.OTHER).dbName();
        ReconViews.CandidatePayment payment = null;
        if (x.getPaymentReference() != null) {
            PaymentRecord p = dsl.selectFrom(PAYMENT).where(PAYMENT.REFERENCE.eq(x.getPaymentReference())).fetchOne();
            if (p != null) {
                payment = candidate(p, List.of("the payment this exception is about"),
                        matchedPayments.contains(p.getReference()));
            }
        }
        // Candidates: the ones matching offered, then the order number's payments, then equal amounts near the date.
        Map<String, ReconViews.CandidatePayment> candidates = new LinkedHashMap<>();
        if (!lineRows.isEmpty()) {
            ReconLineRecord l = lineRows.get(0);
            long amount = Math.abs(l.getGross());
            Instant booked = instant(l.getBookedAt());
            List<PaymentRecord> found = new ArrayList<>();
            if (x.getCandidates() != null) {
                found.addAll(dsl.selectFrom(PAYMENT).where(PAYMENT.REFERENCE.in(x.getCandidates().split(",")))
                        .fetch());
            }
            if (l.getMerchantReference() != null) {
                found.addAll(dsl.selectFrom(PAYMENT).where(PAYMENT.ORDER_NUMBER.eq(l.getMerchantReference()))
                        .and(PAYMENT.PROVIDER.eq(provider)).limit(20).fetch());
            }
            Duration window = Duration.ofDays(Math.max(1, run.getDateWindowDays()));
            found.addAll(dsl.selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq(provider))
                    .and(PAYMENT.CAPTURED_AT.between(utc(booked.minus(window.plusDays(7))), utc(booked.plus(window))))
                    .and(PAYMENT.AMOUNT_MINOR.eq(amount)).and(PAYMENT.CURRENCY.eq(l.getCurrency()))
                    .orderBy(PAYMENT.CAPTURED_AT.desc()).limit(20).fetch());
            for (PaymentRecord p : found) {
                if (candidates.size() >= 20 || candidates.containsKey(p.getReference())) {
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                if (x.getCandidates() != null && Arrays.asList(x.getCandidates().split(",")).contains(p.getReference())) {
                    reasons.add("fits the line as well as another payment");
                }
                if (p.getOrderNumber().equals(l.getMerchantReference())) {
                    reasons.add("same order number");
                }
                reasons.add(p.getAmountMinor() == amount && p.getCurrency().equals(l.getCurrency()) ? "amount equal"
                        : "amount differs by " + Money.format(Math.abs(p.getAmountMinor() - amount), p.getCurrency()));
                if (p.getCapturedAt() != null) {
                    long d = Duration.between(p.getCapturedAt().toInstant(), booked).toDays();
                    reasons.add(d == 0 ? "captured the same day as booking" : "captured " + Math.abs(d)
                            + (Math.abs(d) == 1 ? " day " : " days ") + (d > 0 ? "before" : "after") + " booking");
                }
                candidates.put(p.getReference(), candidate(p, reasons, matchedPayments.contains(p.getReference())));
            }
        }
        List<ReconViews.HistoryEntry> history = dsl.selectFrom(RECON_EXCEPTION_HISTORY)
                .where(RECON_EXCEPTION_HISTORY.EXCEPTION_ID.eq(exceptionId)).orderBy(RECON_EXCEPTION_HISTORY.SEQ)
                .fetch(h -> new ReconViews.HistoryEntry(instant(h.getAt()), h.getActor(), h.getAction(), h.getCode(),
                        h.getNote()));
        return new ReconViews.ExceptionDetail(exception(x), lines, payment, List.copyOf(candidates.values()),
                history);
    }

    private static ReconViews.CandidatePayment candidate(PaymentRecord p, List<String> reasons, boolean matched) {
        return new ReconViews.CandidatePayment(p.getReference(), p.getOrderNumber(),
                p.getProvider().toUpperCase(java.util.Locale.ROOT), p.getAmountMinor(), p.getCurrency(), p.getState(),
                instant(p.getCapturedAt()), instant(p.getRefundedAt()), reasons, matched);
    }

    public Slice<ReconViews.UnmatchedPayment> unmatched(Scopes reader, String runId, Boolean overdue, String after,
                                                        int limit) {
        ReconRunRecord run = ReconRuns.readable(dsl, reader, runId);
        Condition where = RECON_UNMATCHED_PAYMENT.RUN_ID.eq(runId);
        if (overdue != null) {
            where = where.and(RECON_UNMATCHED_PAYMENT.OVERDUE.eq(overdue));
        }
        if (after != null) {
            String[] parts = after.split("~", 2);
            Instant at;
            try {
                at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            } catch (NumberFormatException e) {
                throw badCursor();
            }
            String ref = parts.length > 1 ? parts[1] : "";
            where = where.and(RECON_UNMATCHED_PAYMENT.CAPTURED_AT.gt(utc(at))
                    .or(RECON_UNMATCHED_PAYMENT.CAPTURED_AT.eq(utc(at)).and(RECON_UNMATCHED_PAYMENT.REFERENCE.gt(ref))));
        }
        var rows = dsl.selectFrom(RECON_UNMATCHED_PAYMENT).where(where)
                .orderBy(RECON_UNMATCHED_PAYMENT.CAPTURED_AT, RECON_UNMATCHED_PAYMENT.REFERENCE).limit(limit + 1)
                .fetch();
        boolean more = rows.size() > limit;
        var page = more ? rows.subList(0, limit) : rows;
        String provider = run.getProvider();
        List<ReconViews.UnmatchedPayment> items = page.stream().map(u -> new ReconViews.UnmatchedPayment(
                u.getReference(), u.getOrderNumber(), provider, u.getAmountMinor(), u.getCurrency(), u.getState(),
                instant(u.getCapturedAt()), instant(u.getDueBy()), u.getOverdue(), u.getExceptionId())).toList();
        String next = null;
        if (more) {
            var last = page.get(page.size() - 1);
            next = last.getCapturedAt().toInstant().toEpochMilli() + "~" + last.getReference();
        }
        return new Slice<>(items, next);
    }
}
