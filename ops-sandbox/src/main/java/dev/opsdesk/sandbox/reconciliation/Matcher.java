package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION;
import static dev.opsdesk.sandbox.db.Tables.RECON_MATCH;
import static dev.opsdesk.sandbox.db.Tables.RECON_RUN;
import static dev.opsdesk.sandbox.db.Tables.RECON_UNMATCHED_PAYMENT;
import static dev.opsdesk.sandbox.reconciliation.ReconRuns.utc;

import dev.opsdesk.sandbox.db.tables.records.ReconExceptionRecord;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * One round of matching a run, in the caller's transaction: reads the lines and the manual matches, asks the
 * {@link MatchingEngine}, retires the previous automatic matches, writes the new ones in batches, keeps the exceptions
 * that still stand (with their resolutions), supersedes the others, and writes the summary.
 */
final class Matcher {

    record Outcome(long matched, long exceptions, long kept, long superseded) {
    }

    private final DSLContext dsl;

    Matcher(DSLContext dsl) {
        this.dsl = dsl;
    }

    Outcome run(DSLContext tx, ReconRunRecord run, Instant now, String actor) {
        String runId = run.getId();
        Provider provider = Provider.parse(run.getProvider()).orElse(Provider.OTHER);
        List<MatchingEngine.Line> lines = lines(tx, runId);
        Set<Integer> manualLines = new HashSet<>();
        Set<String> manualPayments = new HashSet<>();
        tx.select(RECON_MATCH.IDX, RECON_MATCH.PAYMENT_REFERENCE).from(RECON_MATCH).where(RECON_MATCH.RUN_ID.eq(runId))
                .and(RECON_MATCH.ACTIVE.isTrue()).and(RECON_MATCH.RULE.eq(MatchingEngine.MANUAL))
                .forEach(r -> {
                    manualLines.add(r.value1());
                    manualPayments.add(r.value2());
                });
        MatchingEngine.Result result = MatchingEngine.match(lines, manualLines, manualPayments,
                new Payments(tx, provider.dbName()), new MatchingEngine.Settings(provider, run.getPeriodFrom(),
                        run.getPeriodTo(), run.getAmountToleranceMinor(), run.getDateWindowDays(), now));
        int generation = run.getMatchGeneration() + 1;
        // An automatic match that still stands (same line, rule, payment and words) is kept as it is; only the
        // difference is written — matching a large run again rewrote every match, which cost more than the matching.
        Map<Integer, String[]> previous = activeAutomaticMatches(tx, runId);
        List<MatchingEngine.Match> matches = new ArrayList<>();
        for (MatchingEngine.Match m : result.matches()) {
            String[] before = previous.get(m.idx());
            if (before != null && before[1].equals(key(m))) {
                previous.remove(m.idx());
            } else {
                matches.add(m);
            }
        }
        List<String> retired = previous.values().stream().map(v -> v[0]).toList();
        Batches.insert(tx, "UPDATE recon_match SET active = FALSE WHERE run_id = ? AND id = ?", retired.size(),
                (i, ps) -> {
                    ps.setString(1, runId);
                    ps.setString(2, retired.get(i));
                });
        OffsetDateTime at = utc(now);
        Batches.insert(tx, "INSERT INTO recon_match (run_id, id, idx, rule, why, payment_reference, order_number,"
                + " payment_amount, captured_at, group_size, matched_at, matched_by, note, active)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'system', NULL, TRUE)", matches.size(), (i, ps) -> {
                    MatchingEngine.Match m = matches.get(i);
                    ps.setString(1, runId);
                    ps.setString(2, "M" + generation + "-" + m.idx());
                    ps.setInt(3, m.idx());
                    ps.setString(4, m.rule());
                    ps.setString(5, cut(m.why(), 1000));
                    ps.setString(6, m.payment().reference());
                    ps.setString(7, m.payment().orderNumber());
                    ps.setLong(8, m.payment().amount());
                    ps.setObject(9, utc(m.payment().capturedAt()));
                    ps.setInt(10, m.groupSize());
                    ps.setObject(11, at);
                });

        // Exceptions: keep those that still stand (same category, lines, payment), supersede the others.
        Map<String, ReconExceptionRecord> standing = new HashMap<>();
        for (ReconExceptionRecord x : tx.selectFrom(RECON_EXCEPTION).where(RECON_EXCEPTION.RUN_ID.eq(runId))
                .and(RECON_EXCEPTION.STATUS.ne("SUPERSEDED")).fetch()) {
            standing.put(x.getFingerprint(), x);
        }
        Set<String> activeManual = new HashSet<>(tx.select(RECON_MATCH.ID).from(RECON_MATCH)
                .where(RECON_MATCH.RUN_ID.eq(runId)).and(RECON_MATCH.ACTIVE.isTrue())
                .and(RECON_MATCH.RULE.eq(MatchingEngine.MANUAL)).fetch(RECON_MATCH.ID));
        List<MatchingEngine.Finding> fresh = new ArrayList<>();
        Set<String> stillStanding = new HashSet<>();
        Map<String, String> exceptionOfPayment = new HashMap<>();
        for (MatchingEngine.Finding f : result.findings()) {
            ReconExceptionRecord kept = standing.get(f.fingerprint());
            if (kept != null) {
                stillStanding.add(f.fingerprint());
                if (f.payment() != null && "MISSING_IN_SETTLEMENT".equals(f.category())) {
                    exceptionOfPayment.put(f.payment().reference(), kept.getId());
                }
            } else {
                fresh.add(f);
            }
        }
        long superseded = 0;
        for (ReconExceptionRecord x : standing.values()) {
            boolean manualStillStands = x.getResolutionMatchId() != null && activeManual.contains(x.getResolutionMatchId());
            if (!stillStanding.contains(x.getFingerprint()) && !manualStillStands) {
                tx.update(RECON_EXCEPTION).set(RECON_EXCEPTION.STATUS, "SUPERSEDED")
                        .set(RECON_EXCEPTION.VERSION, x.getVersion() + 1).where(RECON_EXCEPTION.ID.eq(x.getId()))
                        .execute();
                ReconService.history(tx, x.getId(), now, actor, "SUPERSEDED", null,
                        "No longer stands after matching again.");
                superseded++;
            }
        }
        List<String> ids = fresh.isEmpty() ? List.of() : tx.resultQuery(
                "SELECT NEXT VALUE FOR recon_exception_id_seq FROM SYSTEM_RANGE(1, " + fresh.size() + ")")
                .fetch(0, Long.class).stream().map(n -> String.format("X-%08d", n)).toList();
        Map<Integer, Integer> lineNumbers = new HashMap<>();
        for (MatchingEngine.Line l : lines) {
            lineNumbers.put(l.idx(), l.lineNumber());
        }
        Batches.insert(tx, "INSERT INTO recon_exception (id, run_id, category, status, summary, fingerprint,"
                + " line_indexes, line_numbers, provider_reference, payment_reference, order_number, currency,"
                + " expected, actual, booked_at, candidates, created_at, version)"
                + " VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", fresh.size(), (i, ps) -> {
                    MatchingEngine.Finding f = fresh.get(i);
                    ps.setString(1, ids.get(i));
                    ps.setString(2, runId);
                    ps.setString(3, f.category());
                    ps.setString(4, cut(f.summary(), 2000));
                    ps.setString(5, cut(f.fingerprint(), 1000));
                    ps.setString(6, cut(f.lines().stream().map(String::valueOf).collect(Collectors.joining(",")), 4000));
                    ps.setString(7, cut(f.lines().stream().map(idx -> String.valueOf(lineNumbers.get(idx)))
                            .collect(Collectors.joining(",")), 4000));
                    ps.setString(8, f.providerReference());
                    ps.setString(9, f.payment() == null ? null : f.payment().reference());
                    ps.setString(10, cut(f.orderNumber(), 32));
                    ps.setString(11, f.currency());
                    ps.setObject(12, f.expected());
                    ps.setObject(13, f.actual());
                    ps.setObject(14, utc(f.bookedAt()));
                    ps.setString(15, f.candidates().isEmpty() ? null : cut(String.join(",", f.candidates()), 4000));
                    ps.setObject(16, at);
                });
        List<String[]> links = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            MatchingEngine.Finding f = fresh.get(i);
            for (int idx : f.lines()) {
                links.add(new String[] {String.valueOf(idx), ids.get(i)});
            }
            if (f.payment() != null && "MISSING_IN_SETTLEMENT".equals(f.category())) {
                exceptionOfPayment.put(f.payment().reference(), ids.get(i));
            }
        }
        Batches.insert(tx, "INSERT INTO recon_exception_line (run_id, idx, exception_id) VALUES (?, ?, ?)",
                links.size(), (i, ps) -> {
                    ps.setString(1, runId);
                    ps.setInt(2, Integer.parseInt(links.get(i)[0]));
                    ps.setString(3, links.get(i)[1]);
                });
        Batches.insert(tx, "INSERT INTO recon_exception_history (exception_id, seq, at, actor, action, code, note)"
                + " VALUES (?, 1, ?, 'system', 'CREATED', NULL, NULL)", fresh.size(), (i, ps) -> {
                    ps.setString(1, ids.get(i));
                    ps.setObject(2, at);
                });

