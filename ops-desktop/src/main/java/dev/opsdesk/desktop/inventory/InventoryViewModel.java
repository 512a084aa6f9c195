package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Inventory.StockPair;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;
import dev.opsdesk.desktop.export.RowSource;
import dev.opsdesk.desktop.export.ui.ExportViewModel;
import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.list.PagedList;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.ServerJobs;
import dev.opsdesk.desktop.ui.UserMessage;
import dev.opsdesk.client.model.LiveTopic;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Inventory section's state: the stock matrix (a {@link PagedList} the server filters, sorts and
 * pages), its filters, the integrations' health, the selected pair's detail, and the export. Every
 * call to the server runs through {@link BackgroundTasks}; nothing here touches a control.
 */
public final class InventoryViewModel {

    public static final int PAGE_SIZE = 100;

    private final OpsClient client;
    private final Permits permits;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final ExportViewModel<StockPair> export;
    private final PagedList<StockPair, InventoryQuery> list;

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectProperty<String> warehouse = new SimpleObjectProperty<>(this, "warehouse");
    private final ObjectProperty<Inventory.SyncState> state = new SimpleObjectProperty<>(this, "state");
    private final BooleanProperty driftingOnly = new SimpleBooleanProperty(this, "driftingOnly", true);
    private final BooleanProperty oversoldOnly = new SimpleBooleanProperty(this, "oversoldOnly");
    private final ObjectProperty<String> integration = new SimpleObjectProperty<>(this, "integration");
    private final ObjectProperty<StockSort> sort = new SimpleObjectProperty<>(this, "sort", StockSort.DRIFT);

    private final ObservableList<String> warehouses = FXCollections.observableArrayList();
    private final ObservableList<Inventory.Integration> integrations = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<UserMessage> healthError = new ReadOnlyObjectWrapper<>(this, "healthError");

    private final ReadOnlyObjectWrapper<StockPair> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<Inventory.StockDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyBooleanWrapper detailLoading = new ReadOnlyBooleanWrapper(this, "detailLoading");
    private final ReadOnlyObjectWrapper<UserMessage> detailError = new ReadOnlyObjectWrapper<>(this, "detailError");
    private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper(this, "changes");
    private final ReadOnlyStringWrapper resyncResult = new ReadOnlyStringWrapper(this, "resyncResult", "");
    private final ReadOnlyObjectWrapper<UserMessage> resyncError = new ReadOnlyObjectWrapper<>(this, "resyncError");
    private final ReadOnlyBooleanWrapper resyncing = new ReadOnlyBooleanWrapper(this, "resyncing");
    private final ReadOnlyBooleanWrapper lastResyncFailed = new ReadOnlyBooleanWrapper(this, "lastResyncFailed");

    /** The latest version of each loaded row the table shows (a change updates the row in place). */
    private final Map<String, ReadOnlyObjectWrapper<StockPair>> current = new HashMap<>();
    private final ObjectBinding<Permit> adjustPermit;

    private Runnable liveRegistration;
    private boolean batching;

    public InventoryViewModel(OpsClient client, Permits permits, BackgroundTasks tasks, ErrorMessages errors,
                              URI server, Clock clock, ZoneId zone, FolderMemory folders) {
        this.client = Objects.requireNonNull(client);
        this.permits = Objects.requireNonNull(permits);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.clock = Objects.requireNonNull(clock);
        this.export = new ExportViewModel<>(InventoryExport.dataset(), tasks, errors, folders, zone,
                Locale.getDefault(Locale.Category.FORMAT), clock);
        this.list = new PagedList<StockPair, InventoryQuery>(tasks, errors, server,
                new PagedList.Nouns("pair", "pairs", "stock"), PAGE_SIZE,
                (q, page) -> client.inventory().stock(q.filter(), q.sort(), page), StockPair::key)
                .onFirstPage(rows -> {
                    changes.set(0);
                    current.keySet().retainAll(rows.stream().map(StockPair::key).toList());
                });
        this.adjustPermit = Bindings.createObjectBinding(() -> {
            Permit held = permits.may(Permissions.INVENTORY_ADJUST);
            StockPair p = selected.get();
            if (!held.allowed() || p == null) {
                return held.allowed() ? Permit.no("Select the pair to adjust first.") : held;
            }
            return permits.mayOn(Permissions.INVENTORY_ADJUST, "adjust stock in", Permits.Dimension.WAREHOUSE,
                    p.warehouse(), warehouses.isEmpty() ? List.of(p.warehouse()) : warehouses, w -> "warehouse " + w);
        }, selected, permits.meProperty(), warehouses);
        // What the user may see changed (the shell read /v1/me again): the server filters differently now.
        permits.meProperty().addListener((obs, old, now) -> {
            if (now != null && old != null && !old.scopes().equals(now.scopes())) {
                refresh();
            }
        });
        for (var p : List.of(warehouse, state, integration, sort)) {
            p.addListener((obs, old, now) -> applyUnlessBatching());
        }
        driftingOnly.addListener((obs, old, now) -> applyUnlessBatching());
        oversoldOnly.addListener((obs, old, now) -> applyUnlessBatching());
        selected.addListener((obs, old, now) -> loadDetail(now));
    }

