package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION;
import static dev.opsdesk.sandbox.db.Tables.RECON_RUN;
import static dev.opsdesk.sandbox.db.Tables.RECON_RUN_TRANSITION;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** A run's row: finding it within the reader's scope, showing it (with what the reader may do), listing runs. */
public final class ReconRuns {

    /** Where a run keeps what recon scopes look at. */
    public static final Scopes.Columns SCOPE_COLUMNS = new Scopes.Columns(null, RECON_RUN.WAREHOUSE,
            RECON_RUN.PREPARER, null, RECON_RUN.KIND);

    private ReconRuns() {
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** The run, if the reader may read it: 404 when there is none, 403 outside their scope. */
    static ReconRunRecord readable(DSLContext dsl, Scopes reader, String id) {
        ReconRunRecord run = dsl.selectFrom(RECON_RUN).where(RECON_RUN.ID.eq(id)).fetchOne();
        return checkReadable(run, reader, id);
    }

    /** As {@link #readable}, locking the row for the rest of {@code tx}. */
    static ReconRunRecord lock(DSLContext tx, Scopes reader, String id) {
        ReconRunRecord run = tx.selectFrom(RECON_RUN).where(RECON_RUN.ID.eq(id)).forUpdate().fetchOne();
        return checkReadable(run, reader, id);
    }

    private static ReconRunRecord checkReadable(ReconRunRecord run, Scopes reader, String id) {
        if (run == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no reconciliation run " + id + ".");
        }
        if (reader != null && !reader.may(Permission.RECON_READ, facts(run).target())) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role does not let you see run " + id + ".");
        }
        return run;
    }

    static RunActions.Facts facts(ReconRunRecord r) {
        ReconViews.Summary summary = summary(r);
        return new RunActions.Facts(r.getId(), r.getKind(), r.getWarehouse(), r.getPreparer(), r.getState(),
                complete(r), r.getUploadedLines(), r.getLineCount(), r.getFileReceived(), r.getFileSize(),
                summary == null ? 0 : summary.openExceptions());
    }

    static boolean complete(ReconRunRecord r) {
        return r.getUploadedLines() >= r.getLineCount() && Boolean.TRUE.equals(r.getFileComplete());
    }

    static ReconViews.Summary summary(ReconRunRecord r) {
        return r.getSummary() == null ? null : ReconJson.read(r.getSummary(), ReconViews.Summary.class);
    }

    /** The run as {@code reader} sees it (null reader: no actions, for stored idempotent answers of the system). */
    public static ReconViews.Run view(DSLContext dsl, ReconRunRecord r, Scopes reader) {
        List<ReconViews.RunTransition> transitions = dsl.selectFrom(RECON_RUN_TRANSITION)
                .where(RECON_RUN_TRANSITION.RUN_ID.eq(r.getId())).orderBy(RECON_RUN_TRANSITION.SEQ)
                .fetch(t -> new ReconViews.RunTransition(instant(t.getAt()), t.getActor(), t.getAction(),
                        t.getFromState(), t.getToState(), t.getComment()));
        return view(r, transitions, reader);
    }

    static ReconViews.Run view(ReconRunRecord r, List<ReconViews.RunTransition> transitions, Scopes reader) {
        // A stock count has no file: it was counted, not uploaded.
        ReconViews.ReconFile file = StockCountRuns.KIND.equals(r.getKind()) ? null : new ReconViews.ReconFile(
                r.getFileName(), r.getFileSize(), r.getFileSha256(), r.getFileReceived(), r.getLayout());
        return new ReconViews.Run(r.getId(), r.getKind(), r.getProvider(), r.getWarehouse(), r.getCountId(),
                r.getPeriodFrom(), r.getPeriodTo(), r.getState(), r.getPreparer(), r.getApprover(),
                instant(r.getCreatedAt()), instant(r.getUpdatedAt()), instant(r.getSubmittedAt()),
                instant(r.getApprovedAt()), instant(r.getMatchedAt()), file, r.getLineCount(), r.getUploadedLines(),
                r.getAmountToleranceMinor(), r.getDateWindowDays(), summary(r), "APPROVED".equals(r.getState()),
                instant(r.getDecertifiedAt()), r.getDecertifiedReason(), transitions,
                reader == null ? List.of() : RunActions.of(facts(r), reader), r.getVersion());
    }

