package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.audit.ChainVerifier;
import dev.opsdesk.client.audit.TrailCheck;
import dev.opsdesk.client.model.AuditCheckpoint;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Scope;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * "Verify integrity": re-computes the audit trail's hash chain through the API (everything, only
 * what is new since the last verified checkpoint, or a range) as a background task with progress
 * and cancel, says the result in words, and keeps the last verified checkpoint per server. On
 * opening the section and before each verification, compares the kept checkpoint with the server's
 * trail: when the trail no longer contains it, the history was rewritten — a red warning that
 * stays until someone deliberately forgets the checkpoint.
 *
 * <p>Only for readers who see the whole trail: a scoped reader (support: order events; warehouse:
 * their own) sees a part of it, which cannot be chained. The server would let them call the
 * endpoints; the result would be a false alarm, so the action is off, with the reason.
 */
public final class AuditIntegrityViewModel {

    /** Where the check stands. */
    public enum State {
        /** Not verified in this session (the kept checkpoint, if any, is described). */
        NOT_VERIFIED,
        /** Comparing with the kept checkpoint or verifying. */
        CHECKING,
        /** The chain of the range is intact. */
        VERIFIED,
        /** The chain breaks (or the kept checkpoint was rewritten). */
        BROKEN,
        CANCELLED,
        /** The check could not be done (network, permission). */
        FAILED,
        /** This reader cannot verify (scoped audit view). */
        UNAVAILABLE
    }

