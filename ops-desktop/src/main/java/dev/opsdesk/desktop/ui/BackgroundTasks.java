package dev.opsdesk.desktop.ui;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way to run work off the JavaFX thread (network, files, the embedded sandbox). Every task
 * reports title, message and progress, can be cancelled, and delivers its callbacks on the "UI"
 * executor; the tasks still running are listed in {@link #running()} for the status bar.
 *
 * <p>Both executors are injectable: the application uses a daemon thread pool and
 * {@code Platform::runLater}; view-model tests use {@link #inline()}, where a task runs to the end
 * inside {@code start()} and no JavaFX toolkit is needed.
 */
public final class BackgroundTasks implements AutoCloseable {

    private final Executor worker;
    private final Executor ui;
    private final ExecutorService ownedPool;
    private final ObservableList<BackgroundTask<?>> running = FXCollections.observableArrayList();
    private final ObservableList<BackgroundTask<?>> runningView = FXCollections.unmodifiableObservableList(running);

    public BackgroundTasks(Executor worker, Executor ui) {
        this(worker, ui, null);
    }

    private BackgroundTasks(Executor worker, Executor ui, ExecutorService ownedPool) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.ownedPool = ownedPool;
    }

    /** Worker threads from a daemon pool, callbacks on the JavaFX application thread. */
    public static BackgroundTasks forJavaFx() {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ops-desk-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new BackgroundTasks(pool, Platform::runLater, pool);
    }

    /** Everything on the calling thread, synchronously: for tests. */
    public static BackgroundTasks inline() {
        return new BackgroundTasks(Runnable::run, Runnable::run);
    }

    /** A task that is not started yet: add callbacks, then {@link BackgroundTask#start()}. */
    public <V> BackgroundTask<V> task(String title, BackgroundTask.Work<V> work) {
        return new BackgroundTask<>(this, title, work);
    }

    /** The visible (not quiet) tasks that have started and not finished; changes on the UI executor. */
    public ObservableList<BackgroundTask<?>> running() {
        return runningView;
    }

    /** For code that learns something on a worker thread and must hand it to the UI. */
    public Executor ui() {
        return ui;
    }

    Executor worker() {
        return worker;
    }

    void added(BackgroundTask<?> task) {
        if (!task.isQuiet()) {
            running.add(task);
        }
    }

    void removed(BackgroundTask<?> task) {
        running.remove(task);
    }

    /** Cancels what is running and stops the worker pool this instance created (if any). */
    @Override
    public void close() {
        for (BackgroundTask<?> task : running.toArray(new BackgroundTask<?>[0])) {
            task.cancel();
        }
        if (ownedPool != null) {
            ownedPool.shutdownNow();
            try {
                ownedPool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
