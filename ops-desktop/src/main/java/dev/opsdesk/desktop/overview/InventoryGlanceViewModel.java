package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.LiveTopic;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Overview's stock part: per warehouse the user may read, how many pairs drift, how many are stuck and the worst
 * integration; and the drift of the last 14 days. Refreshed when stock changes on the live stream, at most every
 * {@link #REFRESH_EVERY}.
 */
public final class InventoryGlanceViewModel {

    public static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    public static final int TREND_DAYS = 14;

    private final OpsClient client;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final Consumer<String> openWarehouse;
    private final ReadOnlyObjectWrapper<Inventory.DriftSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyObjectWrapper<Inventory.DriftTrend> trend = new ReadOnlyObjectWrapper<>(this, "trend");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private boolean dirty;
    private Instant lastRefresh = Instant.EPOCH;
    private Runnable liveRegistration;

    /** @param openWarehouse opens the Inventory section on a warehouse's drifting pairs */
    public InventoryGlanceViewModel(OpsClient client, BackgroundTasks tasks, ErrorMessages errors, URI server,
                                    Clock clock, Consumer<String> openWarehouse) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.clock = Objects.requireNonNull(clock);
        this.openWarehouse = Objects.requireNonNull(openWarehouse);
    }

    public void activate(LiveUpdates live) {
        if (live != null && liveRegistration == null) {
            liveRegistration = live.addListener(new LiveUpdates.Listener() {
                @Override
                public void onEvents(List<LiveEvent> events) {
                    if (events.stream().anyMatch(e -> e.is(LiveTopic.INVENTORY))) {
                        dirty = true;
                        heartbeat();
                    }
                }

                @Override
                public void onResumed() {
                    dirty = true;
                }
            });
        }
        refresh();
    }

    /** The warehouses' counts and the trend, now. */
    public void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        dirty = false;
        lastRefresh = clock.instant();
        tasks.task("Summing the stock drift", p -> new Object[] {client.inventory().summary(),
                        client.inventory().trend(null, TREND_DAYS)})
                .quiet()
                .onSuccess(both -> {
                    error.set(null);
                    summary.set((Inventory.DriftSummary) both[0]);
                    trend.set((Inventory.DriftTrend) both[1]);
                })
                .onFailure(e -> error.set(errors.describe("Could not load the stock drift", e, server)))
                .onFinally(() -> loading.set(false))
                .start();
    }

    /** Every second or so: refreshes when stock changed and the throttle allows. */
    public void heartbeat() {
        if (dirty && !loading.get() && !clock.instant().isBefore(lastRefresh.plus(REFRESH_EVERY))) {
            refresh();
        }
    }

    /** A warehouse tile was chosen: the Inventory section on that warehouse. */
    public void open(Inventory.WarehouseDrift warehouse) {
        openWarehouse.accept(warehouse.warehouse());
    }

    public void dispose() {
        if (liveRegistration != null) {
            liveRegistration.run();
            liveRegistration = null;
        }
    }

    public ReadOnlyObjectProperty<Inventory.DriftSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Inventory.DriftTrend> trendProperty() {
        return trend.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