    /** Loads the matrix and the health strip, and follows stock changes on the live stream. */
    public void activate(LiveUpdates live) {
        if (live != null && liveRegistration == null) {
            liveRegistration = live.addListener(events -> {
                long mine = events.stream().filter(e -> e.is(LiveTopic.INVENTORY)).count();
                if (mine == 0) {
                    return;
                }
                // A loaded row shows its new numbers in place; the order stays the server's until the
                // list is loaded again (the notice counts the changes since).
                changes.set(changes.get() + (int) mine);
                events.stream().filter(e -> e.stock() != null).forEach(e -> updated(e.stock()));
                loadIntegrations();
            });
        }
        loadWarehouses();
        loadIntegrations();
        apply();
    }

    // --- the matrix ---

    /** The query the filters describe now. */
    public InventoryQuery query() {
        StockFilter f = StockFilter.none()
                .withWarehouse(warehouse.get())
                .withText(text.get() == null || text.get().isBlank() ? null : text.get().trim())
                .withDrifting(driftingOnly.get() ? Boolean.TRUE : null)
                .withState(state.get())
                .withIntegration(integration.get())
                .withOversold(oversoldOnly.get() ? Boolean.TRUE : null);
        return new InventoryQuery(f, sort.get());
    }

    /** Loads the first page of the matrix for the filters as they are. */
    public void apply() {
        list.load(query());
    }

    private void applyUnlessBatching() {
        if (!batching) {
            apply();
        }
    }

    /** F5: the matrix, the health strip and the selected pair again. */
    public void refresh() {
        loadWarehouses();
        loadIntegrations();
        apply();
        loadDetail(selected.get());
    }

    /** Clears every filter (the matrix then shows every drifting pair). */
    public void clearFilters() {
        batching = true;
        try {
            text.set("");
            warehouse.set(null);
            state.set(null);
            driftingOnly.set(true);
            oversoldOnly.set(false);
            integration.set(null);
        } finally {
            batching = false;
        }
        apply();
    }

    /**
     * A card of the health strip was clicked: the pairs whose number from that integration is
     * older than its interval (drifting or not), in its warehouse.
     */
    public void showStaleOf(Inventory.Integration i) {
        batching = true;
        try {
            integration.set(i.id());
            warehouse.set(i.warehouse());
            driftingOnly.set(false);
            state.set(null);
            oversoldOnly.set(false);
        } finally {
            batching = false;
        }
        apply();
    }

    public void select(StockPair pair) {
        selected.set(pair);
    }

    /** The row as the table shows it: its latest version, which a change replaces in place. */
    public ObservableValue<StockPair> current(StockPair row) {
        return current.computeIfAbsent(row.key(), k -> new ReadOnlyObjectWrapper<>(row));
    }

    /** A newer version of a pair (an adjustment's answer, or a live change). */
    private void updated(StockPair pair) {
        ReadOnlyObjectWrapper<StockPair> shown = current.get(pair.key());
        if (shown != null) {
            shown.set(pair);
        }
        StockPair chosen = selected.get();
        if (chosen != null && chosen.key().equals(pair.key())) {
            selected.set(pair);
        }
    }

