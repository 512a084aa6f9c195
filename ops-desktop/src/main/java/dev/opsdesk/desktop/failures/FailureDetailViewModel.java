package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.model.Assignee;
import dev.opsdesk.client.model.Attempt;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureDetail;
import dev.opsdesk.client.model.Note;
import dev.opsdesk.client.model.Order;
import dev.opsdesk.client.model.ReplayResult;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The failure shown in the detail pane: its payload, headers, attempts, notes and related order
 * (loaded in the background when the selection settles), and the actions on it — replay (preview,
 * confirmation, then the replay), resolve or dismiss with a reason, assign, note — each gated by
 * permission and scope, each with one {@link RequestOptions} per confirmed action that a "Try again"
 * reuses, so the server can tell a repeat from a second action.
 */
public final class FailureDetailViewModel {

    /** One received header, as the server stored it (secrets already redacted). */
    public record HeaderLine(String name, String value) {
    }

    private final OpsClient client;
    private final FailurePermissions permissions;
    private final String username;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Consumer<Failure> changed;

    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<FailureDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyStringWrapper payload = new ReadOnlyStringWrapper(this, "payload", "");
    private final ObservableList<HeaderLine> headers = FXCollections.observableArrayList();
    private final ObservableList<Attempt> attempts = FXCollections.observableArrayList();
    private final ObservableList<Note> notes = FXCollections.observableArrayList();
    private final ObservableList<HeaderLine> headersView = FXCollections.unmodifiableObservableList(headers);
    private final ObservableList<Attempt> attemptsView = FXCollections.unmodifiableObservableList(attempts);
    private final ObservableList<Note> notesView = FXCollections.unmodifiableObservableList(notes);
    private final ReadOnlyObjectWrapper<Order> order = new ReadOnlyObjectWrapper<>(this, "order");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<UserMessage> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<Permit> replayPermit = new ReadOnlyObjectWrapper<>(this, "replayPermit", Permit.no("Select a failure."));
    private final ReadOnlyObjectWrapper<Permit> resolvePermit = new ReadOnlyObjectWrapper<>(this, "resolvePermit", Permit.no("Select a failure."));
    private final ReadOnlyObjectWrapper<Permit> assignPermit = new ReadOnlyObjectWrapper<>(this, "assignPermit", Permit.no("Select a failure."));
    private final ReadOnlyObjectWrapper<Permit> notePermit = new ReadOnlyObjectWrapper<>(this, "notePermit", Permit.no("Select a failure."));
    private final ReadOnlyObjectWrapper<Permit> reopenPermit = new ReadOnlyObjectWrapper<>(this, "reopenPermit", Permit.no("Select a failure."));
    private final ReadOnlyBooleanWrapper assignedToMe = new ReadOnlyBooleanWrapper(this, "assignedToMe");
    private final ObservableList<Assignee> assignees = FXCollections.observableArrayList();
    private final ObservableList<Assignee> assigneesView = FXCollections.unmodifiableObservableList(assignees);
    /** The failure whose assignees are in {@link #assignees}; null when they are not loaded. */
    private String assigneesOf;
    private final ReadOnlyObjectWrapper<ReplayProposal> proposal = new ReadOnlyObjectWrapper<>(this, "proposal");
    private final ReadOnlyBooleanWrapper retryAvailable = new ReadOnlyBooleanWrapper(this, "retryAvailable");

    private BackgroundTask<FailureDetail> loadTask;
    private int generation;
    private Runnable retry;

    public FailureDetailViewModel(OpsClient client, FailurePermissions permissions, String username,
                                  BackgroundTasks tasks, ErrorMessages errors, URI server, Consumer<Failure> changed) {
        this.client = Objects.requireNonNull(client);
        this.permissions = Objects.requireNonNull(permissions);
        this.username = Objects.requireNonNull(username);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.changed = Objects.requireNonNull(changed);
    }

    /** Shows {@code f} at once (from the list) and loads the rest in the background; null clears the pane. */
    public void show(Failure f) {
        if (f != null && failure.get() != null && f.id().equals(failure.get().id())) {
            apply(f);
            return;
        }
        generation++;
        if (loadTask != null) {
            loadTask.cancel();
        }
        proposal.set(null);
        outcome.set(null);
        error.set(null);
        setRetry(null);
        detail.set(null);
        payload.set("");
        headers.clear();
        attempts.clear();
        notes.clear();
        assignees.clear();
        assigneesOf = null;
        order.set(null);
        apply(f);
        if (f != null) {
            load();
        } else {
            loading.set(false);
        }
    }

    /** Loads the shown failure's detail again. */
    public void refresh() {
        if (failure.get() != null) {
            load();
        }
    }