    private final AuditService audit;
    private final TrailCheck trail;
    private final String username;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final ZoneId zone;
    private final AuditCheckpoints checkpoints;
    private final String whyNot;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.NOT_VERIFIED);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyObjectWrapper<ChainVerifier.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Long> brokenAt = new ReadOnlyObjectWrapper<>(this, "brokenAt");
    private final ReadOnlyObjectWrapper<AuditCheckpoints.Kept> kept = new ReadOnlyObjectWrapper<>(this, "kept");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning");
    private final ReadOnlyObjectWrapper<Long> newSinceKept = new ReadOnlyObjectWrapper<>(this, "newSinceKept");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", BackgroundTask.INDETERMINATE);
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final StringProperty rangeFrom = new SimpleStringProperty(this, "rangeFrom", "");
    private final StringProperty rangeTo = new SimpleStringProperty(this, "rangeTo", "");
    private final ReadOnlyStringWrapper rangeError = new ReadOnlyStringWrapper(this, "rangeError");

    private BackgroundTask<?> current;
    private int generation;

    public AuditIntegrityViewModel(AuditService audit, Me me, BackgroundTasks tasks, ErrorMessages errors, URI server,
                                   Clock clock, ZoneId zone, AuditCheckpoints checkpoints) {
        this.audit = Objects.requireNonNull(audit);
        this.trail = new TrailCheck(audit);
        this.username = me.user().username();
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = Objects.requireNonNull(server);
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
        this.checkpoints = Objects.requireNonNull(checkpoints);
        this.whyNot = whyNotVerify(me);
        if (whyNot != null) {
            state.set(State.UNAVAILABLE);
            text.set("Integrity checks need the whole trail. " + whyNot);
        } else {
            text.set("Not verified on this computer yet. Verify integrity re-computes the hash chain of every event: "
                    + "any change, deletion or reordering shows.");
        }
    }

    /** Null when {@code me} may verify; otherwise why not, in words. */
    static String whyNotVerify(Me me) {
        if (!me.has(Permissions.AUDIT_READ)) {
            return "Your role may not read the audit trail.";
        }
        Optional<Scope> scope = me.scopeOf(Permissions.AUDIT_READ);
        if (scope.isEmpty() || scope.get().audit() == null && scope.get().warehouses() == null) {
            return null;
        }
        String what = "ORDERS".equals(scope.get().audit()) ? "only the events about orders and payments"
                : "OWN".equals(scope.get().audit()) ? "only your own actions and your warehouses’ events"
                : "only part of the trail";
        return "Your role sees " + what + ", and a part cannot be chained. Ask an auditor or an administrator.";
    }

    // --- the kept checkpoint ---

    private record Comparison(AuditCheckpoints.Kept kept, TrailCheck.CheckpointComparison comparison) {
    }

    /** Compares the kept checkpoint (if any) with the server's trail: on opening the section, and on refresh. */
    public void checkKept() {
        if (whyNot != null || running.get()) {
            return;
        }
        int gen = ++generation;
        running.set(true);
        State before = state.get();
        current = tasks.task("Checking the audit checkpoint", p -> {
                    Optional<AuditCheckpoints.Kept> k = checkpoints.load(server);
                    return new Comparison(k.orElse(null), k.isEmpty() ? null : trail.compare(k.get().sequence(),
                            k.get().hash()));
                })
                .onSuccess(c -> {
                    if (gen != generation) {
                        return;
                    }
                    applyComparison(c.kept(), c.comparison());
                    if (warning.get() != null) {
                        // Whatever an earlier check in this session said, the trail is not what was verified.
                        state.set(State.BROKEN);
                        brokenAt.set(null);
                        text.set(describeKept(c.kept(), c.comparison()));
                        note.set("Verify integrity still checks that the chain is consistent now, but cannot make the"
                                + " rewritten part trustworthy again.");
                    } else if (before == State.NOT_VERIFIED || before == State.FAILED || before == State.CANCELLED) {
                        state.set(State.NOT_VERIFIED);
                        text.set(describeKept(c.kept(), c.comparison()));
                        note.set("");
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        error.set(errors.describe("Could not compare the audit trail with the kept checkpoint", e, server));
                    }
                })
                .onFinally(() -> {
                    if (gen == generation) {
                        running.set(false);
                    }
                })
                .start();
    }

    private void applyComparison(AuditCheckpoints.Kept k, TrailCheck.CheckpointComparison c) {
        kept.set(k);
        if (k == null || c == null) {
            warning.set(null);
            newSinceKept.set(null);
            return;
        }
        if (c.extendsKept()) {
            warning.set(null);
            newSinceKept.set(c.current().sequence() - k.sequence());
        } else {
            newSinceKept.set(null);
            warning.set("Rewritten history: " + c.message() + " Checkpoint #" + Formats.count(k.sequence())
                    + " was verified " + when(k) + ". Do not rely on this trail until someone explains it: tell your "
                    + "security contact, and keep the hashes shown here.");
        }
    }

    private String describeKept(AuditCheckpoints.Kept k, TrailCheck.CheckpointComparison c) {
        if (k == null) {
            return "Not verified on this computer yet. Verify integrity re-computes the hash chain of every event: "
                    + "any change, deletion or reordering shows.";
        }
        if (c == null || !c.extendsKept()) {
            return "Not trustworthy: the trail no longer contains checkpoint #" + Formats.count(k.sequence())
                    + " verified " + when(k) + " — see the warning above.";
        }
        long grown = c.current().sequence() - k.sequence();
        return "Checkpoint #" + Formats.count(k.sequence()) + ", verified " + when(k) + ", is intact"
                + (grown > 0 ? "; " + Formats.plural(grown, "event was", "events were") + " added since. Verify to check "
                + (grown == 1 ? "it" : "them") + "." : "; nothing was added since.");
    }

    private String when(AuditCheckpoints.Kept k) {
        return (k.verifiedAt() == null ? "earlier" : TimeRange.show(k.verifiedAt(), zone))
                + (k.verifiedBy() == null ? "" : " by " + k.verifiedBy());
    }

    /**
     * Forgets the kept checkpoint (after a warning was looked into): the next full verification keeps a
     * new one from the server's trail as it is now.
     */
    public void forgetKept() {
        if (running.get()) {
            return;
        }
        int gen = ++generation;
        running.set(true);
        current = tasks.task("Forgetting the audit checkpoint", p -> {
                    checkpoints.forget(server);
                    return null;
                })
                .quiet()
                .onSuccess(v -> {
                    if (gen == generation) {
                        applyComparison(null, null);
                        state.set(State.NOT_VERIFIED);
                        text.set(describeKept(null, null));
                        note.set("The kept checkpoint was forgotten. The next full verification keeps a new one.");
                    }
                })
                .onFailure(e -> error.set(errors.describe("Could not forget the audit checkpoint", e)))
                .onFinally(() -> {
                    if (gen == generation) {
                        running.set(false);
                    }
                })
                .start();
    }

    // --- verifying ---

    /** Everything, from #1 to the latest event. */
    public void verifyAll() {
        verify(1, null);
    }

    /** Only the events after the kept checkpoint (which is compared first); everything when none is kept. */
    public void verifyNew() {
        AuditCheckpoints.Kept k = kept.get();
        verify(k == null || warning.get() != null ? 1 : k.sequence() + 1, null);
    }

    /** The range typed into {@link #rangeFromProperty()} and {@link #rangeToProperty()}; false when they are not numbers. */
    public boolean verifyRange() {
        Long from;
        Long to;
        try {
            from = sequence(rangeFrom.get(), "From");
            to = sequence(rangeTo.get(), "To");
        } catch (IllegalArgumentException e) {
            rangeError.set(e.getMessage());
            return false;
        }
        if (from != null && to != null && to < from) {
            rangeError.set("“To” (#" + to + ") comes before “From” (#" + from + ").");
            return false;
        }
        rangeError.set(null);
        verify(from == null ? 1 : from, to);
        return true;
    }

    private static Long sequence(String text, String field) {
        String t = text == null ? "" : text.strip().replace("#", "").replace(",", "").replace(" ", "");
        if (t.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("“" + field + "” must be an event number from 1, like 1200 (or empty).");
    }

    /** What a verification found, with the comparison that preceded it. */
    private record Outcome(ChainVerifier.Result result, long from, long to, long head, AuditCheckpoints.Kept kept,
                           TrailCheck.CheckpointComparison comparison, boolean keptNew) {
    }

    /**
     * Verifies events {@code from..to} (to null: the latest). Compares the kept checkpoint first; keeps the
     * new one when the chain is intact and joins up with #1 (directly, or through the kept checkpoint).
     */
    public void verify(long from, Long to) {
        if (whyNot != null) {
            return;
        }
        if (current != null && !current.isDone()) {
            current.cancel();
        }
        int gen = ++generation;
        running.set(true);
        progress.set(BackgroundTask.INDETERMINATE);
        error.set(null);
        state.set(State.CHECKING);
        brokenAt.set(null);
        result.set(null);
        note.set("");
        text.set("Verifying the audit trail…");
        BackgroundTask<Outcome> task = tasks.task("Verifying the audit trail", p -> {
            p.message("comparing with the kept checkpoint");
            AuditCheckpoints.Kept k = checkpoints.load(server).orElse(null);
            TrailCheck.CheckpointComparison c = k == null ? null : trail.compare(k.sequence(), k.hash());
            AuditCheckpoint head = c != null ? c.current() : audit.checkpoint();
            long last = to == null ? head.sequence() : Math.min(to, head.sequence());
            long total = Math.max(0, last - from + 1);
            p.message("#" + Formats.count(from) + " to #" + Formats.count(last));
            ChainVerifier.Result r = total == 0
                    ? new ChainVerifier.Result(true, 0, from - 1, null, null, "Nothing to verify.", null)
                    : trail.verify(from, last, (checked, lastSequence) -> {
                        p.progress(checked, total);
                        p.message(Formats.count(checked) + " of " + Formats.count(total) + " events");
                    }, p::isCancelled);
            boolean intactBefore = c == null || c.extendsKept();
            boolean joinsUp = from == 1 || k != null && intactBefore && from <= k.sequence() + 1;
            boolean keepIt = r.ok() && r.checked() > 0 && intactBefore && joinsUp
                    && (k == null || r.verifiedUpTo() > k.sequence());
            AuditCheckpoints.Kept now = k;
            if (keepIt) {
                now = new AuditCheckpoints.Kept(r.verifiedUpTo(), r.lastHash(), clock.instant(), username);
                checkpoints.keep(server, now);
            }
            return new Outcome(r, from, last, head.sequence(), now, c, keepIt);
        }).userWork();
        current = task;
        task.progressProperty().addListener((obs, old, now) -> {
            if (gen == generation) {
                progress.set(now.doubleValue());
            }
        });
        task.messageProperty().addListener((obs, old, now) -> {
            if (gen == generation && state.get() == State.CHECKING && now != null && !now.isBlank()) {
                text.set("Verifying the audit trail… " + now);
            }
        });
        task.onSuccess(o -> {
                    if (gen == generation) {
                        show(o);
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        UserMessage m = errors.describe("Could not verify the audit trail", e, server);
                        error.set(m);
                        state.set(State.FAILED);
                        text.set("Not verified: " + m.reason());
                    }
                })
                .onCancelled(() -> {
                    if (gen == generation) {
                        state.set(State.CANCELLED);
                        text.set("Verification cancelled before it finished — nothing was concluded. Run it again to "
                                + "finish.");
                    }
                })
                .onFinally(() -> {
                    if (gen == generation) {
                        running.set(false);
                    }
                })
                .start();
    }

    private void show(Outcome o) {
        ChainVerifier.Result r = o.result();
        result.set(r);
        if (o.keptNew()) {
            kept.set(o.kept());
            warning.set(null);
            newSinceKept.set(Math.max(0, o.head() - o.kept().sequence()));
        } else {
            applyComparison(o.kept(), o.comparison());
        }
        boolean rewritten = warning.get() != null;
        if (r.ok() && !rewritten) {
            state.set(State.VERIFIED);
            text.set(r.checked() == 0 ? "Nothing to verify: the trail has no events in #" + Formats.count(o.from())
                    + " to #" + Formats.count(o.to()) + "."
                    : "Verified #" + Formats.count(o.from()) + " to #" + Formats.count(r.verifiedUpTo()) + " ("
                    + Formats.plural(r.checked(), "event", "events") + "): nothing was changed, removed or reordered.");
            note.set(o.keptNew() ? "Checkpoint #" + Formats.count(r.verifiedUpTo()) + " is kept on this computer: the "
                    + "next check shows if the history up to it is ever rewritten."
                    : o.from() > 1 && (o.kept() == null || o.from() > o.kept().sequence() + 1)
                    ? "A range check: no checkpoint is kept from it (only a check that joins up with #1 keeps one)."
                    : "");
        } else if (r.ok()) {
            state.set(State.BROKEN);
            text.set("The chain #" + Formats.count(o.from()) + " to #" + Formats.count(r.verifiedUpTo())
                    + " is consistent, but it is not the history verified earlier: it was rewritten.");
            note.set("See the warning. The checkpoint verified earlier is kept until someone forgets it.");
        } else {
            state.set(State.BROKEN);
            brokenAt.set(r.brokenAt());
            text.set("Broken at #" + Formats.count(r.brokenAt()) + ": " + r.message());
            note.set(kindMeaning(r.kind()) + (r.checked() > 0 ? " The " + Formats.plural(r.checked(), "event", "events")
                    + " before it (#" + Formats.count(o.from()) + " to #" + Formats.count(r.verifiedUpTo())
                    + ") are intact." : ""));
        }
    }

    /** What a break kind means for the person reading it. */
    static String kindMeaning(ChainVerifier.Break kind) {
        if (kind == null) {
            return "";
        }
        return switch (kind) {
            case MISSING -> "Missing: an event was deleted from the trail.";
            case REORDERED -> "Reordered: events were moved or swapped.";
            case CHANGED -> "Changed: an event's content was altered after it was recorded.";
        };
    }

    /** Stops a running verification (the status bar's cancel does the same). */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    public void dismissError() {
        error.set(null);
    }

    // --- properties ---

    /** Whether this reader may verify (sees the whole trail). */
    public boolean mayVerify() {
        return whyNot == null;
    }

    /** Why this reader may not verify; null when they may. */
    public String whyNot() {
        return whyNot;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The outcome in words: "Verified #1 to #N (N events)…", "Broken at #K: …". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** A second line: what a break kind means, or what was kept. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChainVerifier.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The first broken sequence of the last verification (null when none). */
    public ReadOnlyObjectProperty<Long> brokenAtProperty() {
        return brokenAt.getReadOnlyProperty();
    }

    /** The checkpoint kept for this server (null when none). */
    public ReadOnlyObjectProperty<AuditCheckpoints.Kept> keptProperty() {
        return kept.getReadOnlyProperty();
    }

    /** Non-null when the server's trail no longer contains the kept checkpoint: the history was rewritten. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** Events added since the kept checkpoint, when it is intact; null otherwise. */
    public ReadOnlyObjectProperty<Long> newSinceKeptProperty() {
        return newSinceKept.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1 while verifying, or indeterminate. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** A range's first event number (empty: #1). */
    public StringProperty rangeFromProperty() {
        return rangeFrom;
    }

    /** A range's last event number (empty: the latest). */
    public StringProperty rangeToProperty() {
        return rangeTo;
    }

    public ReadOnlyStringProperty rangeErrorProperty() {
        return rangeError.getReadOnlyProperty();
    }
}
