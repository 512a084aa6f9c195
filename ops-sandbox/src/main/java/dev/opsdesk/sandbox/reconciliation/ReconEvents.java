package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.RECON_RUN;

import dev.opsdesk.sandbox.audit.AuditQueries;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import dev.opsdesk.sandbox.events.Audience;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;
import org.jooq.DSLContext;

/**
 * What reconciliation publishes on the live stream (topic {@code reconciliation}): the run as it is now, once a change
 * to it has committed, to the readers allowed to see it, each with what they may do with it. Driven by the committed
 * audit events of runs, so that a rolled-back change publishes nothing.
 */
public final class ReconEvents {

    public static final String RUN_CHANGED = "recon.run.changed";

    private final DSLContext dsl;
    private final EventHub hub;

    public ReconEvents(DSLContext dsl, EventHub hub) {
        this.dsl = dsl;
        this.hub = hub;
    }

    /** For every committed audit event: publishes the run it is about, if it is about one. */
    public void committed(AuditQueries.Event e) {
        if (!ReconService.ENTITY.equals(e.entityType())) {
            return;
        }
        ReconRunRecord run = dsl.selectFrom(RECON_RUN).where(RECON_RUN.ID.eq(e.entityId())).fetchOne();
        if (run == null) {
            return;
        }
        ReconViews.Run asSeen = ReconRuns.view(dsl, run, null);
        RunActions.Facts facts = ReconRuns.facts(run);
        EventHub.PerReader payload = reader -> new ReconViews.Run(asSeen.id(), asSeen.kind(), asSeen.provider(),
                asSeen.warehouse(), asSeen.countId(), asSeen.periodFrom(), asSeen.periodTo(), asSeen.state(), asSeen.preparer(),
                asSeen.approver(), asSeen.createdAt(), asSeen.updatedAt(), asSeen.submittedAt(), asSeen.approvedAt(),
                asSeen.matchedAt(), asSeen.file(), asSeen.lineCount(), asSeen.uploadedLines(),
                asSeen.amountToleranceMinor(), asSeen.dateWindowDays(), asSeen.summary(), asSeen.locked(),
                asSeen.decertifiedAt(), asSeen.decertifiedReason(), asSeen.transitions(),
                RunActions.of(facts, reader), asSeen.version());
        hub.publish(Topic.RECONCILIATION, RUN_CHANGED, Audience.of(Permission.RECON_READ, facts.target()), "run",
                payload);
    }
}