        // The payments no line settles, as of now (derived, replaced each round).
        tx.deleteFrom(RECON_UNMATCHED_PAYMENT).where(RECON_UNMATCHED_PAYMENT.RUN_ID.eq(runId)).execute();
        List<MatchingEngine.Unmatched> unmatched = result.unmatched();
        Batches.insert(tx, "INSERT INTO recon_unmatched_payment (run_id, reference, order_number, amount_minor,"
                + " currency, state, captured_at, due_by, overdue, exception_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                unmatched.size(), (i, ps) -> {
                    MatchingEngine.Unmatched u = unmatched.get(i);
                    ps.setString(1, runId);
                    ps.setString(2, u.payment().reference());
                    ps.setString(3, u.payment().orderNumber());
                    ps.setLong(4, u.payment().amount());
                    ps.setString(5, u.payment().currency());
                    ps.setString(6, u.payment().state());
                    ps.setObject(7, utc(u.payment().capturedAt()));
                    ps.setObject(8, utc(u.dueBy()));
                    ps.setBoolean(9, u.overdue());
                    ps.setString(10, exceptionOfPayment.get(u.payment().reference()));
                });

        // The summary: totals over the lines (payouts apart), payout checks, counts.
        Map<String, long[]> totals = new TreeMap<>();
        for (MatchingEngine.Line l : lines) {
            if (!"PAYOUT".equals(l.kind())) {
                long[] t = totals.computeIfAbsent(l.currency(), k -> new long[3]);
                t[0] += l.gross();
                t[1] += l.fee();
                t[2] += l.net();
            }
        }
        List<ReconViews.PayoutCheck> payouts = result.payouts().stream()
                .map(p -> new ReconViews.PayoutCheck(p.batchReference(), p.currency(), p.amount(), p.linesNet(),
                        p.amount() - p.linesNet())).toList();
        long overdue = unmatched.stream().filter(MatchingEngine.Unmatched::overdue).count();
        ReconViews.Summary summary = new ReconViews.Summary(0, List.of(), Map.of(), 0, 0,
                totals.entrySet().stream().map(e -> new ReconViews.CurrencyTotals(e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList(), payouts, unmatched.size(), (int) overdue);
        // Matched lines: the automatic matches of this round and the hand-made ones, counted from the lines in
        // memory (a join over a million matches took longer than the matching).
        Set<Integer> matchedIdx = new HashSet<>(manualLines);
        result.matches().forEach(m -> matchedIdx.add(m.idx()));
        Map<String, Long> matchedAmounts = new TreeMap<>();
        for (MatchingEngine.Line l : lines) {
            if (matchedIdx.contains(l.idx())) {
                matchedAmounts.merge(l.currency(), l.gross(), Long::sum);
            }
        }
        summary = summary.withMatchedLines(matchedIdx.size(), matchedAmounts.entrySet().stream()
                .map(e -> new ReconViews.MoneyAmount(e.getKey(), e.getValue())).toList());
        run.setSummary(ReconJson.write(summary));
        run.setMatchGeneration(generation);
        tx.update(RECON_RUN).set(RECON_RUN.MATCH_GENERATION, generation).set(RECON_RUN.SUMMARY, run.getSummary())
                .where(RECON_RUN.ID.eq(runId)).execute();
        ReconRuns.refreshExceptionCounts(tx, run);
        return new Outcome(matchedIdx.size(), fresh.size() + stillStanding.size(), stillStanding.size(), superseded);
    }

    /** What makes an automatic match "the same" in another round. */
    private static String key(MatchingEngine.Match m) {
        return m.rule() + "\u0000" + m.payment().reference() + "\u0000" + m.groupSize() + "\u0000" + cut(m.why(), 1000);
    }

    /** The run's active automatic matches by line index: {id, key}. */
    private static Map<Integer, String[]> activeAutomaticMatches(DSLContext tx, String runId) {
        Map<Integer, String[]> out = new HashMap<>();
        tx.connection(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT id, idx, rule, payment_reference,"
                    + " group_size, why FROM recon_match WHERE run_id = ? AND active = TRUE AND rule <> ?")) {
                ps.setString(1, runId);
                ps.setString(2, MatchingEngine.MANUAL);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(2), new String[] {rs.getString(1), rs.getString(3) + "\u0000"
                                + rs.getString(4) + "\u0000" + rs.getInt(5) + "\u0000" + rs.getString(6)});
                    }
                }
            }
        });
        return out;
    }

    /** Refreshes the matched lines and amounts of the run's summary from its active matches. */
    static void refreshMatched(DSLContext tx, ReconRunRecord run) {
        ReconViews.Summary summary = ReconRuns.summary(run);
        if (summary == null) {
            return;
        }
        long[] count = new long[1];
        List<ReconViews.MoneyAmount> amounts = new ArrayList<>();
        tx.resultQuery("SELECT l.currency, COUNT(*), SUM(l.gross) FROM recon_match m JOIN recon_line l"
                        + " ON l.run_id = m.run_id AND l.idx = m.idx WHERE m.run_id = ? AND m.active = TRUE"
                        + " GROUP BY l.currency ORDER BY l.currency", run.getId())
                .forEach(r -> {
                    count[0] += r.get(1, Long.class);
                    amounts.add(new ReconViews.MoneyAmount(r.get(0, String.class), r.get(2, Long.class)));
                });
        run.setSummary(ReconJson.write(summary.withMatchedLines(count[0], amounts)));
        tx.update(RECON_RUN).set(RECON_RUN.SUMMARY, run.getSummary()).where(RECON_RUN.ID.eq(run.getId())).execute();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Every line of the run, in file order, read straight through JDBC (a million of them is routine). */
    static List<MatchingEngine.Line> lines(DSLContext tx, String runId) {
        List<MatchingEngine.Line> lines = new ArrayList<>();
        tx.connection(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT idx, line_number, kind,"
                    + " provider_reference, merchant_reference, batch_reference, currency, gross, fee, net, booked_at"
                    + " FROM recon_line WHERE run_id = ? ORDER BY idx")) {
                ps.setString(1, runId);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new MatchingEngine.Line(rs.getInt(1), rs.getInt(2), rs.getString(3).intern(),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7).intern(),
                                rs.getLong(8), rs.getLong(9), rs.getLong(10),
                                rs.getObject(11, OffsetDateTime.class).toInstant()));
                    }
                }
            }
        });
        return lines;
    }

    /** The provider's payments, read in one query per window and in batches of references. */
    private record Payments(DSLContext tx, String provider) implements MatchingEngine.PaymentSource {

        @Override
        public List<MatchingEngine.Payment> between(Instant from, Instant to) {
            return read(PAYMENT.PROVIDER.eq(provider).and(PAYMENT.CAPTURED_AT.ge(utc(from)))
                    .and(PAYMENT.CAPTURED_AT.lt(utc(to))));
        }

        @Override
        public List<MatchingEngine.Payment> byReferences(Collection<String> references) {
            return chunked(references, chunk -> PAYMENT.REFERENCE.in(chunk));
        }

        @Override
        public List<MatchingEngine.Payment> byOrderNumbers(Collection<String> orderNumbers) {
            return chunked(orderNumbers, chunk -> PAYMENT.ORDER_NUMBER.in(chunk));
        }

        private List<MatchingEngine.Payment> chunked(Collection<String> keys,
                                                     java.util.function.Function<List<String>, Condition> in) {
            List<String> all = new ArrayList<>(keys);
            List<MatchingEngine.Payment> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 1000) {
                out.addAll(read(PAYMENT.PROVIDER.eq(provider).and(in.apply(all.subList(i,
                        Math.min(all.size(), i + 1000))))));
            }
            return out;
        }

        /** jOOQ writes the query, JDBC reads the rows: a period of a large shop is ~100,000 payments. */
        private List<MatchingEngine.Payment> read(Condition where) {
            var query = tx.select(PAYMENT.REFERENCE, PAYMENT.ORDER_NUMBER, PAYMENT.AMOUNT_MINOR, PAYMENT.CURRENCY,
                    PAYMENT.STATE, PAYMENT.CREATED_AT, PAYMENT.CAPTURED_AT, PAYMENT.REFUNDED_AT).from(PAYMENT)
                    .where(where);
            List<MatchingEngine.Payment> out = new ArrayList<>();
            tx.connection(connection -> {
                try (PreparedStatement ps = connection.prepareStatement(query.getSQL())) {
                    List<Object> binds = query.getBindValues();
                    for (int i = 0; i < binds.size(); i++) {
                        ps.setObject(i + 1, binds.get(i));
                    }
                    ps.setFetchSize(10_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new MatchingEngine.Payment(rs.getString(1), rs.getString(2), rs.getLong(3),
                                    rs.getString(4).intern(), rs.getString(5).intern(), instant(rs, 6),
                                    instant(rs, 7), instant(rs, 8)));
                        }
                    }
                }
            });
            return out;
        }

        private static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
    }

    static MatchingEngine.Payment payment(Record r) {
        return new MatchingEngine.Payment(r.get(PAYMENT.REFERENCE), r.get(PAYMENT.ORDER_NUMBER),
                r.get(PAYMENT.AMOUNT_MINOR), r.get(PAYMENT.CURRENCY), r.get(PAYMENT.STATE),
                ReconRuns.instant(r.get(PAYMENT.CREATED_AT)), ReconRuns.instant(r.get(PAYMENT.CAPTURED_AT)),
                ReconRuns.instant(r.get(PAYMENT.REFUNDED_AT)));
    }

    DSLContext dsl() {
        return dsl;
    }

    static Condition noCondition() {
        return DSL.noCondition();
    }
}