    // --- resyncing ---

    /** Most pairs one resync job takes (the server's limit). */
    public static final int MAX_RESYNC = 100_000;
    private static final long POLL_MILLIS = 400;

    /** What a resync would do: these pairs, through these integrations. */
    public record ResyncPlan(List<String> pairs, List<String> integrations) {

        /** "Resync 42 pairs through ERP connector and WMS feed Rotterdam port?" */
        public String question() {
            return "Resync " + Formats.plural(pairs.size(), "pair", "pairs") + " through "
                    + Formats.joinWords(integrations) + "?";
        }
    }

    public ObservableValue<Permit> resyncPermit() {
        return permits.permitOf(Permissions.INVENTORY_RESYNC);
    }

    /**
     * Works out what a resync of {@code chosen} would do — or, when nothing is chosen, of every pair
     * matching the filter (read from the server page by page) — and hands it to {@code confirm}.
     */
    public void planResync(List<StockPair> chosen, Consumer<ResyncPlan> confirm) {
        if (!chosen.isEmpty()) {
            confirm.accept(plan(chosen.stream().map(p -> p.warehouse() + "/" + p.sku()).toList()));
            return;
        }
        InventoryQuery q = list.query() == null ? query() : list.query();
        tasks.task("Finding the pairs to resync", p -> {
                    List<String> keys = new java.util.ArrayList<>();
                    for (StockPair pair : client.inventory().allStock(q.filter(), q.sort())) {
                        keys.add(pair.warehouse() + "/" + pair.sku());
                        if (keys.size() > MAX_RESYNC || p.isCancelled()) {
                            break;
                        }
                    }
                    return keys;
                })
                .onSuccess(keys -> {
                    if (keys.isEmpty()) {
                        resyncResult.set("No pair matches the filter: nothing to resync.");
                    } else if (keys.size() > MAX_RESYNC) {
                        resyncResult.set("More than " + Formats.count(MAX_RESYNC) + " pairs match: narrow the filter.");
                    } else {
                        confirm.accept(plan(keys));
                    }
                })
                .onFailure(e -> resyncError.set(errors.describe("Could not find the pairs to resync", e, server)))
                .start();
    }

    private ResyncPlan plan(List<String> keys) {
        List<String> names = new java.util.ArrayList<>();
        names.add(integrationName("erp"));
        keys.stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().sorted()
                .forEach(w -> names.add(integrationName("wms-" + w)));
        return new ResyncPlan(List.copyOf(keys), names);
    }

    private String integrationName(String id) {
        return integrations.stream().filter(i -> i.id().equals(id)).map(Inventory.Integration::name).findFirst()
                .orElse(id);
    }

    /** Starts the resync job and follows it in the status bar; says what happened when it ends. */
    public void resync(ResyncPlan plan) {
        resyncing.set(true);
        resyncResult.set("");
        resyncError.set(null);
        dev.opsdesk.client.RequestOptions action = dev.opsdesk.client.RequestOptions.newAction();
        tasks.task("Resyncing " + Formats.plural(plan.pairs().size(), "pair", "pairs"), p -> {
                    var started = client.inventory().resync(plan.pairs(), 1000, action);
                    return ServerJobs.follow(client.failures(), started, p, POLL_MILLIS, tasks.ui(), j -> { });
                })
                .onSuccess(job -> {
                    resyncResult.set("Resync " + job.id() + ": " + Formats.count(job.succeeded()) + " resynced, "
                            + Formats.count(job.failed()) + " failed" + (job.failed() > 0
                            ? " (their integration is down; each failure is in the inventory sync queue)" : "")
                            + (job.skipped() > 0 ? ", " + Formats.count(job.skipped()) + " skipped" : "") + ".");
                    lastResyncFailed.set(job.failed() > 0);
                    refresh();
                })
                .onFailure(e -> resyncError.set(errors.describe("Could not resync", e, server)))
                .onFinally(() -> resyncing.set(false))
                .start();
    }

