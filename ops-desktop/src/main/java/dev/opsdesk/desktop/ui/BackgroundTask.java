package dev.opsdesk.desktop.ui;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One piece of work that runs off the UI thread, created by {@link BackgroundTasks#task}. Configure the
 * callbacks, then {@link #start()}. Title, message, progress and state are observable and change only
 * on the UI executor; callbacks run there too, so they may update view-model properties directly.
 *
 * <p>Cancelling sets a flag the work can poll ({@link Progress#isCancelled()}) and interrupts the worker
 * thread (a blocking HTTP call then ends). A cancelled task never reports success or failure, only
 * {@link #onCancelled}.
 *
 * @param <V> the result type
 */
public final class BackgroundTask<V> {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    /** {@link #progressProperty()} while the amount of work is unknown. */
    public static final double INDETERMINATE = -1;

    public enum State { WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** The work itself; runs on a worker thread. */
    @FunctionalInterface
    public interface Work<V> {
        V call(Progress progress) throws Exception;
    }

    /** What the work reports while it runs; safe to call from the worker thread. */
    public interface Progress {
        void message(String message);

        void progress(long done, long total);

        void indeterminate();

        boolean isCancelled();
    }

    private final BackgroundTasks owner;
    private final String title;
    private final Work<V> work;

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", INDETERMINATE);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.WAITING);

    private Consumer<? super V> onSuccess = value -> { };
    private Consumer<Throwable> onFailure;
    private Runnable onCancelled = () -> { };
    private Runnable onFinally = () -> { };
    private boolean cancellable = true;
    private boolean quiet;
    private boolean userWork;

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean cancelRequested;
    private final Object workerLock = new Object();
    private Thread worker;

    // Progress reports are coalesced: the worker may report thousands of times, the UI sees the latest.
    private volatile String pendingMessage = "";
    private volatile double pendingProgress = INDETERMINATE;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    BackgroundTask(BackgroundTasks owner, String title, Work<V> work) {
        this.owner = owner;
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Called on the UI executor with the result. */
    public BackgroundTask<V> onSuccess(Consumer<? super V> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    /** Called on the UI executor with what the work threw. Without it, failures are logged. */
    public BackgroundTask<V> onFailure(Consumer<Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    /** Called on the UI executor when the task was cancelled (instead of success or failure). */
    public BackgroundTask<V> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Called on the UI executor last, however the task ended. */
    public BackgroundTask<V> onFinally(Runnable callback) {
        this.onFinally = Objects.requireNonNull(callback);
        return this;
    }

    /** Whether the status bar offers a cancel button (default true). */
    public BackgroundTask<V> cancellable(boolean value) {
        this.cancellable = value;
        return this;
    }

    /**
     * Not listed in {@link BackgroundTasks#running()}: for short housekeeping (a connection check,
     * saving settings) that would only make the status bar flicker.
     */
    public BackgroundTask<V> quiet() {
        this.quiet = true;
        return this;
    }

    /**
     * Work the user started and would lose if it stopped now (an export being written, a verification):
     * signing out asks first. Loading a list is not: it loads again.
     */
    public BackgroundTask<V> userWork() {
        this.userWork = true;
        return this;
    }

    public boolean isUserWork() {
        return userWork;
    }

    /** Hands the task to the worker executor. A task starts once. */
    public BackgroundTask<V> start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("Task already started: " + title);
        }
        owner.ui().execute(() -> {
            state.set(State.RUNNING);
            owner.added(this);
        });
        try {
            owner.worker().execute(this::runWork);
        } catch (RejectedExecutionException shutDown) {
            finish(State.FAILED, null, shutDown);
        }
        return this;
    }

    /** Asks the work to stop; safe from any thread, harmless when already finished. */
    public void cancel() {
        if (!cancellable || isDone()) {
            return;
        }
        cancelRequested = true;
        synchronized (workerLock) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    private void runWork() {
        synchronized (workerLock) {
            worker = Thread.currentThread();
        }
        V result = null;
        Throwable error = null;
        try {
            if (!cancelRequested) {
                result = work.call(progressReporter());
            }
        } catch (Throwable t) {
            error = t;
        } finally {
            synchronized (workerLock) {
                worker = null;
                Thread.interrupted(); // never leave an interrupt behind on a pooled thread
            }
        }
        if (cancelRequested) {
            finish(State.CANCELLED, null, null);
        } else if (error != null) {
            finish(isInterruption(error) ? State.CANCELLED : State.FAILED, null, error);
        } else {
            finish(State.SUCCEEDED, result, null);
        }
    }

    private static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t instanceof CancellationException
                || t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException);
    }

    private void finish(State end, V result, Throwable error) {
        owner.ui().execute(() -> {
            flushNow();
            if (end == State.SUCCEEDED) {
                progress.set(1);
            }
            state.set(end);
            owner.removed(this);
            try {
                switch (end) {
                    case SUCCEEDED -> onSuccess.accept(result);
                    case FAILED -> {
                        if (onFailure != null) {
                            onFailure.accept(error);
                        } else {
                            LOG.warn("Background task '{}' failed", title, error);
                        }
                    }
                    case CANCELLED -> onCancelled.run();
                    default -> { }
                }
            } catch (RuntimeException callbackError) {
                LOG.error("Callback of background task '{}' failed", title, callbackError);
            } finally {
                try {
                    onFinally.run();
                } catch (RuntimeException finallyError) {
                    LOG.error("onFinally of background task '{}' failed", title, finallyError);
                }
            }
        });
    }

    private Progress progressReporter() {
        return new Progress() {
            @Override
            public void message(String text) {
                pendingMessage = text == null ? "" : text;
                scheduleFlush();
            }

            @Override
            public void progress(long done, long total) {
                pendingProgress = total <= 0 ? INDETERMINATE : Math.max(0, Math.min(1, (double) done / total));
                scheduleFlush();
            }

            @Override
            public void indeterminate() {
                pendingProgress = INDETERMINATE;
                scheduleFlush();
            }

            @Override
            public boolean isCancelled() {
                return cancelRequested;
            }
        };
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            owner.ui().execute(this::flushNow);
        }
    }

    private void flushNow() {
        flushScheduled.set(false);
        message.set(pendingMessage);
        progress.set(pendingProgress);
    }

    public String title() {
        return title;
    }

    public boolean isCancellable() {
        return cancellable;
    }

    public boolean isQuiet() {
        return quiet;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    public boolean isDone() {
        State s = state.get();
        return s == State.SUCCEEDED || s == State.FAILED || s == State.CANCELLED;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0..1, or {@link #INDETERMINATE}. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    @Override
    public String toString() {
        return "BackgroundTask[" + title + ", " + state.get() + "]";
    }
}