    /** Runs newest first, within the reader's scope; {@code after} is the previous page's last key. */
    public static Slice<ReconViews.Run> list(DSLContext dsl, Scopes reader, String kind, Set<String> states,
                                             String provider, String preparer, String after, int limit) {
        Condition where = reader.filter(Permission.RECON_READ).condition(SCOPE_COLUMNS);
        if (kind != null) {
            where = where.and(RECON_RUN.KIND.eq(kind));
        }
        if (states != null) {
            where = where.and(RECON_RUN.STATE.in(states));
        }
        if (provider != null) {
            where = where.and(RECON_RUN.PROVIDER.eq(provider));
        }
        if (preparer != null) {
            where = where.and(RECON_RUN.PREPARER.eq(preparer));
        }
        if (after != null) {
            String[] parts = after.split("~", 2);
            OffsetDateTime at;
            try {
                at = utc(Instant.ofEpochMilli(Long.parseLong(parts[0])));
            } catch (RuntimeException e) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of"
                        + " the previous page, or none.");
            }
            String id = parts.length > 1 ? parts[1] : "";
            where = where.and(RECON_RUN.CREATED_AT.lt(at).or(RECON_RUN.CREATED_AT.eq(at).and(RECON_RUN.ID.lt(id))));
        }
        List<ReconRunRecord> rows = dsl.selectFrom(RECON_RUN).where(where)
                .orderBy(RECON_RUN.CREATED_AT.desc(), RECON_RUN.ID.desc()).limit(limit + 1).fetch();
        boolean more = rows.size() > limit;
        List<ReconRunRecord> page = more ? rows.subList(0, limit) : rows;
        Map<String, List<ReconViews.RunTransition>> transitions = new TreeMap<>();
        if (!page.isEmpty()) {
            dsl.selectFrom(RECON_RUN_TRANSITION)
                    .where(RECON_RUN_TRANSITION.RUN_ID.in(page.stream().map(ReconRunRecord::getId).toList()))
                    .orderBy(RECON_RUN_TRANSITION.RUN_ID, RECON_RUN_TRANSITION.SEQ)
                    .forEach(t -> transitions.computeIfAbsent(t.getRunId(), k -> new ArrayList<>())
                            .add(new ReconViews.RunTransition(instant(t.getAt()), t.getActor(), t.getAction(),
                                    t.getFromState(), t.getToState(), t.getComment())));
        }
        List<ReconViews.Run> items = page.stream()
                .map(r -> view(r, transitions.getOrDefault(r.getId(), List.of()), reader)).toList();
        String next = null;
        if (more) {
            ReconRunRecord last = page.get(page.size() - 1);
            next = last.getCreatedAt().toInstant().toEpochMilli() + "~" + last.getId();
        }
        return new Slice<>(items, next);
    }

    /** Records a transition as the run's next one. */
    static void transition(DSLContext tx, String runId, Instant at, String actor, String action, String from,
                           String to, String comment) {
        Integer last = tx.select(DSL.max(RECON_RUN_TRANSITION.SEQ)).from(RECON_RUN_TRANSITION)
                .where(RECON_RUN_TRANSITION.RUN_ID.eq(runId)).fetchOne(0, Integer.class);
        tx.insertInto(RECON_RUN_TRANSITION)
                .set(RECON_RUN_TRANSITION.RUN_ID, runId)
                .set(RECON_RUN_TRANSITION.SEQ, last == null ? 1 : last + 1)
                .set(RECON_RUN_TRANSITION.AT, utc(at))
                .set(RECON_RUN_TRANSITION.ACTOR, actor)
                .set(RECON_RUN_TRANSITION.ACTION, action)
                .set(RECON_RUN_TRANSITION.FROM_STATE, from)
                .set(RECON_RUN_TRANSITION.TO_STATE, to)
                .set(RECON_RUN_TRANSITION.COMMENT, comment)
                .execute();
    }

    /** Refreshes the exception counts of the run's summary from its exceptions (inside {@code tx}). */
    static void refreshExceptionCounts(DSLContext tx, ReconRunRecord run) {
        ReconViews.Summary summary = summary(run);
        if (summary == null) {
            return;
        }
        Map<String, Integer> byCategory = new TreeMap<>();
        int[] open = new int[1];
        int[] resolved = new int[1];
        tx.select(RECON_EXCEPTION.CATEGORY, RECON_EXCEPTION.STATUS, DSL.count()).from(RECON_EXCEPTION)
                .where(RECON_EXCEPTION.RUN_ID.eq(run.getId())).and(RECON_EXCEPTION.STATUS.ne("SUPERSEDED"))
                .groupBy(RECON_EXCEPTION.CATEGORY, RECON_EXCEPTION.STATUS)
                .forEach(r -> {
                    byCategory.merge(r.value1(), r.value3(), Integer::sum);
                    if ("OPEN".equals(r.value2())) {
                        open[0] += r.value3();
                    } else {
                        resolved[0] += r.value3();
                    }
                });
        run.setSummary(ReconJson.write(summary.withExceptions(byCategory, open[0], resolved[0])));
        tx.update(RECON_RUN).set(RECON_RUN.SUMMARY, run.getSummary()).where(RECON_RUN.ID.eq(run.getId())).execute();
    }
}