    public ReadOnlyStringProperty resyncResultProperty() {
        return resyncResult.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> resyncErrorProperty() {
        return resyncError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resyncingProperty() {
        return resyncing.getReadOnlyProperty();
    }

    /** Whether the last resync had items that failed (the view then links to the failure queue). */
    public ReadOnlyBooleanProperty lastResyncFailedProperty() {
        return lastResyncFailed.getReadOnlyProperty();
    }

    // --- adjusting ---

    /** Whether the user may adjust the selected pair (inventory.adjust on its warehouse), and why not. */
    public ObservableValue<Permit> adjustPermit() {
        return adjustPermit;
    }

    /** A form to adjust the selected pair as it is shown now. */
    public AdjustmentForm newAdjustment() {
        StockPair pair = Objects.requireNonNull(selected.get(), "nothing selected");
        return new AdjustmentForm(client.inventory(), tasks, errors, server, pair, result -> updated(result.pair()));
    }

    private void loadDetail(StockPair pair) {
        if (pair == null) {
            detail.set(null);
            detailError.set(null);
            return;
        }
        detailLoading.set(true);
        tasks.task("Loading " + pair.sku() + " at " + pair.warehouse(),
                        p -> client.inventory().stock(pair.warehouse(), pair.sku()))
                .quiet()
                .onSuccess(d -> {
                    if (selected.get() != null && selected.get().key().equals(pair.key())) {
                        detail.set(d);
                        detailError.set(null);
                    }
                })
                .onFailure(e -> detailError.set(errors.describe("Could not load the stock of " + pair.sku()
                        + " at " + pair.warehouse(), e, server)))
                .onFinally(() -> detailLoading.set(false))
                .start();
    }

    private void loadIntegrations() {
        tasks.task("Loading integration health", p -> client.inventory().integrations())
                .quiet()
                .onSuccess(items -> {
                    integrations.setAll(items);
                    healthError.set(null);
                })
                .onFailure(e -> healthError.set(errors.describe("Could not load the integrations' health", e,
                        server)))
                .start();
    }

    private void loadWarehouses() {
        tasks.task("Loading warehouses", p -> client.inventory().summary())
                .quiet()
                .onSuccess(s -> warehouses.setAll(s.warehouses().stream().map(Inventory.WarehouseDrift::warehouse)
                        .toList()))
                .onFailure(e -> {
                    // The warehouse filter then offers "All" only; the matrix says what failed.
                })
                .start();
    }

    // --- permissions and export ---

    public Permits permits() {
        return permits;
    }

    public Permit exportPermit() {
        return permits.may(Permissions.EXPORT);
    }

    public ExportViewModel<StockPair> export() {
        return export;
    }

    /** Every pair matching the applied filter, in its order; called on the export's worker thread. */
    public RowSource<StockPair> exportRows() {
        InventoryQuery shown = list.query() == null ? query() : list.query();
        return InventoryExport.matching(client.inventory(), shown);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Stops what is loading (sign-out). */
    public void dispose() {
        if (liveRegistration != null) {
            liveRegistration.run();
            liveRegistration = null;
        }
        list.dispose();
    }

    // --- properties ---

    public PagedList<StockPair, InventoryQuery> list() {
        return list;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<String> warehouseProperty() {
        return warehouse;
    }

    public ObjectProperty<Inventory.SyncState> stateProperty() {
        return state;
    }

    public BooleanProperty driftingOnlyProperty() {
        return driftingOnly;
    }

    public BooleanProperty oversoldOnlyProperty() {
        return oversoldOnly;
    }

    public ObjectProperty<String> integrationProperty() {
        return integration;
    }

    public ObjectProperty<StockSort> sortProperty() {
        return sort;
    }

    public ObservableList<String> warehouses() {
        return warehouses;
    }

    public ObservableList<Inventory.Integration> integrations() {
        return integrations;
    }

    public ReadOnlyObjectProperty<UserMessage> healthErrorProperty() {
        return healthError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StockPair> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Inventory.StockDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty detailLoadingProperty() {
        return detailLoading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> detailErrorProperty() {
        return detailError.getReadOnlyProperty();
    }

    /** Stock changes on the live stream since the matrix was loaded. */
    public ReadOnlyIntegerProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }
}
