package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_NOTE;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.service.UserView;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Reading and working the failure queues (everything but replays): who may see and change which queue, resolving,
 * assigning, notes, and the related order.
 */
public final class FailureService {

    private final DSLContext dsl;
    private final FailureStore store;
    private final UserService users;
    private final EventHub events;
    private final Clock clock;

    public FailureService(DSLContext dsl, FailureStore store, UserService users, EventHub events, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    // --- access ---

    /** The queues {@code permission} covers: null for all, empty when not held. */
    public static Set<Queue> queues(Scopes scopes, Permission permission) {
        return scopes.queues(permission, Queue.class);
    }

    /** Whether {@code permission} covers failures in {@code queue}. */
    public static boolean may(Scopes scopes, Permission permission, Queue queue) {
        return scopes.may(permission, Target.inQueue(queue.name()));
    }

    /** 403 unless the caller holds {@code permission} for {@code queue}. */
    public static void require(Principal principal, Permission permission, Queue queue) {
        if (!may(principal.scopes(), permission, queue)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role may not " + verb(permission)
                    + " failures in the " + queue + " queue.");
        }
    }

    private static String verb(Permission permission) {
        return switch (permission) {
            case FAILURES_REPLAY -> "replay";
            case FAILURES_RESOLVE -> "resolve or assign";
            default -> "see";
        };
    }

