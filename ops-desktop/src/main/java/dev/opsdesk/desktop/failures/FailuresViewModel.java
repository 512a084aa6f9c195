package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.client.model.FailureSummary;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Resolution;
import dev.opsdesk.desktop.export.RowSource;
import dev.opsdesk.desktop.export.ui.ExportViewModel;
import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.list.PagedList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Failures section: which queue and filters, the list (loaded lazily, {@value #PAGE_SIZE} at a
 * time as the user scrolls, never all at once), the count of matching failures, the live counts per
 * queue, and live updates — a changed failure is updated in its row in place; a new one is counted
 * in a "new failures" notice instead of pushing rows down while someone reads them.
 *
 * <p>The order is the server's ({@link #sortProperty()}): a change of sort loads the list again from
 * the first page, never re-sorts the loaded rows here — sorting a partly loaded list on the client
 * would show a wrong "oldest" or "largest".
 */
public final class FailuresViewModel {

    static final int PAGE_SIZE = 200;
    /** Counts are refreshed at most this often while live events keep arriving. */
    static final Duration COUNT_REFRESH = Duration.ofSeconds(5);

    private final OpsClient client;
    private final Permits permits;
    private final String username;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final FailurePermissions permissions;
    private final FailureDetailViewModel detail;
    /** The Export action's state (the view gates it by {@link #exportPermit()}). */
    private final ExportViewModel<Failure> export;

    private final ObservableList<QueueTab> queues = FXCollections.observableArrayList();
    private final ObjectProperty<QueueTab> selectedQueue = new SimpleObjectProperty<>(this, "selectedQueue");
    private final ObjectProperty<StatusChoice> status = new SimpleObjectProperty<>(this, "status", StatusChoice.OPEN);
    private final ObjectProperty<String> reason = new SimpleObjectProperty<>(this, "reason");
    private final ObjectProperty<String> provider = new SimpleObjectProperty<>(this, "provider");
    private final ObjectProperty<AssigneeChoice> assignee = new SimpleObjectProperty<>(this, "assignee", AssigneeChoice.ANYONE);
    private final ObjectProperty<AgeChoice> age = new SimpleObjectProperty<>(this, "age", AgeChoice.ANY);
    /** Only open failures older than their queue's SLA target. */
    private final javafx.beans.property.BooleanProperty pastSla = new javafx.beans.property.SimpleBooleanProperty(this, "pastSla");
    /** One hour (first seen within [hour, hour + 1 h)), from the Overview's chart; null: any, as the age says. */
    private final ObjectProperty<Instant> hour = new SimpleObjectProperty<>(this, "hour");
    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<SortChoice> sort = new SimpleObjectProperty<>(this, "sort", SortChoice.NEWEST);

    private final ObservableList<FailureRow> selection = FXCollections.observableArrayList();
    private final ObservableList<String> reasons = FXCollections.observableArrayList();
    private final Set<String> newIds = new LinkedHashSet<>();
    private final Map<String, String> words = new HashMap<>();
    /** The list: the server's pages of the failures matching the filters, in the chosen order. */
    private final PagedList<FailureRow, FailureQuery> list;

    private final ReadOnlyIntegerWrapper newCount = new ReadOnlyIntegerWrapper(this, "newCount");
    private final ReadOnlyObjectWrapper<BulkReplayViewModel> bulk = new ReadOnlyObjectWrapper<>(this, "bulk");
    private final ReadOnlyObjectWrapper<List<FailureRow>> reselect = new ReadOnlyObjectWrapper<>(this, "reselect", List.of());

    /** Failures selected before a change of sort, to select again once the list is reloaded. */
    private Set<String> keepSelected = Set.of();
    private boolean batching;
    private boolean countsDirty;
    private boolean countsLoading;
    private Instant countsRefreshedAt = Instant.EPOCH;
    private Runnable liveRegistration;

    public FailuresViewModel(OpsClient client, Me me, BackgroundTasks tasks, ErrorMessages errors, URI server,
                             Clock clock) {
        this(client, Permits.of(me), tasks, errors, server, clock);
    }

    /** @param permits the signed-in user's permissions, followed as they change */
    public FailuresViewModel(OpsClient client, Permits permits, BackgroundTasks tasks, ErrorMessages errors, URI server,
                             Clock clock) {
        this.client = Objects.requireNonNull(client);
        this.permits = Objects.requireNonNull(permits);
        this.username = permits.username();
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.clock = Objects.requireNonNull(clock);
        this.permissions = new FailurePermissions(permits);
        this.detail = new FailureDetailViewModel(client, permissions, username, tasks, errors, server, this::changed);
        this.export = new ExportViewModel<>(FailureExport.dataset(), tasks, errors, FolderMemory.preferences());
        this.list = new PagedList<FailureRow, FailureQuery>(tasks, errors, server,
                new PagedList.Nouns("failure", "failures"), PAGE_SIZE,
                (q, page) -> rowsOf(client.failures().list(q.filter(), q.sort(), page)), FailureRow::id)
                .countedBy(q -> client.failures().count(q.filter()))
                .onFirstPage(rows -> restoreSelection());

        setUpQueues();
        // Permissions changed while the section is open (the shell read /v1/me again): the queues
        // the user may read and what they may do follow, and the list loads again.
        permits.meProperty().addListener((obs, old, now) -> {
            if (now != null && old != null && (!old.permissions().equals(now.permissions())
                    || !old.scopes().equals(now.scopes()))) {
                batching = true;
                try {
                    setUpQueues();
                } finally {
                    batching = false;
                }
                detail.show(detail.failureProperty().get());
                reload();
                refreshCounts();
            }
        });

        selectedQueue.addListener((obs, old, now) -> {
            // A reason another queue has cannot match here: it goes, rather than filter to nothing.
            List<String> offered = reasonsOfSelectedQueue();
            reasons.setAll(offered);
            if (reason.get() != null && !offered.contains(reason.get())) {
                batching = true;
                try {
                    reason.set(null);
                } finally {
                    batching = false;
                }
            }
            filtersChanged();
        });
        reasons.setAll(reasonsOfSelectedQueue());
        status.addListener((obs, old, now) -> filtersChanged());
        reason.addListener((obs, old, now) -> filtersChanged());
        provider.addListener((obs, old, now) -> filtersChanged());
        assignee.addListener((obs, old, now) -> filtersChanged());
        pastSla.addListener((obs, old, now) -> filtersChanged());
        hour.addListener((obs, old, now) -> filtersChanged());
        age.addListener((obs, old, now) -> filtersChanged());
        sort.addListener((obs, old, now) -> sortChanged());
        searchText.addListener((obs, old, now) -> {
            if (!Objects.equals(normalize(old), normalize(now))) {
                filtersChanged();
            }
        });
    }

    /** The queue tabs the user's permissions allow; the one selected stays selected if still allowed. */
    private void setUpQueues() {
        String was = selectedQueue.get() == null ? null : selectedQueue.get().queue();
        boolean hadSelection = selectedQueue.get() != null;
        List<String> readable = permissions.readableQueues();
        List<QueueTab> tabs = new ArrayList<>();
        if (readable.size() > 1) {
            tabs.add(new QueueTab(null));
        }
        readable.forEach(q -> tabs.add(new QueueTab(q)));
        queues.setAll(tabs);
        QueueTab keep = hadSelection ? tabs.stream().filter(t -> Objects.equals(t.queue(), was)).findFirst().orElse(null)
                : null;
        selectedQueue.set(keep != null ? keep : tabs.isEmpty() ? null : tabs.get(0));
    }

    /** Starts listening to live updates and loads the first page and the counts. */
    public void activate(LiveUpdates live) {
        if (live != null && liveRegistration == null) {
            liveRegistration = live.addListener(new LiveUpdates.Listener() {
                @Override
                public void onEvents(List<LiveEvent> events) {
                    FailuresViewModel.this.onEvents(events);
                }

                @Override
                public void onResumed() {
                    countsDirty = true;
                }
            });
        }
        reload();
        refreshCounts();
    }

    // --- filters ---

    /** The filter as the server gets it, from the queue, status, reason, provider, assignee, age and search. */
    public FailureFilter currentFilter() {
        QueueTab tab = selectedQueue.get();
        String text = normalize(searchText.get());
        Instant h = hour.get();
        Instant since = h != null ? h : age.get() == null ? null : age.get().since(clock.instant());
        return new FailureFilter(tab == null ? null : tab.queue(), status.get() == null ? null : status.get().query(),
                reason.get(), provider.get(), assignee.get() == null ? null : assignee.get().query(),
                since, h == null ? null : h.plus(Duration.ofHours(1)), text, pastSla.get() ? Boolean.TRUE : null);
    }

    private static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.isEmpty() ? null : t.length() > 100 ? t.substring(0, 100) : t;
    }

    private void filtersChanged() {
        if (!batching) {
            reload();
        }
    }

    /** The server's order for the list (newest first unless the user chose another). */
    public FailureSort currentSort() {
        return sort.get() == null ? FailureSort.NEWEST : sort.get().sort();
    }

    /**
     * Another order: a cursor only continues the order it was handed out with, so the list loads
     * again from the first page (the filters stay). The selected failures stay selected if they are
     * among the rows loaded first, and the detail pane keeps the one it shows.
     */
    private void sortChanged() {
        if (batching) {
            return;
        }
        Set<String> selected = new LinkedHashSet<>();
        selection.forEach(row -> selected.add(row.id()));
        Failure shown = detail.failureProperty().get();
        if (shown != null && selected.isEmpty()) {
            selected.add(shown.id());
        }
        reload(selected);
    }

    /** The filter of the rows shown; null before the first load. */
    private FailureFilter loadedFilter() {
        FailureQuery q = list.query();
        return q == null ? null : q.filter();
    }

    /** Shows one queue's open failures (from the Overview's tiles); null for all queues. */
    public void showQueue(String queue) {
        batching = true;
        try {
            queues.stream().filter(t -> Objects.equals(t.queue(), queue)).findFirst().ifPresent(selectedQueue::set);
            status.set(StatusChoice.OPEN);
        } finally {
            batching = false;
        }
        reload();
    }

    /**
     * What a link names: a queue ({@code PAYMENT_CALLBACK}: its open failures), or an hour of the Overview's chart
     * ({@code PAYMENT_CALLBACK@2026-11-21T14:00:00Z}, or {@code @…} for every queue): the failures of every status
     * first seen within that hour.
     */
    public void open(String target) {
        int at = target == null ? -1 : target.indexOf('@');
        if (at < 0) {
            showQueue(target);
            return;
        }
        String queue = target.substring(0, at).isEmpty() ? null : target.substring(0, at);
        Instant start = Instant.parse(target.substring(at + 1));
        batching = true;
        try {
            queues.stream().filter(t -> Objects.equals(t.queue(), queue)).findFirst().ifPresent(selectedQueue::set);
            status.set(StatusChoice.ALL);
            reason.set(null);
            provider.set(null);
            assignee.set(AssigneeChoice.ANYONE);
            age.set(AgeChoice.ANY);
            pastSla.set(false);
            searchText.set("");
            hour.set(start);
        } finally {
            batching = false;
        }
        reload();
    }

    /** Back to the defaults: open failures of any reason, provider, assignee and age, no search. */
    public void clearFilters() {
        batching = true;
        try {
            status.set(StatusChoice.OPEN);
            reason.set(null);
            provider.set(null);
            assignee.set(AssigneeChoice.ANYONE);
            age.set(AgeChoice.ANY);
            pastSla.set(false);
            hour.set(null);
            searchText.set("");
        } finally {
            batching = false;
        }
        reload();
    }

    // --- loading ---

    /** Loads the list from the first page (and the count) for the current filters and order. */
    public void reload() {
        reload(Set.of());
    }

    private void reload(Set<String> reselectIds) {
        keepSelected = reselectIds;
        selection.clear();
        newIds.clear();
        newCount.set(0);
        FailureQuery query = new FailureQuery(currentFilter(), currentSort());
        if (selectedQueue.get() == null) {
            keepSelected = Set.of();
            list.showEmpty(query); // no queue the user may read: nothing to ask the server
            return;
        }
        list.load(query);
        if (list.errorProperty().get() != null) {
            keepSelected = Set.of();
        }
    }

    /** Loads the next page, if there is one (called as the user nears the end). */
    public void loadMore() {
        list.loadMore();
    }

    /** One page of failures as rows (on the worker thread), each value shared where repeated. */
    private Page<FailureRow> rowsOf(Page<Failure> page) {
        List<FailureRow> rows = new ArrayList<>(page.items().size());
        synchronized (words) {
            for (Failure f : page.items()) {
                rows.add(new FailureRow(compact(f)));
            }
        }
        return new Page<>(rows, page.nextCursor());
    }

    /**
     * After a change of sort: the failures that were selected and are loaded again are selected
     * again (the view applies {@link #reselectProperty()}); the detail pane keeps its failure only
     * if it is among them.
     */
    private void restoreSelection() {
        Set<String> wanted = keepSelected;
        keepSelected = Set.of();
        if (wanted.isEmpty()) {
            return;
        }
        List<FailureRow> found = new ArrayList<>();
        for (String id : wanted) {
            FailureRow row = list.row(id);
            if (row != null) {
                found.add(row);
            }
        }
        Failure shown = detail.failureProperty().get();
        if (shown != null && found.stream().noneMatch(r -> r.id().equals(shown.id()))) {
            detail.show(null);
        }
        selection.setAll(found);
        reselect.set(List.copyOf(found));
    }

    /**
     * The same failure with one shared copy of each short repeated value (queue, status, reason,
     * provider, currency…): a list scrolled to 200,000 rows holds far fewer strings.
     */
    Failure compact(Failure f) {
        Money amount = f.amount() == null ? null : new Money(f.amount().amountMinor(), word(f.amount().currency()));
        Resolution r = f.resolution();
        Resolution resolution = r == null ? null : new Resolution(word(r.by()), r.at(), word(r.code()), r.note());
        return new Failure(f.id(), word(f.queue()), word(f.status()), word(f.reason()), f.message(), f.replayable(),
                word(f.provider()), f.eventId(), word(f.eventType()), f.orderNumber(), f.paymentReference(), word(f.sku()),
                word(f.warehouse()), amount, f.firstSeenAt(), f.lastAttemptAt(), f.updatedAt(), f.attemptCount(),
                word(f.assignee()), resolution, f.slaDueAt());
    }

    private String word(String value) {
        synchronized (words) {
            return shared(value);
        }
    }

    private String shared(String value) {
        if (value == null || value.length() > 40) {
            return value;
        }
        if (words.size() > 50_000) {
            words.clear(); // a pathological server: stop sharing rather than grow without bound
        }
        return words.computeIfAbsent(value, v -> v);
    }

    // --- counts per queue ---

    /** Fetches the open counts per queue (and later the total again). */
    public void refreshCounts() {
        if (countsLoading || queues.isEmpty()) {
            return;
        }
        countsLoading = true;
        countsDirty = false;
        countsRefreshedAt = clock.instant();
        FailureQuery shown = list.query();
        boolean countable = shown != null && selectedQueue.get() != null;
        tasks.task("Counting failures per queue", p -> {
                    FailureSummary summary = client.failures().summary();
                    Long matching = countable ? client.failures().count(shown.filter()) : null;
                    return new Counts(summary, matching);
                })
                .quiet()
                .onSuccess(c -> {
                    applySummary(c.summary());
                    if (c.matching() != null) {
                        list.setTotal(shown, c.matching());
                    }
                })
                .onFailure(e -> countsDirty = true)
                .onFinally(() -> countsLoading = false)
                .start();
    }

    private record Counts(FailureSummary summary, Long matching) {
    }

    private void applySummary(FailureSummary summary) {
        long all = 0;
        for (FailureSummary.QueueCounts q : summary.queues()) {
            all += q.open();
            for (QueueTab tab : queues) {
                if (q.queue().equals(tab.queue())) {
                    tab.setOpen(q.open());
                }
            }
        }
        for (QueueTab tab : queues) {
            if (tab.queue() == null) {
                tab.setOpen(all);
            }
        }
    }

    /** Called every few seconds: refreshes the counts when live events changed them (at most every 5 s). */
    public void heartbeat() {
        if (countsDirty && !countsLoading
                && !clock.instant().isBefore(countsRefreshedAt.plus(COUNT_REFRESH))) {
            refreshCounts();
        }
    }

    // --- live updates ---

    /** Applies live events: rows update in place, new matching failures are counted, not inserted. */
    public void onEvents(List<LiveEvent> events) {
        for (LiveEvent e : events) {
            if (e.job() != null && bulk.get() != null) {
                bulk.get().jobChanged(e.job());
            }
            Failure f = e.failure();
            if (f == null) {
                continue;
            }
            countsDirty = true;
            FailureRow row = list.row(f.id());
            if (row != null) {
                if (row.update(compact(f))) {
                    leaveIfNoLongerMatching(row);
                }
            } else if ("failure.created".equals(e.kind()) && loadedFilter() != null && matches(loadedFilter(), f)
                    && newIds.add(f.id())) {
                newCount.set(newIds.size());
                Long n = list.totalProperty().get();
                if (n != null) {
                    list.setTotal(list.query(), n + 1);
                }
            }
            detail.liveUpdate(f);
        }
    }

    /** Whether {@code f} belongs in the list for {@code filter} (mirrors the server's rules). */
    boolean matches(FailureFilter filter, Failure f) {
        if (filter.queue() != null && !filter.queue().equals(f.queue())) {
            return false;
        }
        if (filter.status() != null && !List.of(filter.status().split(",")).contains(f.status())) {
            return false;
        }
        if (filter.reason() != null && !filter.reason().equals(f.reason())) {
            return false;
        }
        if (filter.provider() != null && !filter.provider().equals(f.provider())) {
            return false;
        }
        if ("none".equals(filter.assignee())) {
            if (f.assignee() != null) {
                return false;
            }
        } else if (filter.assignee() != null) {
            String who = "me".equals(filter.assignee()) ? username : filter.assignee();
            if (!who.equals(f.assignee())) {
                return false;
            }
        }
        if (filter.since() != null && f.firstSeenAt() != null && f.firstSeenAt().isBefore(filter.since())) {
            return false;
        }
        if (filter.until() != null && f.firstSeenAt() != null && !f.firstSeenAt().isBefore(filter.until())) {
            return false;
        }
        if (Boolean.TRUE.equals(filter.pastSla()) && !f.isPastSla(clock.instant())) {
            return false;
        }
        if (filter.q() != null) {
            String q = filter.q();
            String upper = q.toUpperCase(Locale.ROOT);
            return startsWith(f.orderNumber(), upper) || startsWith(f.paymentReference(), q)
                    || startsWith(f.eventId(), q) || startsWith(f.id(), upper);
        }
        return true;
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.startsWith(prefix);
    }

    /** "Show" on the new-failures notice: loads the list again, in the chosen order. */
    public void showNew() {
        reload();
    }

    /** An action changed a failure: its row takes the new state. */
    void changed(Failure f) {
        FailureRow row = list.row(f.id());
        if (row != null && row.update(f)) {
            leaveIfNoLongerMatching(row);
        }
        countsDirty = true;
    }

    /**
     * A row whose failure no longer matches the list's filter is marked as having left and no longer
     * counted, so the rows counted, the count and an export of all matching agree; it goes at the next
     * load. (A row that comes back into the filter stays marked until then: the count is the server's.)
     */
    private void leaveIfNoLongerMatching(FailureRow row) {
        FailureFilter shown = loadedFilter();
        if (shown != null && !matches(shown, row.failure()) && row.leave()) {
            Long n = list.totalProperty().get();
            if (n != null && n > 0) {
                list.setTotal(list.query(), n - 1);
            }
        }
    }

    // --- selection and actions ---

    /**
     * The selection settled on {@code row} (null: none): the detail pane shows it. While a change of
     * sort reloads the list, the emptied selection does not clear the detail pane.
     */
    public void select(FailureRow row) {
        if (row == null && !keepSelected.isEmpty()) {
            return;
        }
        detail.show(row == null ? null : row.failure());
    }

    /** The rows selected in the table, kept by the view. */
    public ObservableList<FailureRow> selection() {
        return selection;
    }

    /** Opens a bulk replay of the selected rows. */
    public BulkReplayViewModel bulkReplaySelection() {
        List<String> ids = selection.stream().map(FailureRow::id).toList();
        if (ids.isEmpty()) {
            return null;
        }
        String text = ids.size() == 1 ? "the selected failure" : "the " + Formats.count(ids.size()) + " selected failures";
        return openBulk(new BulkReplayViewModel(client, tasks, errors, server, ids, null, text));
    }

    /** Opens a bulk replay of everything matching the current filters. */
    public BulkReplayViewModel bulkReplayMatching() {
        FailureFilter filter = loadedFilter() != null ? loadedFilter() : currentFilter();
        Long n = list.totalProperty().get();
        String text = (n == null ? "all failures" : "all " + Formats.plural(n, "failure", "failures"))
                + " matching " + describe(filter);
        return openBulk(new BulkReplayViewModel(client, tasks, errors, server, null, filter, text));
    }

    private BulkReplayViewModel openBulk(BulkReplayViewModel vm) {
        vm.namingBy(id -> {
            FailureRow row = list.row(id);
            return row == null ? null : FailureTexts.subject(row.failure());
        }).queuesBy(id -> {
            FailureRow row = list.row(id);
            return row == null ? null : row.failure().queue();
        });
        BulkReplayViewModel previous = bulk.get();
        if (previous != null) {
            previous.close();
        }
        bulk.set(vm);
        vm.preview();
        return vm;
    }

    /** The bulk replay dialog closed. */
    public void closeBulk() {
        BulkReplayViewModel current = bulk.get();
        if (current != null) {
            current.close();
            bulk.set(null);
        }
        countsDirty = true;
    }

    /** "Payment callbacks · open · last 24 hours · “ORD-1”": the filter in words. */
    public String describe(FailureFilter filter) {
        List<String> parts = new ArrayList<>();
        parts.add(filter.queue() == null ? "all your queues" : FailureTexts.queue(filter.queue()).toLowerCase(Locale.ROOT));
        StatusChoice s = status.get();
        if (s != null && s != StatusChoice.ALL) {
            parts.add(s.label().toLowerCase(Locale.ROOT));
        }
        if (filter.reason() != null) {
            parts.add(FailureTexts.reason(filter.reason()).toLowerCase(Locale.ROOT));
        }
        if (filter.provider() != null) {
            parts.add(FailureTexts.provider(filter.provider()));
        }
        if ("me".equals(filter.assignee())) {
            parts.add("assigned to you");
        } else if ("none".equals(filter.assignee())) {
            parts.add("unassigned");
        } else if (filter.assignee() != null) {
            parts.add("assigned to " + filter.assignee());
        }
        if (hour.get() != null) {
            parts.add("first seen " + Formats.hourRange(hour.get(), clock.getZone()));
        } else if (age.get() != null && age.get() != AgeChoice.ANY) {
            parts.add(age.get().label().toLowerCase(Locale.ROOT));
        }
        if (Boolean.TRUE.equals(filter.pastSla())) {
            parts.add("past SLA");
        }
        if (filter.q() != null) {
            parts.add("“" + filter.q() + "”");
        }
        return String.join(" · ", parts);
    }

    // --- export ---

    /** Whether the server lets the user export tables (the {@code export} permission), and why not. */
    public Permit exportPermit() {
        return permits.may(Permissions.EXPORT);
    }

    /** The Export action's state (progress, outcome, folder to open). */
    public ExportViewModel<Failure> export() {
        return export;
    }

    /**
     * Every failure matching the list's filters, in the list's order, fetched page by page while the
     * export writes them — not only the rows loaded so far. Called on the export's worker thread.
     */
    public RowSource<Failure> exportRows() {
        FailureQuery shown = list.query();
        if (shown == null || queues.isEmpty()) {
            return RowSource.of(List.of()); // no list, no queue the user may read: nothing matches
        }
        return FailureExport.matching(client.failures(), shown.filter(), shown.sort());
    }

    /** Stops listening to live updates (sign-out). */
    public void dispose() {
        if (liveRegistration != null) {
            liveRegistration.run();
            liveRegistration = null;
        }
        list.dispose();
        closeBulk();
    }

    // --- properties ---

    public FailurePermissions permissions() {
        return permissions;
    }

    public FailureDetailViewModel detail() {
        return detail;
    }

    public Clock clock() {
        return clock;
    }

    public ObservableList<QueueTab> queues() {
        return queues;
    }

    public ObjectProperty<QueueTab> selectedQueueProperty() {
        return selectedQueue;
    }

    public ObjectProperty<StatusChoice> statusProperty() {
        return status;
    }

    /** The reasons the Reason filter offers: those of the selected queue's failures. */
    public ObservableList<String> reasonChoices() {
        return reasons;
    }

    private List<String> reasonsOfSelectedQueue() {
        QueueTab tab = selectedQueue.get();
        return FailureTexts.reasonsOf(tab == null ? null : tab.queue());
    }

    /** A reason code, or null for any. */
    public ObjectProperty<String> reasonProperty() {
        return reason;
    }

    /** A provider (stripe, adyen, paypal), or null for any. */
    public ObjectProperty<String> providerProperty() {
        return provider;
    }

    /** Only open failures older than their queue's SLA target. */
    public javafx.beans.property.BooleanProperty pastSlaProperty() {
        return pastSla;
    }

    /** One hour's failures (first seen within it), as the Overview's chart opens them; null for none. */
    public ObjectProperty<Instant> hourProperty() {
        return hour;
    }

    /** Whether {@code f} is open and older than its queue's SLA target now. */
    public boolean isPastSla(Failure f) {
        return f != null && f.isPastSla(clock.instant());
    }

    public ObjectProperty<AssigneeChoice> assigneeProperty() {
        return assignee;
    }

    public ObjectProperty<AgeChoice> ageProperty() {
        return age;
    }

    /** Order number, payment reference, event id or failure id (start of); the view debounces typing. */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** The order of the list; changing it loads the list again from the first page. */
    public ObjectProperty<SortChoice> sortProperty() {
        return sort;
    }

    /**
     * The rows to select again after a change of sort reloaded the list (set once the first page is
     * in; empty when none of the selected failures came back among the first rows).
     */
    public ReadOnlyObjectProperty<List<FailureRow>> reselectProperty() {
        return reselect.getReadOnlyProperty();
    }

    /** The loaded rows, in the chosen order; grows as the user scrolls. */
    public ObservableList<FailureRow> rows() {
        return list.rows();
    }

    /** The list: rows, count, loading, paging and its errors. */
    public PagedList<FailureRow, FailureQuery> list() {
        return list;
    }

    /** New failures matching the filters that arrived since the list was loaded (not yet shown). */
    public ReadOnlyIntegerProperty newCountProperty() {
        return newCount.getReadOnlyProperty();
    }

    /** The bulk replay in progress (its dialog shows while non-null). */
    public ReadOnlyObjectProperty<BulkReplayViewModel> bulkProperty() {
        return bulk.getReadOnlyProperty();
    }

    /** The row of a loaded failure, if loaded. */
    public FailureRow row(String failureId) {
        return list.row(failureId);
    }

    public Me me() {
        return permits.me();
    }

    public Permits permits() {
        return permits;
    }
}