    private void load() {
        int gen = ++generation;
        if (loadTask != null) {
            loadTask.cancel();
        }
        String id = failure.get().id();
        loading.set(true);
        loadTask = tasks.task("Loading failure " + shortId(id), progress -> client.failures().get(id))
                .quiet()
                .onSuccess(d -> {
                    if (gen == generation) {
                        applyDetail(d);
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        error.set(errors.describe("Could not load failure " + shortId(id), e, server));
                    }
                })
                .onFinally(() -> {
                    if (gen == generation) {
                        loading.set(false);
                    }
                });
        loadTask.start();
    }

    private void applyDetail(FailureDetail d) {
        detail.set(d);
        apply(d.failure());
        payload.set(JsonText.pretty(d.payload()));
        headers.setAll(d.headers().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new HeaderLine(e.getKey(), e.getValue())).toList());
        List<Attempt> newestFirst = new ArrayList<>(d.attempts());
        newestFirst.sort(Comparator.comparingInt(Attempt::number).reversed());
        attempts.setAll(newestFirst);
        notes.setAll(d.notes());
        order.set(d.order());
    }

    private void apply(Failure f) {
        failure.set(f);
        if (f == null) {
            Permit none = Permit.no("Select a failure.");
            replayPermit.set(none);
            resolvePermit.set(none);
            assignPermit.set(none);
            reopenPermit.set(none);
            notePermit.set(none);
            assignedToMe.set(false);
            return;
        }
        replayPermit.set(permissions.replay(f));
        resolvePermit.set(permissions.resolve(f));
        assignPermit.set(permissions.assign(f));
        reopenPermit.set(permissions.reopen(f));
        notePermit.set(permissions.note(f));
        assignedToMe.set(username.equals(f.assignee()));
    }

    /**
     * A live event changed a failure: if it is the one shown, take its new state, and reload the
     * detail when its attempts or status moved on (a colleague replayed it, a bulk job reached it).
     */
    public void liveUpdate(Failure f) {
        Failure shown = failure.get();
        if (shown == null || !shown.id().equals(f.id())) {
            return;
        }
        if (shown.updatedAt() != null && f.updatedAt() != null && f.updatedAt().isBefore(shown.updatedAt())) {
            return;
        }
        boolean moved = !Objects.equals(shown.status(), f.status()) || shown.attemptCount() != f.attemptCount()
                || !Objects.equals(shown.assignee(), f.assignee()) || !Objects.equals(shown.updatedAt(), f.updatedAt());
        apply(f);
        if (moved && !busy.get() && !loading.get()) {
            load();
        }
    }

    // --- replay ---

    /** Asks the server what a replay would do; the answer appears as {@link #proposalProperty()}. */
    public void prepareReplay() {
        Failure f = failure.get();
        if (f == null || busy.get()) {
            return;
        }
        Permit permit = permissions.replay(f);
        if (!permit.allowed()) {
            error.set(new UserMessage("Replay is not available", permit.whyNot(), "Nothing was changed.", null));
            return;
        }
        busy.set(true);
        error.set(null);
        outcome.set(null);
        tasks.task("Checking what a replay would do", progress -> client.failures().preview(List.of(f.id())))
                .onSuccess(preview -> proposal.set(ReplayProposal.of(f, preview)))
                .onFailure(e -> error.set(errors.describe("Could not check what a replay would do", e, server)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** The user closed the confirmation without replaying. */
    public void cancelReplay() {
        proposal.set(null);
    }

    /** The user confirmed: replays once, with one idempotency key for this confirmation. */
    public void confirmReplay(String note) {
        ReplayProposal p = proposal.get();
        if (p == null || !p.canConfirm() || busy.get()) {
            return;
        }
        proposal.set(null);
        RequestOptions action = RequestOptions.newAction();
        runReplay(p.failure(), note, action);
    }

    private void runReplay(Failure f, String note, RequestOptions action) {
        busy.set(true);
        error.set(null);
        outcome.set(null);
        setRetry(null);
        tasks.task("Replaying failure " + shortId(f.id()), progress -> client.failures().replay(f.id(), note, action))
                .cancellable(false)
                .onSuccess(this::replayed)
                .onFailure(e -> failed("Replay of " + describe(f) + " did not go through", e,
                        () -> runReplay(f, note, action)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    private void replayed(ReplayResult result) {
        String headline = switch (result.outcome()) {
            case "SUCCEEDED" -> "Replay succeeded";
            case "SKIPPED" -> "Replay skipped — nothing needed doing";
            default -> "Replay ran, but failed again";
        };
        String next = switch (result.outcome()) {
            case "SUCCEEDED" -> "The failure is resolved.";
            case "SKIPPED" -> "The failure is marked resolved; no money moved.";
            default -> "It stays open. Read the error in the attempts below before trying again.";
        };
        outcome.set(new UserMessage(headline, result.message() == null ? "" : result.message(), next, null));
        if (result.failure() != null) {
            changed.accept(result.failure());
            apply(result.failure());
        }
        load();
    }

    // --- resolve, dismiss, assign, note ---

    /**
     * Closes the failure.
     *
     * @param status RESOLVED or DISMISSED
     * @param code   a resolution code
     * @param note   why (required)
     */
    public void resolve(String status, String code, String note) {
        Failure f = failure.get();
        if (f == null || busy.get()) {
            return;
        }
        String verb = "DISMISSED".equals(status) ? "Dismiss" : "Resolve";
        if (code == null || note == null || note.isBlank()) {
            error.set(new UserMessage(verb + " needs a reason", "Choose a reason and write a short note saying why.",
                    "Nothing was changed.", null));
            return;
        }
        runResolve(f, status, code, note.trim(), RequestOptions.newAction());
    }

    private void runResolve(Failure f, String status, String code, String note, RequestOptions action) {
        String verb = "DISMISSED".equals(status) ? "dismiss" : "resolve";
        busy.set(true);
        error.set(null);
        outcome.set(null);
        setRetry(null);
        tasks.task(("DISMISSED".equals(status) ? "Dismissing" : "Resolving") + " failure " + shortId(f.id()),
                        progress -> client.failures().resolve(f.id(), status, code, note, action))
                .cancellable(false)
                .onSuccess(d -> {
                    applyDetail(d);
                    changed.accept(d.failure());
                    outcome.set(new UserMessage(("DISMISSED".equals(status) ? "Dismissed" : "Resolved") + " — "
                            + FailureTexts.resolution(code).toLowerCase(Locale.ROOT),
                            "Your note is kept with the failure: “" + note + "”.", "", null));
                })
                .onFailure(e -> failed("Could not " + verb + " " + describe(f), e,
                        () -> runResolve(f, status, code, note, action)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    public void assignToMe() {
        assign(username);
    }

    /**
     * Loads the people who may act on the shown failure (replay or resolve in its queue), for "Assign to…"; once per
     * failure. On failure the list stays empty and the error says why.
     */
    public void loadAssignees() {
        Failure f = failure.get();
        if (f == null || f.id().equals(assigneesOf) || !assignPermit.get().allowed()) {
            return;
        }
        assigneesOf = f.id();
        assignees.clear();
        tasks.task("Finding who may act on it", progress -> client.failures().assignees(f.id()))
                .onSuccess(list -> {
                    if (failure.get() != null && f.id().equals(failure.get().id())) {
                        assignees.setAll(list);
                    }
                })
                .onFailure(e -> {
                    assigneesOf = null;
                    failed("Could not list who may act on it", e, null);
                })
                .start();
    }

    /** Assigns the shown failure to {@code username} (a colleague, or oneself). */
    public void assignTo(String username) {
        if (username != null && !username.isBlank()) {
            assign(username);
        }
    }

    /** Reopens the shown (resolved or dismissed) failure; the reason is required and kept as a note. */
    public void reopen(String reason) {
        Failure f = failure.get();
        if (f == null || busy.get()) {
            return;
        }
        if (reason == null || reason.isBlank()) {
            error.set(new UserMessage("Reopening needs a reason", "Write a short note saying why it needs work again.",
                    "Nothing was changed.", null));
            return;
        }
        runReopen(f, reason.trim(), RequestOptions.newAction());
    }

    private void runReopen(Failure f, String reason, RequestOptions action) {
        busy.set(true);
        error.set(null);
        outcome.set(null);
        setRetry(null);
        tasks.task("Reopening failure " + shortId(f.id()), progress -> client.failures().reopen(f.id(), reason, action))
                .cancellable(false)
                .onSuccess(d -> {
                    applyDetail(d);
                    changed.accept(d.failure());
                    outcome.set(new UserMessage("Reopened", "It is open again; your reason is in its notes: “"
                            + reason + "”.", "", null));
                })
                .onFailure(e -> failed("Could not reopen " + describe(f), e, () -> runReopen(f, reason, action)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    public void unassign() {
        assign(null);
    }

    private void assign(String assignee) {
        Failure f = failure.get();
        if (f == null || busy.get()) {
            return;
        }
        runAssign(f, assignee, RequestOptions.newAction());
    }

    private void runAssign(Failure f, String assignee, RequestOptions action) {
        busy.set(true);
        error.set(null);
        setRetry(null);
        tasks.task(assignee == null ? "Unassigning" : "Assigning", progress -> client.failures().assign(f.id(), assignee, action))
                .cancellable(false)
                .onSuccess(d -> {
                    applyDetail(d);
                    changed.accept(d.failure());
                    boolean me = username.equals(assignee);
                    outcome.set(new UserMessage(assignee == null ? "Unassigned" : me ? "Assigned to you"
                            : "Assigned to " + assignee,
                            assignee == null ? "Nobody is working on it now." : me ? "Colleagues see that you are on it."
                                    : "It shows in their “Assigned to me” list.", "", null));
                })
                .onFailure(e -> failed(assignee == null ? "Could not unassign it" : username.equals(assignee)
                                ? "Could not assign it to you" : "Could not assign it to " + assignee, e,
                        () -> runAssign(f, assignee, action)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** Adds a note (one action per call; a "Try again" after a lost answer sends the same key). */
    public void addNote(String text) {
        Failure f = failure.get();
        if (f == null || busy.get()) {
            return;
        }
        if (text == null || text.isBlank()) {
            error.set(new UserMessage("The note is empty", "Write something first.", "", null));
            return;
        }
        runAddNote(f, text.trim(), RequestOptions.newAction());
    }

    private void runAddNote(Failure f, String text, RequestOptions action) {
        busy.set(true);
        error.set(null);
        setRetry(null);
        tasks.task("Adding a note", progress -> client.failures().addNote(f.id(), text, action))
                .cancellable(false)
                .onSuccess(note -> {
                    notes.add(note);
                    outcome.set(new UserMessage("Note added", "“" + text + "”", "", null));
                    load();
                })
                .onFailure(e -> failed("Could not add the note", e, () -> runAddNote(f, text, action)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    /**
     * An action failed. When the answer was lost on the way (the server may or may not have acted),
     * "Try again" repeats the same action with the same idempotency key: the server then answers
     * as it did the first time instead of acting twice.
     */
    private void failed(String headline, Throwable e, Runnable again) {
        error.set(errors.describe(headline, e, server));
        setRetry(e instanceof TransportException ? again : null);
    }

    private void setRetry(Runnable again) {
        retry = again;
        retryAvailable.set(again != null);
    }

    /** Repeats the last action that failed on the way (same idempotency key). */
    public void retry() {
        Runnable again = retry;
        if (again != null && !busy.get()) {
            again.run();
        }
    }

    public void dismissError() {
        error.set(null);
        setRetry(null);
    }

    public void dismissOutcome() {
        outcome.set(null);
    }

    private static String describe(Failure f) {
        String subject = FailureTexts.subject(f);
        return subject.isEmpty() ? "failure " + shortId(f.id()) : subject;
    }

    static String shortId(String id) {
        return id == null ? "" : id.length() > 14 ? id.substring(0, 14) + "…" : id;
    }

    // --- properties ---

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<FailureDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The payload, pretty-printed when it is JSON. */
    public ReadOnlyStringProperty payloadProperty() {
        return payload.getReadOnlyProperty();
    }

    public ObservableList<HeaderLine> headers() {
        return headersView;
    }

    /** Newest first. */
    public ObservableList<Attempt> attempts() {
        return attemptsView;
    }

    public ObservableList<Note> notes() {
        return notesView;
    }

    public ReadOnlyObjectProperty<Order> orderProperty() {
        return order.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** An action is running: the action buttons wait. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action did, in words. */
    public ReadOnlyObjectProperty<UserMessage> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Permit> replayPermitProperty() {
        return replayPermit.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Permit> resolvePermitProperty() {
        return resolvePermit.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Permit> assignPermitProperty() {
        return assignPermit.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Permit> notePermitProperty() {
        return notePermit.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Permit> reopenPermitProperty() {
        return reopenPermit.getReadOnlyProperty();
    }

    /** The people who may act on the shown failure, after {@link #loadAssignees()}. */
    public ObservableList<Assignee> assignees() {
        return assigneesView;
    }

    public ReadOnlyBooleanProperty assignedToMeProperty() {
        return assignedToMe.getReadOnlyProperty();
    }

    /** The replay confirmation waiting for the user; null when none. */
    public ReadOnlyObjectProperty<ReplayProposal> proposalProperty() {
        return proposal.getReadOnlyProperty();
    }

    /** Whether "Try again" repeats a failed action with its original key. */
    public ReadOnlyBooleanProperty retryAvailableProperty() {
        return retryAvailable.getReadOnlyProperty();
    }

    public String username() {
        return username;
    }
}
