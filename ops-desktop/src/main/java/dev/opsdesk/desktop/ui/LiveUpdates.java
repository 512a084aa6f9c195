package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.LiveEvents;
import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.model.LiveEvent;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application's one subscription to the server's live events, for the whole session: it hands
 * events to the UI thread in batches (a bulk replay can send thousands a minute; the UI sees them
 * coalesced, once per pulse), and says whether live updates are flowing, for the status bar. The
 * client's subscription reconnects and resumes by itself; this only reports it.
 */
public final class LiveUpdates implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);

    /** What the status bar shows. */
    public enum Status {
        /** Not subscribed (the user may not read live events, or signed out). */
        OFF,
        CONNECTING,
        LIVE,
        /** The stream broke; the client is reconnecting and will resume where it stopped. */
        RECONNECTING,
        /** The server refused the stream for good (session ended, not allowed). */
        STOPPED
    }

    /** Receives events on the UI executor. */
    public interface Listener {
        /** A batch of events, oldest first. */
        void onEvents(List<LiveEvent> events);

        /** The stream came back after a break: counts may be stale if many events were missed. */
        default void onResumed() {
        }
    }

    private final Executor ui;
    private final ConcurrentLinkedQueue<LiveEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.OFF);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private volatile LiveEvents.Subscription subscription;
    private volatile boolean closed;
    private boolean wasBroken;

    /** @param ui where listeners are called (the JavaFX thread in the application) */
    public LiveUpdates(Executor ui) {
        this.ui = Objects.requireNonNull(ui, "ui");
        apply(Status.OFF);
    }

    /** Subscribes to {@code events} (new events only). Once. */
    public synchronized void start(LiveEvents events) {
        if (subscription != null || closed) {
            return;
        }
        ui.execute(() -> apply(Status.CONNECTING));
        subscription = events.subscribe(null, new LiveEvents.Listener() {
            @Override
            public void onEvent(LiveEvent event) {
                accept(event);
            }

            @Override
            public void onStateChanged(LiveEvents.State state, OpsApiException cause) {
                stateChanged(state, cause);
            }
        });
    }

    /** Hands one event over, from any thread; listeners get it on the UI executor, batched. */
    public void accept(LiveEvent event) {
        if (closed || event == null) {
            return;
        }
        pending.add(event);
        if (flushScheduled.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }

    /** The subscription's state, from any thread. */
    public void stateChanged(LiveEvents.State state, OpsApiException cause) {
        if (closed) {
            return;
        }
        if (cause != null && state != LiveEvents.State.CONNECTED) {
            LOG.info("Live updates {}: {}", state, cause.getMessage());
        }
        ui.execute(() -> {
            if (closed) {
                return;
            }
            Status next = switch (state) {
                case CONNECTING -> Status.CONNECTING;
                case CONNECTED -> Status.LIVE;
                case RECONNECTING -> Status.RECONNECTING;
                case STOPPED -> Status.STOPPED;
            };
            boolean resumed = next == Status.LIVE && wasBroken;
            if (next == Status.RECONNECTING) {
                wasBroken = true;
            } else if (next == Status.LIVE) {
                wasBroken = false;
            }
            apply(next);
            if (resumed) {
                for (Listener l : listeners) {
                    safely(l::onResumed);
                }
            }
        });
    }

    private void flush() {
        flushScheduled.set(false);
        List<LiveEvent> batch = new ArrayList<>();
        for (LiveEvent e; (e = pending.poll()) != null; ) {
            batch.add(e);
        }
        if (batch.isEmpty() || closed) {
            return;
        }
        List<LiveEvent> view = List.copyOf(batch);
        for (Listener l : listeners) {
            safely(() -> l.onEvents(view));
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("A live-update listener failed", e);
        }
    }

    private void apply(Status s) {
        status.set(s);
        text.set(switch (s) {
            case OFF -> "";
            case CONNECTING -> "Live updates: connecting…";
            case LIVE -> "Live updates on";
            case RECONNECTING -> "Live updates paused — reconnecting…";
            case STOPPED -> "Live updates stopped";
        });
    }

    /** @return a handle that removes the listener again */
    public Runnable addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** For the status bar: "Live updates on", "Live updates paused — reconnecting…". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Ends the subscription and drops the listeners (at sign-out). */
    @Override
    public void close() {
        closed = true;
        LiveEvents.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        listeners.clear();
        pending.clear();
        ui.execute(() -> apply(Status.OFF));
    }
}
