package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.LiveTopic;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Action;
import dev.opsdesk.client.model.Reconciliation.ActionPermit;
import dev.opsdesk.client.model.Reconciliation.Category;
import dev.opsdesk.client.model.Reconciliation.ExceptionItem;
import dev.opsdesk.client.model.Reconciliation.ExceptionStatus;
import dev.opsdesk.client.model.Reconciliation.Match;
import dev.opsdesk.client.model.Reconciliation.MatchRule;
import dev.opsdesk.client.model.Reconciliation.ResolutionCode;
import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.client.model.Reconciliation.RunFilter;
import dev.opsdesk.client.model.Reconciliation.State;
import dev.opsdesk.client.model.Reconciliation.UnmatchedPayment;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.ExportResult;
import dev.opsdesk.desktop.export.ReportExporter;
import dev.opsdesk.desktop.list.PagedList;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Reconciliation section's state: the run list, the open run with its three lazily paged tables (matched,
 * exceptions, unmatched payments), the selected exception's detail, and what the person can do — resolve, match by
 * hand, submit, approve, reject, reopen, export the report. What is allowed is the server's word
 * ({@link Run#actions()}); this only shows it. Every call runs through {@link BackgroundTasks}.
 */
public final class ReconciliationViewModel {

    public static final int PAGE_SIZE = 100;

    /** The exceptions tab's query. */
    public record ExceptionQuery(String runId, Category category, ExceptionStatus status, String text) {
    }

    /** The matched tab's query. */
    public record MatchQuery(String runId, MatchRule rule, String text) {
    }

    private final OpsClient client;
    private final Permits permits;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final ZoneId zone;

    private final PagedList<Run, RunFilter> runs;
    private final ObjectProperty<State> stateFilter = new SimpleObjectProperty<>(this, "stateFilter");
    private final ObjectProperty<Reconciliation.Kind> kindFilter = new SimpleObjectProperty<>(this, "kindFilter");
    private final ObjectProperty<Settlement.Provider> providerFilter = new SimpleObjectProperty<>(this,
            "providerFilter");

    private final ReadOnlyObjectWrapper<Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyObjectWrapper<UserMessage> runError = new ReadOnlyObjectWrapper<>(this, "runError");
    private final PagedList<Match, MatchQuery> matches;
    private final PagedList<ExceptionItem, ExceptionQuery> exceptions;
    private final PagedList<UnmatchedPayment, String> unmatched;
    private final ObjectProperty<Category> categoryFilter = new SimpleObjectProperty<>(this, "categoryFilter");
    private final ObjectProperty<ExceptionStatus> statusFilter = new SimpleObjectProperty<>(this, "statusFilter",
            ExceptionStatus.OPEN);
    private final ObjectProperty<MatchRule> ruleFilter = new SimpleObjectProperty<>(this, "ruleFilter");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    private final ReadOnlyObjectWrapper<ExceptionItem> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<Reconciliation.ExceptionDetail> detail = new ReadOnlyObjectWrapper<>(this,
            "detail");
    private final ReadOnlyObjectWrapper<UserMessage> detailError = new ReadOnlyObjectWrapper<>(this, "detailError");

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<UserMessage> actionError = new ReadOnlyObjectWrapper<>(this, "actionError");
    private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper(this, "changes");
    private final ObjectBinding<Permit> preparePermit;

    private Runnable liveRegistration;

    public ReconciliationViewModel(OpsClient client, Permits permits, BackgroundTasks tasks, ErrorMessages errors,
                                   URI server, Clock clock, ZoneId zone) {
        this.client = Objects.requireNonNull(client);
        this.permits = Objects.requireNonNull(permits);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
        this.runs = new PagedList<Run, RunFilter>(tasks, errors, server,
                new PagedList.Nouns("run", "runs", "reconciliation runs"), PAGE_SIZE,
                (q, page) -> client.reconciliation().runs(q, page), Run::id)
                .onFirstPage(rows -> changes.set(0));
        this.matches = new PagedList<>(tasks, errors, server, new PagedList.Nouns("matched line", "matched lines",
                "matches"), PAGE_SIZE, (q, page) -> client.reconciliation().matches(q.runId(), q.rule(), q.text(), page),
                Match::id);
        this.exceptions = new PagedList<>(tasks, errors, server, new PagedList.Nouns("exception", "exceptions"),
                PAGE_SIZE, (q, page) -> client.reconciliation().exceptions(q.runId(), q.category(), q.status(),
                q.text(), page), ExceptionItem::id);
        this.unmatched = new PagedList<>(tasks, errors, server, new PagedList.Nouns("unmatched payment",
                "unmatched payments"), PAGE_SIZE, (q, page) -> client.reconciliation().unmatchedPayments(q, null, page),
                UnmatchedPayment::reference);
        this.preparePermit = Bindings.createObjectBinding(() -> permits.mayOn(Permissions.RECON_PREPARE,
                "prepare", Permits.Dimension.RECON_KIND, Reconciliation.Kind.PAYMENT_SETTLEMENT.name(),
                List.of(Reconciliation.Kind.PAYMENT_SETTLEMENT.name(), Reconciliation.Kind.STOCK_COUNT.name()),
                k -> k.equals(Reconciliation.Kind.STOCK_COUNT.name()) ? "stock counts" : "payment settlements"),
                permits.meProperty());
        stateFilter.addListener((obs, old, now) -> loadRuns());
        kindFilter.addListener((obs, old, now) -> loadRuns());
        providerFilter.addListener((obs, old, now) -> loadRuns());
        categoryFilter.addListener((obs, old, now) -> loadExceptions());
        statusFilter.addListener((obs, old, now) -> loadExceptions());
        ruleFilter.addListener((obs, old, now) -> loadMatches());
        selected.addListener((obs, old, now) -> loadDetail(now));
    }

    /** Loads the run list and follows runs changing on the live stream. */
    public void activate(LiveUpdates live) {
        if (live != null && liveRegistration == null) {
            liveRegistration = live.addListener(events -> events.stream()
                    .filter(e -> e.is(LiveTopic.RECONCILIATION) && e.run() != null)
                    .forEach(e -> runChanged(e.run())));
        }
        loadRuns();
    }

    private void runChanged(Run changed) {
        changes.set(changes.get() + 1);
        Run open = run.get();
        if (open != null && open.id().equals(changed.id()) && changed.version() >= open.version()) {
            boolean tablesStale = changed.state() != open.state() || !Objects.equals(changed.matchedAt(),
                    open.matchedAt());
            run.set(changed);
            if (tablesStale) {
                loadTables();
            }
        }
    }

    // --- the run list ---

    public RunFilter runFilter() {
        return new RunFilter(kindFilter.get(), stateFilter.get() == null ? List.of() : List.of(stateFilter.get()),
                providerFilter.get(), null);
    }

    public void loadRuns() {
        runs.load(runFilter());
    }

    /** F5: the list, and the open run with its tables. */
    public void refresh() {
        loadRuns();
        Run open = run.get();
        if (open != null) {
            open(open.id());
        }
    }

    // --- one run ---

    /** Opens a run by id (a link, a click in the list). */
    public void open(String runId) {
        runError.set(null);
        tasks.task("Loading run " + runId, p -> client.reconciliation().run(runId))
                .quiet()
                .onSuccess(r -> {
                    boolean other = run.get() == null || !run.get().id().equals(r.id());
                    run.set(r);
                    if (other) {
                        selected.set(null);
                        text.set("");
                    }
                    loadTables();
                })
                .onFailure(e -> runError.set(errors.describe("Could not open run " + runId, e, server)))
                .start();
    }

    /** Back to the list. */
    public void close() {
        run.set(null);
        selected.set(null);
        matches.cancel();
        exceptions.cancel();
        unmatched.cancel();
        loadRuns();
    }

    private void loadTables() {
        loadMatches();
        loadExceptions();
        Run r = run.get();
        if (r != null) {
            unmatched.load(r.id());
        }
    }

    public void loadMatches() {
        Run r = run.get();
        if (r != null) {
            matches.load(new MatchQuery(r.id(), ruleFilter.get(), blankToNull(text.get())));
        }
    }

    public void loadExceptions() {
        Run r = run.get();
        if (r != null) {
            exceptions.load(new ExceptionQuery(r.id(), categoryFilter.get(), statusFilter.get(),
                    blankToNull(text.get())));
        }
    }

    /** The search box: a reference or order number, in matches and exceptions alike. */
    public void search() {
        loadMatches();
        loadExceptions();
    }

    public void select(ExceptionItem item) {
        selected.set(item);
    }

    private void loadDetail(ExceptionItem item) {
        detailError.set(null);
        if (item == null) {
            detail.set(null);
            return;
        }
        tasks.task("Loading exception " + item.id(), p -> client.reconciliation().exception(item.runId(), item.id()))
                .quiet()
                .onSuccess(d -> {
                    if (selected.get() != null && selected.get().id().equals(d.exception().id())) {
                        detail.set(d);
                    }
                })
                .onFailure(e -> detailError.set(errors.describe("Could not load exception " + item.id(), e, server)))
                .start();
    }

    /** The server's word on an action for the open run. */
    public Permit permit(Action action) {
        Run r = run.get();
        if (r == null) {
            return Permit.no("Open a run first.");
        }
        ActionPermit p = r.permit(action);
        return p.allowed() ? Permit.ALLOWED : Permit.no(p.reason() == null ? "Not allowed now." : p.reason());
    }

    /** As {@link #permit(Action)}, following the open run. */
    public ObjectBinding<Permit> permitOf(Action action) {
        return Bindings.createObjectBinding(() -> permit(action), run);
    }

    /** Whether the user may start runs at all (New run). */
    public ObjectBinding<Permit> preparePermit() {
        return preparePermit;
    }

    // --- actions ---

    /**
     * Resolves one exception. {@code paymentReference} only for a manual match. On success the run, the tables and
     * the detail are read again.
     */
    public void resolve(ExceptionItem item, ResolutionCode code, String note, String paymentReference,
                        RequestOptions action) {
        act("Resolving " + item.id(), "Could not resolve " + item.id(), () -> client.reconciliation().resolve(item.runId(), item.id(), code, note,
                paymentReference, item.version(), action), d -> "Resolved " + item.id() + " as "
                + ReconTexts.resolution(code) + ".");
    }

    public void bulkResolve(List<ExceptionItem> items, ResolutionCode code, String note, RequestOptions action) {
        Run r = run.get();
        act("Resolving " + Formats.plural(items.size(), "exception", "exceptions"), "Could not resolve the exceptions",
                () -> client.reconciliation().bulkResolve(r.id(), items.stream().map(ExceptionItem::id).toList(), code,
                        note, action),
                res -> "Resolved " + Formats.plural(res.resolved().size(), "exception", "exceptions") + " as "
                        + ReconTexts.resolution(code) + (res.skipped().isEmpty() ? "." : "; skipped "
                        + res.skipped().size() + " (" + res.skipped().get(0).exceptionId() + ": "
                        + res.skipped().get(0).reason() + (res.skipped().size() > 1 ? ", …" : "") + ")."));
    }

    public void reopenException(ExceptionItem item, String reason, RequestOptions action) {
        act("Reopening " + item.id(), "Could not reopen " + item.id(), () -> client.reconciliation().reopenException(item.runId(), item.id(), reason,
                action), d -> "Reopened " + item.id() + ".");
    }

    public void transition(Reconciliation.Transition t, String comment, RequestOptions action) {
        Run r = run.get();
        act(verb(t) + " " + r.id(), "Could not " + t.name().toLowerCase(Locale.ROOT) + " " + r.id(),
                () -> client.reconciliation().transition(r.id(), t, comment, r.version(), action),
                changed -> {
                    run.set(changed);
                    return r.id() + " is " + ReconTexts.state(changed.state()).toLowerCase(Locale.ROOT) + ".";
                });
    }

    /** Matches the open run again against the payments as they are now. */
    public void rematch(RequestOptions action) {
        Run r = run.get();
        act("Matching " + r.id() + " again", "Could not match " + r.id() + " again", () -> client.reconciliation().match(r.id(), action),
                changed -> {
                    run.set(changed);
                    return "Matched again: " + Formats.plural(changed.summary() == null ? 0
                            : changed.summary().openExceptions(), "open exception", "open exceptions") + ".";
                });
    }

    static String verb(Reconciliation.Transition t) {
        return switch (t) {
            case SUBMIT -> "Submitting";
            case APPROVE -> "Approving";
            case REJECT -> "Rejecting";
            case REOPEN -> "Reopening";
        };
    }

    @FunctionalInterface
    private interface Call<V> {
        V call() throws Exception;
    }

    private <V> void act(String title, String failed, Call<V> call, java.util.function.Function<V, String> done) {
        actionError.set(null);
        busy.set(true);
        tasks.task(title, p -> call.call())
                .userWork()
                .onSuccess(v -> {
                    result.set(done.apply(v));
                    Run r = run.get();
                    if (r != null) {
                        open(r.id());
                    }
                    ExceptionItem s = selected.get();
                    if (s != null) {
                        loadDetail(s);
                    }
                })
                .onFailure(e -> {
                    actionError.set(errors.describe(failed, e, server));
                    Run r = run.get();
                    if (r != null) {
                        open(r.id()); // the run as it is now: the state or version that refused the change
                    }
                })
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** Saves the run's original file to {@code target}. */
    public BackgroundTask<Path> downloadFile(Path target) {
        Run r = run.get();
        return tasks.task("Saving the original file of " + r.id(), p -> {
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".opsdesk-", ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                client.reconciliation().downloadFile(r.id(), out);
            } catch (Exception e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }).userWork()
                .onSuccess(path -> result.set("Saved the original file to " + path + "."))
                .onFailure(e -> actionError.set(errors.describe("Could not save the original file", e, server)))
                .start();
    }

    /** Writes the open run's report (Summary, Matched, Exceptions, Unmatched payments). */
    public BackgroundTask<ExportResult> exportReport(ExportFormat format, Path target) {
        Run r = run.get();
        return tasks.task("Exporting the report of " + r.id(), p -> new ReportExporter().export(
                ReconExport.report(client, r.id()), format, target, CsvProfile.EXCEL,
                Locale.getDefault(Locale.Category.FORMAT), zone, (done, total) -> p.progress(done, total),
                p::isCancelled))
                .userWork()
                .cancellable(true)
                .onSuccess(res -> result.set(res.summary() + (res.warnings().isEmpty() ? "" : " — "
                        + String.join(" ", res.warnings()))))
                .onFailure(e -> actionError.set(errors.describe("Could not export the report", e, server)))
                .start();
    }

    /** A suggested report file name: "reconciliation-R-000042-2026-12-06.xlsx". */
    public String reportFileName(ExportFormat format) {
        Run r = run.get();
        return ReconExport.NAME + "-" + (r == null ? "runs" : r.id()) + "-" + clock.instant().atZone(zone)
                .toLocalDate() + (format == ExportFormat.XLSX ? ".xlsx" : ".csv");
    }

    public void dismissResult() {
        result.set("");
        actionError.set(null);
    }

    public void dispose() {
        if (liveRegistration != null) {
            liveRegistration.run();
            liveRegistration = null;
        }
        runs.dispose();
        matches.dispose();
        exceptions.dispose();
        unmatched.dispose();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Instant now() {
        return clock.instant();
    }

    // --- properties ---

    public Permits permits() {
        return permits;
    }

    public PagedList<Run, RunFilter> runs() {
        return runs;
    }

    public PagedList<Match, MatchQuery> matches() {
        return matches;
    }

    public PagedList<ExceptionItem, ExceptionQuery> exceptions() {
        return exceptions;
    }

    public PagedList<UnmatchedPayment, String> unmatched() {
        return unmatched;
    }

    public ObjectProperty<State> stateFilterProperty() {
        return stateFilter;
    }

    public ObjectProperty<Reconciliation.Kind> kindFilterProperty() {
        return kindFilter;
    }

    public ObjectProperty<Settlement.Provider> providerFilterProperty() {
        return providerFilter;
    }

    public ObjectProperty<Category> categoryFilterProperty() {
        return categoryFilter;
    }

    public ObjectProperty<ExceptionStatus> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<MatchRule> ruleFilterProperty() {
        return ruleFilter;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyObjectProperty<Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> runErrorProperty() {
        return runError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExceptionItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Reconciliation.ExceptionDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> detailErrorProperty() {
        return detailError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public OpsClient client() {
        return client;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ErrorMessages errors() {
        return errors;
    }

    public URI server() {
        return server;
    }

    public ZoneId zone() {
        return zone;
    }

    public Clock clock() {
        return clock;
    }
}
