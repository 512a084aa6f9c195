package dev.opsdesk.sandbox.failures;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * What replaying a failure of one queue runs again, for the queues whose work belongs to another feature (an
 * {@code INVENTORY_SYNC} failure re-runs that pair's stock sync, which inventory owns). It runs inside the replay's
 * transaction, after the replay was decided to apply, so that the attempt, the status and what the re-run wrote
 * commit together; it may still fail (the feed is down), and then nothing it did is kept.
 */
public interface FailureRerun {

    /** The queue whose replays it re-runs. */
    Queue queue();

    /**
     * Runs {@code failure}'s work again on {@code tx}, adding its audit events to {@code audit} (appended by the
     * replay as its transaction's last write).
     *
     * @return null when it applied, else why it failed again
     */
    Failed rerun(DSLContext tx, FailureRecord failure, Instant now, String actor, List<AuditEntry> audit);

    /**
     * Why {@link #rerun} would fail again if it ran now on {@code dsl} (a feed it needs is down), or null: what a
     * replay preview says, so that the preview and the replay agree. Reads only.
     */
    Failed wouldFail(DSLContext dsl, FailureRecord failure);

    /** After a successful replay committed: publishes what it changed. */
    void committed(FailureRecord failure);

    /** Why a re-run failed again: the failure's new reason, message and the status code of the attempt. */
    record Failed(Reason reason, String message, int statusCode) {
    }
}
