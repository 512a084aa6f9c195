package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Permissions;
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
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Audit section: the filter (one search box that opens the matching timeline, actor, action,
 * time range), the events newest first — loaded lazily, {@value #PAGE_SIZE} at a time as the user
 * scrolls, however many there are — the selected event's detail, the links that re-filter around
 * it, the integrity check ({@link AuditIntegrityViewModel}) and the export.
 *
 * <p>The filter fields are edited freely and take effect on {@link #apply()} (Enter); a time quick
 * pick and the links take effect at once.
 */
public final class AuditViewModel {

    static final int PAGE_SIZE = 200;
    /** New events are counted up to this many ("100 or more new events"). */
    static final int NEW_EVENTS_COUNTED = 100;

    private final OpsClient client;
    private final Permits permits;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final ZoneId zone;
    private final Formats formats;
    private final AuditIntegrityViewModel integrity;
    /** The Export action's state (gated by {@link #exportPermit()}). */
    private final ExportViewModel<AuditEvent> export;

    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final StringProperty actor = new SimpleStringProperty(this, "actor", "");
    private final StringProperty action = new SimpleStringProperty(this, "action", "");
    private final ObjectProperty<TimeRange> timeRange = new SimpleObjectProperty<>(this, "timeRange", TimeRange.ANY);
    private final StringProperty customFrom = new SimpleStringProperty(this, "customFrom", "");
    private final StringProperty customTo = new SimpleStringProperty(this, "customTo", "");
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper(this, "filterError");
    private final ReadOnlyObjectWrapper<AuditFilter> appliedFilter = new ReadOnlyObjectWrapper<>(this, "appliedFilter");
    private final ReadOnlyStringWrapper filterText = new ReadOnlyStringWrapper(this, "filterText", "");

    private final ReadOnlyObjectWrapper<AuditEvent> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<AuditEventDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final Map<String, String> words = new HashMap<>();
    /** The events matching the applied filter, newest first, a page at a time. */
    private final PagedList<AuditEvent, AuditFilter> list;

    private final ReadOnlyIntegerWrapper newCount = new ReadOnlyIntegerWrapper(this, "newCount");
    private Runnable liveRegistration;
    private boolean newerAsking;
    private boolean newerWanted;
    private boolean batching;

    public AuditViewModel(OpsClient client, Me me, BackgroundTasks tasks, ErrorMessages errors, URI server, Clock clock,
                          ZoneId zone, AuditCheckpoints checkpoints, FolderMemory folders) {
        this(client, Permits.of(me), tasks, errors, server, clock, zone, checkpoints, folders);
    }

    /** @param permits the signed-in user's permissions, followed as they change */
    public AuditViewModel(OpsClient client, Permits permits, BackgroundTasks tasks, ErrorMessages errors, URI server,
                          Clock clock, ZoneId zone, AuditCheckpoints checkpoints, FolderMemory folders) {
        this.client = Objects.requireNonNull(client);
        this.permits = Objects.requireNonNull(permits);
        Me me = permits.me();
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = Objects.requireNonNull(server);
        this.clock = Objects.requireNonNull(clock);
        this.zone = Objects.requireNonNull(zone);
        this.formats = new Formats(zone);
        this.integrity = new AuditIntegrityViewModel(client.audit(), me, tasks, errors, server, clock, zone, checkpoints);
        this.export = new ExportViewModel<>(AuditExport.dataset(), tasks, errors, folders, zone,
                Locale.getDefault(Locale.Category.FORMAT), clock);
        this.list = new PagedList<AuditEvent, AuditFilter>(tasks, errors, server, new PagedList.Nouns("event", "events", "audit events"),
                PAGE_SIZE, (filter, page) -> compact(client.audit().list(filter, AuditService.Direction.NEWEST_FIRST, page)),
                null);
        // What the user may see changed (the shell read /v1/me again): the server filters differently now.
        permits.meProperty().addListener((obs, old, now) -> {
            if (now != null && old != null && (!old.permissions().equals(now.permissions())
                    || !old.scopes().equals(now.scopes()))) {
                reload();
            }
        });
        timeRange.addListener((obs, old, now) -> {
            if (!batching && now != TimeRange.CUSTOM) {
                apply();
            }
        });
        selected.addListener((obs, old, now) -> detail.set(now == null ? null : AuditEventDetail.of(now, formats)));
    }

    /** Loads the first page and compares the kept integrity checkpoint (opening the section). */
    public void activate() {
        activate(null);
    }

    /**
     * As {@link #activate()}, and listens to the trail as it grows: new events are counted (by asking
     * the server which are newer than the newest shown and match the filter), not pushed into the list.
     */
    public void activate(LiveUpdates live) {
        if (live != null && liveRegistration == null) {
            liveRegistration = live.addListener(events -> {
                if (events.stream().anyMatch(e -> e.audit() != null)) {
                    countNewer();
                }
            });
        }
        apply();
        integrity.checkKept();
    }

    /**
     * How many events newer than the newest shown match the applied filter, from the server (the
     * filter's rules are the server's; nothing here re-implements them). One question at a time:
     * events arriving meanwhile ask once more when it is answered.
     */
    private void countNewer() {
        AuditFilter shown = list.query();
        if (shown == null || list.loadingProperty().get()) {
            return; // the list being loaded will include them
        }
        if (newerAsking) {
            newerWanted = true;
            return;
        }
        long newest = list.rows().isEmpty() ? 0 : list.rows().get(0).sequence();
        long from = Math.max(newest + 1, shown.fromSequence() == null ? 0 : shown.fromSequence());
        AuditFilter newer = shown.withSequences(from, shown.toSequence());
        newerAsking = true;
        tasks.task("Counting new audit events", p -> client.audit()
                        .list(newer, AuditService.Direction.NEWEST_FIRST, PageRequest.first(NEW_EVENTS_COUNTED)).items().size())
                .quiet()
                .onSuccess(n -> {
                    if (list.query() == shown) {
                        newCount.set(n);
                    }
                })
                .onFailure(e -> {
                    // The notice is a convenience; F5 shows the new events all the same.
                })
                .onFinally(() -> {
                    newerAsking = false;
                    if (newerWanted) {
                        newerWanted = false;
                        countNewer();
                    }
                })
                .start();
    }

    /** "Show them" on the new-events notice: the list again, newest first. */
    public void showNew() {
        reload();
    }

    /** New events matching the filter since the list was loaded (at most {@value #NEW_EVENTS_COUNTED}). */
    public ReadOnlyIntegerProperty newCountProperty() {
        return newCount.getReadOnlyProperty();
    }

    // --- the filter ---

    /**
     * The filter the fields describe, as the server gets it.
     *
     * @throws IllegalArgumentException with a message for people when a custom time is not a time
     */
    public AuditFilter currentFilter() {
        AuditFilter f = SearchTerm.parse(searchText.get()).applyTo(AuditFilter.none());
        f = f.withActor(blankToNull(actor.get())).withAction(blankToNull(action.get()));
        TimeRange range = timeRange.get() == null ? TimeRange.ANY : timeRange.get();
        Instant now = clock.instant();
        if (range == TimeRange.CUSTOM) {
            Instant since = TimeRange.parseBound(customFrom.get(), false, zone, now);
            Instant until = TimeRange.parseBound(customTo.get(), true, zone, now);
            if (since != null && until != null && !until.isAfter(since)) {
                throw new IllegalArgumentException("The range ends before it starts: “to” must be after “from”.");
            }
            return f.withSince(since).withUntil(until);
        }
        return f.withSince(range.since(now, zone));
    }

    /** Applies the fields (Enter): reloads the list, or says what is wrong with them and changes nothing. */
    public boolean apply() {
        AuditFilter filter;
        try {
            filter = currentFilter();
        } catch (IllegalArgumentException e) {
            filterError.set(e.getMessage());
            return false;
        }
        filterError.set(null);
        load(filter);
        return true;
    }

    /** Back to everything, any time. */
    public void clearFilters() {
        setFields("", "", "", TimeRange.ANY);
        apply();
    }

    /** Opens an entity's timeline, e.g. {@code order:ORD-100123} (the order and everything about it) or {@code failure:F-0000042}. */
    public void showTimeline(String entity) {
        setFields(SearchTerm.boxTextFor(entity), "", "", TimeRange.ANY);
        apply();
    }

    /** Everything one person (or system component) did. */
    public void showActor(String who) {
        setFields("", who == null ? "" : who, "", TimeRange.ANY);
        apply();
    }

    /** Everything a bulk replay job (or another correlation id) did. */
    public void showCorrelation(String correlationId) {
        setFields(correlationId == null ? "" : correlationId, "", "", TimeRange.ANY);
        AuditFilter filter = AuditFilter.none().withCorrelationId(correlationId);
        if (SearchTerm.parse(correlationId).kind() != SearchTerm.Kind.CORRELATION) {
            // Not a job id: the box cannot say it, but the filter can.
            searchText.set("");
            filterError.set(null);
            load(filter);
            return;
        }
        apply();
    }

    /** One event by its sequence number (e.g. where a verification found the chain broken). */
    public void showSequence(long sequence) {
        setFields("#" + sequence, "", "", TimeRange.ANY);
        apply();
    }

    /** Follows a link of the detail pane. */
    public void follow(AuditEventDetail.Link link) {
        switch (link.kind()) {
            case ORDER, FAILURE, ENTITY -> showTimeline(link.target());
            case ACTOR -> showActor(link.target());
            case CORRELATION -> showCorrelation(link.target());
        }
    }

    private void setFields(String search, String who, String what, TimeRange range) {
        batching = true;
        try {
            searchText.set(search);
            actor.set(who);
            action.set(what);
            timeRange.set(range);
            customFrom.set("");
            customTo.set("");
        } finally {
            batching = false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** "Order ORD-100123’s timeline · by support · failure.* · last 7 days": the applied filter in words. */
    public String describe(AuditFilter f) {
        List<String> parts = new ArrayList<>();
        if (f.entity() != null) {
            parts.add(SearchTerm.describeEntity(f.entity()));
        } else if (f.correlationId() != null) {
            parts.add(new SearchTerm(SearchTerm.Kind.CORRELATION, f.correlationId()).describe());
        } else if (f.fromSequence() != null && Objects.equals(f.fromSequence(), f.toSequence())) {
            parts.add("Event #" + f.fromSequence());
        } else if (f.q() != null) {
            parts.add("Events mentioning “" + f.q() + "”");
        } else {
            parts.add("All events");
        }
        if (f.actor() != null) {
            parts.add("by " + AuditTexts.actor(f.actor()));
        }
        if (f.action() != null) {
            parts.add(f.action());
        }
        if (f.since() != null && f.until() != null) {
            parts.add("from " + TimeRange.show(f.since(), zone) + " to " + TimeRange.show(f.until(), zone));
        } else if (f.until() != null) {
            parts.add("before " + TimeRange.show(f.until(), zone));
        } else if (f.since() != null) {
            TimeRange range = timeRange.get();
            parts.add(range != null && range != TimeRange.CUSTOM && range != TimeRange.ANY
                    ? range.label().toLowerCase(Locale.ROOT) : "since " + TimeRange.show(f.since(), zone));
        }
        return String.join(" · ", parts);
    }

    // --- loading ---

    /** The list again, for the filter last applied (F5). */
    public void reload() {
        AuditFilter f = appliedFilter.get();
        if (f == null) {
            apply();
        } else {
            load(f);
        }
    }

    /** Refresh: the list and the comparison with the kept checkpoint. */
    public void refresh() {
        reload();
        integrity.checkKept();
    }

    private void load(AuditFilter filter) {
        selected.set(null);
        newCount.set(0);
        appliedFilter.set(filter);
        filterText.set(describe(filter));
        list.load(filter);
    }

    /** The next page, if there is one (called as the user nears the end). */
    public void loadMore() {
        list.loadMore();
    }

    /** A page with the few actor and action strings shared among thousands of rows (on the worker thread). */
    private Page<AuditEvent> compact(Page<AuditEvent> page) {
        List<AuditEvent> compact = new ArrayList<>(page.items().size());
        synchronized (words) {
            for (AuditEvent e : page.items()) {
                compact.add(new AuditEvent(e.sequence(), e.at(), word(e.actor()), e.actorType(), word(e.action()),
                        word(e.entityType()), e.entityId(), e.orderNumber(), word(e.warehouse()), e.sku(),
                        e.requestId(), e.correlationId(), e.details(), e.prevHash(), e.hash()));
            }
        }
        return new Page<>(compact, page.nextCursor());
    }

    private String word(String value) {
        if (value == null || value.length() > 40) {
            return value;
        }
        if (words.size() > 50_000) {
            words.clear();
        }
        return words.computeIfAbsent(value, v -> v);
    }

    // --- selection ---

    /** The selection settled on {@code event} (null: none): the detail pane shows it. */
    public void select(AuditEvent event) {
        selected.set(event);
    }

    // --- export ---

    /** Whether the server lets the user export the audit trail ({@code audit.export}), and why not. */
    public Permit exportPermit() {
        return permits.may(Permissions.AUDIT_EXPORT);
    }

    /** The Export action's state (the view gates it by {@link #exportPermit()}). */
    public ExportViewModel<AuditEvent> export() {
        return export;
    }

    /**
     * Every event matching the applied filter, newest first, through the server's export endpoint
     * (which records the export in the trail). Called on the export's worker thread.
     */
    public RowSource<AuditEvent> exportRows() {
        AuditFilter filter = appliedFilter.get() == null ? AuditFilter.none() : appliedFilter.get();
        return AuditExport.matching(client.audit(), filter);
    }

    /** Stops what is loading (sign-out). */
    public void dispose() {
        if (liveRegistration != null) {
            liveRegistration.run();
            liveRegistration = null;
        }
        list.dispose();
        integrity.cancel();
    }

    // --- properties ---

    public AuditIntegrityViewModel integrity() {
        return integrity;
    }

    public Me me() {
        return permits.me();
    }

    public Permits permits() {
        return permits;
    }

    public Formats formats() {
        return formats;
    }

    /** Order number, failure id, job id, #sequence, type:id, or any exact term (payment reference, SKU, username). */
    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** A username or {@code system:<component>}; empty for anyone. */
    public StringProperty actorProperty() {
        return actor;
    }

    /** An action or a prefix ending in {@code *}; empty for any. */
    public StringProperty actionProperty() {
        return action;
    }

    /** A quick pick applies at once; {@link TimeRange#CUSTOM} waits for the from/to fields and Enter. */
    public ObjectProperty<TimeRange> timeRangeProperty() {
        return timeRange;
    }

    /** The custom range's start in this computer's time zone (see {@link TimeRange#EXAMPLE}). */
    public StringProperty customFromProperty() {
        return customFrom;
    }

    public StringProperty customToProperty() {
        return customTo;
    }

    /** What is wrong with the fields (null when nothing). */
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    /** The filter of the rows shown. */
    public ReadOnlyObjectProperty<AuditFilter> appliedFilterProperty() {
        return appliedFilter.getReadOnlyProperty();
    }

    /** The filter of the rows shown, in words. */
    public ReadOnlyStringProperty filterTextProperty() {
        return filterText.getReadOnlyProperty();
    }

    /** The loaded events, newest first; grows as the user scrolls. */
    public ObservableList<AuditEvent> rows() {
        return list.rows();
    }

    /** The list: rows, count line, loading, paging and its errors. */
    public PagedList<AuditEvent, AuditFilter> list() {
        return list;
    }

    public ReadOnlyObjectProperty<AuditEvent> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected event's fields, diff, details and links (null when none is selected). */
    public ReadOnlyObjectProperty<AuditEventDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }
}
