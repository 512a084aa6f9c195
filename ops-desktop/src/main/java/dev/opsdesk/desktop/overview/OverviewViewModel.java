package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.FailureSummary;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.Queues;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Overview's live part: per queue the user may read, how many failures are open and how many
 * arrived in the last hour, and the failures per hour over the last 24 hours. Refreshed when live
 * events say something changed, at most every {@link #REFRESH_EVERY}, however busy the stream is.
 */
public final class OverviewViewModel {

    /** The refresh throttle while events keep arriving. */
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

    /** One queue's tile. */
    public static final class QueueTile {
        private final String queue;
        private final ReadOnlyLongWrapper open = new ReadOnlyLongWrapper(this, "open", -1);
        private final ReadOnlyLongWrapper newLastHour = new ReadOnlyLongWrapper(this, "newLastHour", -1);
        private final ReadOnlyLongWrapper quarantined = new ReadOnlyLongWrapper(this, "quarantined", -1);
        private final ReadOnlyLongWrapper pastSla = new ReadOnlyLongWrapper(this, "pastSla", -1);
        private final ReadOnlyLongWrapper slaTargetMinutes = new ReadOnlyLongWrapper(this, "slaTargetMinutes", 0);

        QueueTile(String queue) {
            this.queue = queue;
        }

        public String queue() {
            return queue;
        }

        public String label() {
            return Queues.label(queue);
        }

        public ReadOnlyLongProperty openProperty() {
            return open.getReadOnlyProperty();
        }

        public ReadOnlyLongProperty newLastHourProperty() {
            return newLastHour.getReadOnlyProperty();
        }

        public ReadOnlyLongProperty quarantinedProperty() {
            return quarantined.getReadOnlyProperty();
        }

        /** Open failures older than the queue's SLA target (-1 until loaded). */
        public ReadOnlyLongProperty pastSlaProperty() {
            return pastSla.getReadOnlyProperty();
        }

        /** The queue's SLA target in minutes, as the server says (0 until loaded). */
        public ReadOnlyLongProperty slaTargetMinutesProperty() {
            return slaTargetMinutes.getReadOnlyProperty();
        }
    }

    private final OpsClient client;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Clock clock;
    private final Consumer<String> openQueue;
    private final ObservableList<QueueTile> tiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FailureSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<Instant> updatedAt = new ReadOnlyObjectWrapper<>(this, "updatedAt");
    private boolean dirty;
    private Instant lastRefresh = Instant.EPOCH;
    private int refreshes;
    private Runnable liveRegistration;

    /**
     * @param openQueue opens the Failures section on a queue's open failures
     */
    public OverviewViewModel(OpsClient client, Me me, BackgroundTasks tasks, ErrorMessages errors, URI server,
                             Clock clock, Consumer<String> openQueue) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.clock = Objects.requireNonNull(clock);
        this.openQueue = Objects.requireNonNull(openQueue);
        Queues.readable(Permits.of(me)).forEach(q -> tiles.add(new QueueTile(q)));
    }

    /** Whether there is anything to show (the user may read at least one queue). */
    public boolean hasQueues() {
        return !tiles.isEmpty();
    }

    /** Listens to live updates and loads the counts. */
    public void activate(LiveUpdates live) {
        if (!hasQueues()) {
            return;
        }
        if (live != null && liveRegistration == null) {
            liveRegistration = live.addListener(new LiveUpdates.Listener() {
                @Override
                public void onEvents(List<LiveEvent> events) {
                    if (events.stream().anyMatch(e -> e.failure() != null)) {
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

    /** Fetches the summary now. */
    public void refresh() {
        if (!hasQueues() || loading.get()) {
            return;
        }
        loading.set(true);
        dirty = false;
        lastRefresh = clock.instant();
        refreshes++;
        tasks.task("Counting failures", p -> client.failures().summary())
                .quiet()
                .onSuccess(this::apply)
                .onFailure(e -> error.set(errors.describe("Could not load the failure counts", e, server)))
                .onFinally(() -> loading.set(false))
                .start();
    }

    /** Called every second or so, and on live events: refreshes when something changed and the throttle allows. */
    public void heartbeat() {
        if (dirty && !loading.get() && !clock.instant().isBefore(lastRefresh.plus(REFRESH_EVERY))) {
            refresh();
        }
    }

    private void apply(FailureSummary s) {
        error.set(null);
        summary.set(s);
        updatedAt.set(s.generatedAt() != null ? s.generatedAt() : clock.instant());
        for (QueueTile tile : tiles) {
            FailureSummary.QueueCounts counts = s.queues().stream().filter(q -> tile.queue.equals(q.queue()))
                    .findFirst().orElse(null);
            tile.open.set(counts == null ? 0 : counts.open());
            tile.newLastHour.set(counts == null ? 0 : counts.newLastHour());
            tile.quarantined.set(counts == null ? 0 : counts.byStatus().getOrDefault("DEAD", 0L));
            tile.pastSla.set(counts == null ? 0 : counts.pastSla());
            tile.slaTargetMinutes.set(counts == null ? 0 : counts.slaTargetMinutes());
        }
    }

    /** A bar of the chart was clicked: the Failures section on that queue's failures first seen in that hour. */
    public void openHour(String queue, java.time.Instant hour) {
        openQueue.accept((queue == null ? "" : queue) + "@" + hour);
    }

    /** A tile was clicked: the Failures section on that queue's open failures. */
    public void open(QueueTile tile) {
        openQueue.accept(tile.queue());
    }

    public void dispose() {
        if (liveRegistration != null) {
            liveRegistration.run();
            liveRegistration = null;
        }
    }

    public ObservableList<QueueTile> tiles() {
        return tiles;
    }

    /** The latest summary (counts and the 24 hourly buckets); null before the first. */
    public ReadOnlyObjectProperty<FailureSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> updatedAtProperty() {
        return updatedAt.getReadOnlyProperty();
    }

    /** How many times the summary was fetched (tests check the throttle with it). */
    public int refreshCount() {
        return refreshes;
    }
}
