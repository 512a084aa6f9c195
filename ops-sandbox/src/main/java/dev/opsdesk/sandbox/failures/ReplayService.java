package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_NOTE;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one failure, exactly once in effect however many replays of it arrive at once:
 * <ol>
 *   <li>a compare-and-set claim ({@code OPEN -> REPLAYING} where the version is still the one read, version + 1)
 *       that exactly one caller wins; the others are told it is in progress (or, once it is resolved, that it is not
 *       replayable);</li>
 *   <li>the effect, the attempt and the new status in one transaction; a capture is guarded by the capture ledger's
 *       unique key, so even two different failures about one payment capture it once (the loser's transaction
 *       runs again and finds it {@link Effect#ALREADY_APPLIED});</li>
 *   <li>then {@code RESOLVED} (succeeded, or already applied) or back to {@code OPEN} with the error recorded.</li>
 * </ol>
 * A crash between claim and commit leaves the failure {@code REPLAYING}; the server puts it back to {@code OPEN} when
 * it starts ({@link FailureStore#reopenStaleReplays}). Permission checks are the caller's.
 */
public final class ReplayService {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
    private static final int MAX_RUNS = 4;

    private final DSLContext dsl;
    private final FailureStore store;
    private final PlatformHandlers handlers;
    private final EventHub events;
    private final Clock clock;

    public ReplayService(DSLContext dsl, FailureStore store, Simulation simulation, EventHub events, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.handlers = new PlatformHandlers(simulation);
        this.events = events;
        this.clock = clock;
    }

    PlatformHandlers handlers() {
        return handlers;
    }

    /** From now on, a replay of {@code rerun}'s queue that applies also runs its work again (in its transaction). */
    public void rerunWith(FailureRerun rerun) {
        handlers.rerunWith(rerun);
    }

    /**
     * Replays {@code failureId}.
     *
     * @param actor the username (or {@code system:...}) recorded on the attempt
     * @param jobId the bulk job, for {@link Trigger#BULK}
     * @param note  an optional note from the person replaying, kept with the failure
     * @throws ApiException 404 unknown; 409 {@code failure-not-replayable} (quarantined, resolved, dismissed) or
     *                      {@code replay-in-progress} (another replay holds it)
     */
    public Views.ReplayResult replay(String failureId, Trigger trigger, String actor, String jobId, String note) {
        FailureRecord failure = store.find(failureId).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "There is no failure " + failureId + "."));
        return replay(failure, trigger, actor, jobId, note);
    }

    /** As {@link #replay(String, Trigger, String, String, String)}, for a failure the caller has just read. */
    public Views.ReplayResult replay(FailureRecord failure, Trigger trigger, String actor, String jobId, String note) {
        String failureId = failure.getId();
        long started = System.nanoTime();
        FailureRecord claimed = claim(failure);
        if (trigger != Trigger.BULK) {
            FailureEvents.updated(events, store.view(failureId));
        }
        Views.ReplayResult result;
        try {
            result = runClaimed(claimed, trigger, actor, jobId, note, started);
        } catch (RuntimeException e) {
            LOG.error("Replay of {} failed unexpectedly", failureId, e);
            result = recordBroken(failureId, trigger, actor, jobId, started, e);
        }
        if (result.outcome() == Outcome.SUCCEEDED) {
            handlers.committed(claimed);
        }
        FailureEvents.updated(events, result.failure());
        return result;
    }

    /**
     * The claim: {@code OPEN -> REPLAYING} if the failure is still exactly as read (same version), so that the replay
     * runs on the state it claimed. Exactly one of any number of concurrent claims wins. A change in between (a note,
     * another replay that failed) makes it read again; a failure that is no longer open is refused.
     *
     * @return the failure as claimed (before the claim's own update)
     */
    private FailureRecord claim(FailureRecord read) {
        FailureRecord failure = read;
        for (int attempt = 0; attempt < 5; attempt++) {
            refuseUnlessOpen(failure);
            int claimed = dsl.update(FAILURE)
                    .set(FAILURE.STATUS, FailureStatus.REPLAYING.name())
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .set(FAILURE.UPDATED_AT, FailureStore.utc(now()))
                    .where(FAILURE.ID.eq(failure.getId()))
                    .and(FAILURE.STATUS.eq(FailureStatus.OPEN.name()))
                    .and(FAILURE.VERSION.eq(failure.getVersion()))
                    .execute();
            if (claimed == 1) {
                return failure;
            }
            failure = store.find(failure.getId()).orElseThrow();
        }
        refuseUnlessOpen(failure);
        throw inProgress(failure.getId());
    }

    /**
     * Runs the claimed replay on {@code f}, the failure as it was claimed: what a replay depends on (payload, queue,
     * reason, attempt count) only changes by a replay, and the claim keeps every other replay out until it ends.
     */
    private Views.ReplayResult runClaimed(FailureRecord f, Trigger trigger, String actor, String jobId, String note,
                                          long started) {
        String failureId = f.getId();
        for (int run = 1; ; run++) {
            try {
                return dsl.transactionResult(configuration -> {
                    DSLContext tx = configuration.dsl();
                    int attempt = f.getAttemptCount() + 1;
                    Instant now = now();
                    List<AuditEntry> audit = new ArrayList<>();
                    PlatformHandlers.Decision decision = handlers.replay(tx, f, attempt, now, actor, audit);
                    Outcome outcome = decision.outcome();
                    OffsetDateTime at = FailureStore.utc(now);
                    insertAttempt(tx, failureId, attempt, at, trigger, actor, outcome, decision.effect(),
                            decision.statusCode(), decision.failed() ? decision.message() : null, started, jobId);
                    var update = tx.update(FAILURE)
                            .set(FAILURE.ATTEMPT_COUNT, attempt)
                            .set(FAILURE.LAST_ATTEMPT_AT, at)
                            .set(FAILURE.UPDATED_AT, at)
                            .set(FAILURE.VERSION, FAILURE.VERSION.plus(1));
                    if (decision.failed()) {
                        update = update.set(FAILURE.STATUS, FailureStatus.OPEN.name())
                                .set(FAILURE.REASON, decision.failure().name())
                                .set(FAILURE.MESSAGE, FailureStore.clip(decision.message(), 1000));
                    } else {
                        update = update.set(FAILURE.STATUS, FailureStatus.RESOLVED.name())
                                .set(FAILURE.RESOLVED_BY, actor)
                                .set(FAILURE.RESOLVED_AT, at)
                                .set(FAILURE.RESOLUTION_CODE, ResolutionCode.REPLAYED.name())
                                .set(FAILURE.RESOLUTION_NOTE, FailureStore.clip(note != null ? note
                                        : decision.message(), 2000));
                    }
                    int updated = update.where(FAILURE.ID.eq(failureId))
                            .and(FAILURE.STATUS.eq(FailureStatus.REPLAYING.name()))
                            .execute();
                    if (updated != 1) {
                        throw new IllegalStateException("Failure " + failureId + " left REPLAYING during its replay");
                    }
                    if (note != null) {
                        tx.insertInto(FAILURE_NOTE)
                                .set(FAILURE_NOTE.ID, UUID.randomUUID().toString())
                                .set(FAILURE_NOTE.FAILURE_ID, failureId)
                                .set(FAILURE_NOTE.NOTED_AT, at)
                                .set(FAILURE_NOTE.AUTHOR, actor)
                                .set(FAILURE_NOTE.NOTE_TEXT, "Replay: " + note)
                                .execute();
                    }
                    Views.Failure after = FailureStore.view(tx.selectFrom(FAILURE).where(FAILURE.ID.eq(failureId))
                            .fetchOne());
                    audit.add(replayed(now, actor, f, after, trigger, outcome, decision.effect(), decision.message(),
                            note, jobId));
                    AuditLog.append(tx, audit);
                    return new Views.ReplayResult(failureId, outcome, decision.effect(), decision.message(), after);
                });
            } catch (IntegrityConstraintViolationException | PlatformHandlers.ConcurrentChange e) {
                // Someone else applied the effect between our read and our write; the next run sees it.
                if (run >= MAX_RUNS) {
                    throw e;
                }
            } catch (DataAccessException e) {
                if (run >= MAX_RUNS || !isConcurrencyConflict(e)) {
                    throw e;
                }
            }
        }
    }

    /** A replay that broke: the attempt is recorded as failed, and the failure reopened so nothing stays stuck. */
    private Views.ReplayResult recordBroken(String failureId, Trigger trigger, String actor, String jobId, long started,
                                            RuntimeException cause) {
        String message = "The replay could not run (" + cause.getClass().getSimpleName()
                + "); nothing was applied. Try again.";
        return dsl.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            FailureRecord f = tx.selectFrom(FAILURE).where(FAILURE.ID.eq(failureId)).fetchOne();
            int attempt = f.getAttemptCount() + 1;
            OffsetDateTime at = FailureStore.utc(now());
            insertAttempt(tx, failureId, attempt, at, trigger, actor, Outcome.FAILED, Effect.FAIL_AGAIN, 500,
                    message, started, jobId);
            tx.update(FAILURE)
                    .set(FAILURE.STATUS, FailureStatus.OPEN.name())
                    .set(FAILURE.ATTEMPT_COUNT, attempt)
                    .set(FAILURE.LAST_ATTEMPT_AT, at)
                    .set(FAILURE.UPDATED_AT, at)
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .where(FAILURE.ID.eq(failureId))
                    .and(FAILURE.STATUS.eq(FailureStatus.REPLAYING.name()))
                    .execute();
            Views.Failure after = FailureStore.view(tx.selectFrom(FAILURE).where(FAILURE.ID.eq(failureId)).fetchOne());
            AuditLog.append(tx, replayed(at.toInstant(), actor, f, after, trigger, Outcome.FAILED, Effect.FAIL_AGAIN,
                    message, null, jobId));
            return new Views.ReplayResult(failureId, Outcome.FAILED, Effect.FAIL_AGAIN, message, after);
        });
    }

    /** The audit entry of one replay attempt: the failure before (as claimed) and after, and what it did. */
    private static AuditEntry replayed(Instant at, String actor, FailureRecord before, Views.Failure after,
                                       Trigger trigger, Outcome outcome, Effect effect, String message, String note,
                                       String jobId) {
        return FailureAudit.entry(at, actor, "failure.replayed", before).correlation(jobId)
                .with("trigger", trigger.name()).with("outcome", outcome.name()).with("effect", effect.name())
                .with("message", message).with("note", note)
                .change(AuditEntry.values("status", FailureStatus.OPEN.name(), "reason", before.getReason(),
                                "attempts", (long) before.getAttemptCount()),
                        AuditEntry.values("status", after.status().name(), "reason", after.reason().name(),
                                "attempts", (long) after.attemptCount()));
    }

    private static void insertAttempt(DSLContext tx, String failureId, int attempt, OffsetDateTime at, Trigger trigger,
                                      String actor, Outcome outcome, Effect effect, int statusCode, String error,
                                      long started, String jobId) {
        tx.insertInto(FAILURE_ATTEMPT)
                .set(FAILURE_ATTEMPT.FAILURE_ID, failureId)
                .set(FAILURE_ATTEMPT.ATTEMPT_NUMBER, attempt)
                .set(FAILURE_ATTEMPT.ATTEMPTED_AT, at)
                .set(FAILURE_ATTEMPT.TRIGGER_KIND, trigger.name())
                .set(FAILURE_ATTEMPT.ACTOR, actor)
                .set(FAILURE_ATTEMPT.OUTCOME, outcome.name())
                .set(FAILURE_ATTEMPT.EFFECT, effect.name())
                .set(FAILURE_ATTEMPT.STATUS_CODE, statusCode)
                .set(FAILURE_ATTEMPT.ERROR_MESSAGE, FailureStore.clip(error, 1000))
                .set(FAILURE_ATTEMPT.DURATION_MS, (int) ((System.nanoTime() - started) / 1_000_000))
                .set(FAILURE_ATTEMPT.JOB_ID, jobId)
                .execute();
    }

    /** 409 {@code failure-not-replayable} or {@code replay-in-progress} unless the failure is OPEN. */
    static void refuseUnlessOpen(FailureRecord f) {
        FailureStatus status = FailureStatus.valueOf(f.getStatus());
        switch (status) {
            case OPEN -> {
                return;
            }
            case REPLAYING -> throw inProgress(f.getId());
            case DEAD -> throw new ApiException(ProblemType.FAILURE_NOT_REPLAYABLE, "Failure " + f.getId()
                    + " is quarantined: its signature or timestamp never verified, so its payload is not trusted"
                    + " and is never replayed. Dismiss it once you know where it came from.");
            default -> throw new ApiException(ProblemType.FAILURE_NOT_REPLAYABLE, "Failure " + f.getId()
                    + " is already " + status.name().toLowerCase(Locale.ROOT)
                    + (f.getResolvedBy() == null ? "" : " by " + f.getResolvedBy())
                    + (f.getResolvedAt() == null ? "" : " at " + f.getResolvedAt().toInstant()) + "; there is nothing"
                    + " left to replay.");
        }
    }

    static ApiException inProgress(String failureId) {
        return new ApiException(ProblemType.REPLAY_IN_PROGRESS, "Failure " + failureId
                + " is being replayed right now (by someone else, or by a bulk job); look at it again in a moment.");
    }

    /** H2's lock timeout or concurrent-update error: worth running the transaction again. */
    private static boolean isConcurrencyConflict(DataAccessException e) {
        String state = e.sqlState();
        return "HYT00".equals(state) || "90131".equals(state) || "40001".equals(state);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