    /** The failure, or 404. */
    public FailureRecord load(String id) {
        return store.find(id).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "There is no failure " + id + "."));
    }

    /** The failure, if the caller may hold {@code permission} for its queue (404 / 403 otherwise). */
    public FailureRecord load(Principal principal, String id, Permission permission) {
        FailureRecord failure = load(id);
        require(principal, permission, Queue.valueOf(failure.getQueue()));
        return failure;
    }

    // --- reading ---

    public Views.FailureDetail detail(Principal principal, String id) {
        return store.detail(load(principal, id, Permission.FAILURES_READ));
    }

    public Views.Summary summary(Principal principal) {
        return store.summary(queues(principal.scopes(), Permission.FAILURES_READ), now());
    }

    /**
     * An order: for those who read the payment queue, and for auditors of orders (all {@code audit.read} but the
     * warehouse staff's own-actions scope).
     */
    public Views.Order order(Principal principal, String orderNumber) {
        // Not the warehouse staff's own-actions audit scope: an order is not theirs, whoever touched it.
        Scopes.Filter audit = principal.scopes().filter(Permission.AUDIT_READ);
        boolean mayAudit = !audit.nothing() && audit.ownActor() == null;
        if (!may(principal.scopes(), Permission.FAILURES_READ, Queue.PAYMENT_CALLBACK) && !mayAudit) {
            throw new ApiException(ProblemType.FORBIDDEN,
                    "Orders are for those who work the payment queue or audit orders; your role does neither.");
        }
        return store.order(orderNumber).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "There is no order " + orderNumber + "."));
    }

    // --- changing ---

    /** Closes a failure as RESOLVED or DISMISSED, with who, why and when. Open and quarantined failures only. */
    public Views.FailureDetail resolve(Principal principal, String id, FailureStatus status, ResolutionCode code,
                                       String note) {
        load(principal, id, Permission.FAILURES_RESOLVE);
        Instant at = now();
        OffsetDateTime now = FailureStore.utc(at);
        String username = principal.user().username();
        boolean changed = dsl.transactionResult(tx -> {
            FailureRecord before = tx.dsl().selectFrom(FAILURE).where(FAILURE.ID.eq(id)).forUpdate().fetchSingle();
            if (!before.getStatus().equals(FailureStatus.OPEN.name())
                    && !before.getStatus().equals(FailureStatus.DEAD.name())) {
                return false;
            }
            tx.dsl().update(FAILURE)
                    .set(FAILURE.STATUS, status.name())
                    .set(FAILURE.RESOLVED_BY, username)
                    .set(FAILURE.RESOLVED_AT, now)
                    .set(FAILURE.RESOLUTION_CODE, code.name())
                    .set(FAILURE.RESOLUTION_NOTE, note)
                    .set(FAILURE.UPDATED_AT, now)
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .where(FAILURE.ID.eq(id))
                    .execute();
            // The note is the person's words about the failure: it joins the failure's notes, where everyone who
            // works the queue reads them, and stays there if the failure is reopened (the resolution does not).
            insertNote(tx.dsl(), id, at, username, note);
            AuditLog.append(tx.dsl(), FailureAudit.entry(at, username,
                    status == FailureStatus.DISMISSED ? "failure.dismissed" : "failure.resolved", before)
                    .change(AuditEntry.values("status", before.getStatus()),
                            AuditEntry.values("status", status.name(), "resolutionCode", code.name(),
                                    "resolutionNote", note)));
            return true;
        });
        if (!changed) {
            FailureRecord current = load(id);
            if (FailureStatus.REPLAYING.name().equals(current.getStatus())) {
                throw new ApiException(ProblemType.REPLAY_IN_PROGRESS,
                        "Failure " + id + " is being replayed right now; resolve it after the replay if it is still open.");
            }
            throw new ApiException(ProblemType.CONFLICT, "Failure " + id + " is already "
                    + current.getStatus().toLowerCase(java.util.Locale.ROOT) + (current.getResolvedBy() == null ? "" : " (by "
                    + current.getResolvedBy() + ")") + ".");
        }
        return changed(id);
    }

    /** Assigns a failure to a user who can see its queue, or unassigns it ({@code username} null). */
    public Views.FailureDetail assign(Principal principal, String id, String username) {
        FailureRecord failure = load(principal, id, Permission.FAILURES_RESOLVE);
        String assignee = null;
        if (username != null) {
            UserView user = users.findByUsername(username).orElseThrow(() -> ApiException.unprocessable("assignee",
                    "There is no user '" + username + "'."));
            Queue queue = Queue.valueOf(failure.getQueue());
            if (!may(Scopes.ofRoles(user.username(), user.roles(), user.warehouses()), Permission.FAILURES_READ,
                    queue)) {
                throw ApiException.unprocessable("assignee",
                        "User '" + user.username() + "' cannot see the " + queue + " queue.");
            }
            assignee = user.username();
        }
        String newAssignee = assignee;
        Instant at = now();
        dsl.transaction(tx -> {
            FailureRecord before = tx.dsl().selectFrom(FAILURE).where(FAILURE.ID.eq(id)).forUpdate().fetchSingle();
            if (java.util.Objects.equals(before.getAssignee(), newAssignee)) {
                return; // no change, nothing to record
            }
            tx.dsl().update(FAILURE)
                    .set(FAILURE.ASSIGNEE, newAssignee)
                    .set(FAILURE.UPDATED_AT, FailureStore.utc(at))
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .where(FAILURE.ID.eq(id))
                    .execute();
            AuditLog.append(tx.dsl(), FailureAudit.entry(at, principal.user().username(),
                    newAssignee == null ? "failure.unassigned" : "failure.assigned", before)
                    .change(AuditEntry.values("assignee", before.getAssignee()),
                            AuditEntry.values("assignee", newAssignee)));
        });
        return changed(id);
    }

    /**
     * The people who may act on a failure: every user holding {@code failures.replay} or {@code failures.resolve} for
     * its queue, by username. What the desktop offers when assigning (assigning itself still takes anyone who can
     * see the queue, e.g. a finance colleague asked to look at an amount).
     */
    public Views.Assignees assignees(Principal principal, String id) {
        FailureRecord failure = load(principal, id, Permission.FAILURES_RESOLVE);
        Queue queue = Queue.valueOf(failure.getQueue());
        java.util.List<Views.Assignee> items = new java.util.ArrayList<>();
        for (UserView user : users.all()) {
            Scopes scopes = Scopes.ofRoles(user.username(), user.roles(), user.warehouses());
            boolean mayReplay = may(scopes, Permission.FAILURES_REPLAY, queue);
            boolean mayResolve = may(scopes, Permission.FAILURES_RESOLVE, queue);
            if (mayReplay || mayResolve) {
                items.add(new Views.Assignee(user.username(), user.displayName(), mayReplay, mayResolve));
            }
        }
        return new Views.Assignees(items);
    }

    /**
     * Opens a resolved or dismissed failure again, with the reason: the resolution is cleared (its who, why and when
     * stay in the audit trail and, as a note, on the failure), the reason is kept as a note, and
     * {@code failure.reopened} is recorded. A quarantined failure stays quarantined: it was never resolved.
     */
    public Views.FailureDetail reopen(Principal principal, String id, String reason) {
        load(principal, id, Permission.FAILURES_RESOLVE);
        Instant at = now();
        OffsetDateTime now = FailureStore.utc(at);
        String username = principal.user().username();
        boolean changed = dsl.transactionResult(tx -> {
            FailureRecord before = tx.dsl().selectFrom(FAILURE).where(FAILURE.ID.eq(id)).forUpdate().fetchSingle();
            if (!before.getStatus().equals(FailureStatus.RESOLVED.name())
                    && !before.getStatus().equals(FailureStatus.DISMISSED.name())) {
                return false;
            }
            tx.dsl().update(FAILURE)
                    .set(FAILURE.STATUS, FailureStatus.OPEN.name())
                    .setNull(FAILURE.RESOLVED_BY)
                    .setNull(FAILURE.RESOLVED_AT)
                    .setNull(FAILURE.RESOLUTION_CODE)
                    .setNull(FAILURE.RESOLUTION_NOTE)
                    .set(FAILURE.UPDATED_AT, now)
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .where(FAILURE.ID.eq(id))
                    .execute();
            insertNote(tx.dsl(), id, at, username, "Reopened: " + reason);
            AuditLog.append(tx.dsl(), FailureAudit.entry(at, username, "failure.reopened", before)
                    .with("why", reason)
                    .change(AuditEntry.values("status", before.getStatus(), "resolvedBy", before.getResolvedBy(),
                                    "resolutionCode", before.getResolutionCode(),
                                    "resolutionNote", before.getResolutionNote()),
                            AuditEntry.values("status", FailureStatus.OPEN.name())));
            return true;
        });
        if (!changed) {
            FailureRecord current = load(id);
            throw new ApiException(ProblemType.CONFLICT, "Failure " + id + " is "
                    + current.getStatus().toLowerCase(java.util.Locale.ROOT)
                    + "; only a resolved or dismissed failure can be reopened.");
        }
        return changed(id);
    }

    public Views.Note addNote(Principal principal, String id, String text) {
        load(principal, id, Permission.FAILURES_READ);
        return addNote(id, principal.user().username(), text);
    }

    Views.Note addNote(String id, String author, String text) {
        Instant at = now();
        String noteId = UUID.randomUUID().toString();
        dsl.transaction(tx -> {
            insertNote(tx.dsl(), noteId, id, at, author, text);
            tx.dsl().update(FAILURE)
                    .set(FAILURE.UPDATED_AT, FailureStore.utc(at))
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .where(FAILURE.ID.eq(id))
                    .execute();
            FailureRecord f = tx.dsl().selectFrom(FAILURE).where(FAILURE.ID.eq(id)).fetchSingle();
            AuditLog.append(tx.dsl(), FailureAudit.entry(at, author, "failure.noted", f)
                    .with("noteId", noteId).with("text", text));
        });
        FailureEvents.updated(events, store.view(id));
        return new Views.Note(noteId, at, author, text);
    }

    private static void insertNote(DSLContext tx, String failureId, Instant at, String author, String text) {
        insertNote(tx, UUID.randomUUID().toString(), failureId, at, author, text);
    }

    private static void insertNote(DSLContext tx, String noteId, String failureId, Instant at, String author,
                                   String text) {
        tx.insertInto(FAILURE_NOTE)
                .set(FAILURE_NOTE.ID, noteId)
                .set(FAILURE_NOTE.FAILURE_ID, failureId)
                .set(FAILURE_NOTE.NOTED_AT, FailureStore.utc(at))
                .set(FAILURE_NOTE.AUTHOR, author)
                .set(FAILURE_NOTE.NOTE_TEXT, clipNote(text))
                .execute();
    }

    private static String clipNote(String text) {
        return FailureStore.clip(text, 4000);
    }

    private Views.FailureDetail changed(String id) {
        FailureRecord after = load(id);
        Views.FailureDetail detail = store.detail(after);
        FailureEvents.updated(events, detail.failure());
        return detail;
    }

    /** The server's time (what SLA ages are measured at). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
