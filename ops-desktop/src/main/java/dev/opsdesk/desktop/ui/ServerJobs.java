package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.FailureService;
import dev.opsdesk.client.model.ReplayJob;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Following a server-side bulk job — a bulk replay or a stock resync, both served by the same job
 * endpoints — from a background task: progress to the status bar, each newer state handed to the
 * UI executor, until the job has finished (or the task is cancelled).
 */
public final class ServerJobs {

    private ServerJobs() {
    }

    /**
     * Polls {@code started} every {@code pollMillis} until it has finished; runs on the task's worker thread.
     *
     * @param changed called on {@code ui} with each newer state
     * @return the finished job
     */
    public static ReplayJob follow(FailureService jobs, ReplayJob started, BackgroundTask.Progress progress,
                                   long pollMillis, Executor ui, Consumer<ReplayJob> changed)
            throws InterruptedException {
        ReplayJob current = started;
        while (!current.isFinished()) {
            progress.progress(current.processed(), Math.max(1, current.total()));
            progress.message(Formats.count(current.processed()) + " of " + Formats.count(current.total()));
            Thread.sleep(pollMillis);
            current = jobs.job(started.id());
            ReplayJob seen = current;
            ui.execute(() -> changed.accept(seen));
        }
        return current;
    }
}
