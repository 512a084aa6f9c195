package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Permits;

import java.util.List;

/**
 * What the signed-in user may do with a failure, from the permissions and scopes the server sent
 * (never from role names), and why not when they may not. The server still decides: a 403 is shown
 * as a clear message all the same.
 */
public final class FailurePermissions {

    private final Permits permits;

    public FailurePermissions(Permits permits) {
        this.permits = permits;
    }

    public FailurePermissions(Me me) {
        this(Permits.of(me));
    }

    /** The queues the user may read, in the usual order. */
    public List<String> readableQueues() {
        return queues(Permissions.FAILURES_READ);
    }

    /** The queues {@code permission} covers: all when held without a queue scope, none when not held. */
    public List<String> queues(String permission) {
        return permits.allowed(permission, Permits.Dimension.QUEUE, FailureTexts.QUEUES);
    }

    public boolean may(String permission, String queue) {
        return permits.covers(permission, Permits.Dimension.QUEUE, queue);
    }

    /** Whether there is any queue the user may replay in (for the bulk replay button). */
    public boolean mayReplayAnything() {
        return !queues(Permissions.FAILURES_REPLAY).isEmpty();
    }

    public Permit replay(Failure f) {
        Permit scope = scoped(Permissions.FAILURES_REPLAY, "replay", f);
        if (!scope.allowed()) {
            return scope;
        }
        return switch (f.status()) {
            case "DEAD" -> Permit.no("Quarantined: its signature never verified, so it can never be replayed.");
            case "RESOLVED" -> Permit.no("Already resolved — there is nothing left to replay.");
            case "DISMISSED" -> Permit.no("Dismissed — a dismissed failure is not replayed.");
            case "REPLAYING" -> Permit.no("A replay of it is running right now.");
            default -> f.replayable() ? Permit.ALLOWED : Permit.no("The server says it cannot be replayed.");
        };
    }

    /** Resolve or dismiss: open and quarantined failures. */
    public Permit resolve(Failure f) {
        Permit scope = scoped(Permissions.FAILURES_RESOLVE, "resolve or dismiss", f);
        if (!scope.allowed()) {
            return scope;
        }
        return switch (f.status()) {
            case "OPEN", "DEAD" -> Permit.ALLOWED;
            case "REPLAYING" -> Permit.no("A replay of it is running right now; wait for it to finish.");
            default -> Permit.no("Already " + FailureTexts.status(f.status()).toLowerCase(java.util.Locale.ROOT) + ".");
        };
    }

    /** Reopen: resolved and dismissed failures, for those who may resolve them. */
    public Permit reopen(Failure f) {
        Permit scope = scoped(Permissions.FAILURES_RESOLVE, "reopen", f);
        if (!scope.allowed()) {
            return scope;
        }
        return switch (f.status()) {
            case "RESOLVED", "DISMISSED" -> Permit.ALLOWED;
            case "DEAD" -> Permit.no("Quarantined: it was never resolved, so there is nothing to reopen.");
            default -> Permit.no("It is open already.");
        };
    }

    /** Assigning needs the same permission as resolving. */
    public Permit assign(Failure f) {
        return scoped(Permissions.FAILURES_RESOLVE, "assign", f);
    }

    /** Anyone who may read the queue may add a note. */
    public Permit note(Failure f) {
        return scoped(Permissions.FAILURES_READ, "add notes to", f);
    }

    /** Replaying, resolving, assigning, noting: the user's permission in the failure's queue. */
    private Permit scoped(String permission, String verb, Failure f) {
        if (!permits.has(permission)) {
            return Permit.no("Your role may not " + verb + " failures.");
        }
        return permits.mayOn(permission, verb, Permits.Dimension.QUEUE, f.queue(), FailureTexts.QUEUES,
                FailureTexts::queueNoun);
    }

    public Permits permits() {
        return permits;
    }
}
