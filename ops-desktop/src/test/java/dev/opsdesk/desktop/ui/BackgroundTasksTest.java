package dev.opsdesk.desktop.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundTasksTest {

    @Test
    void inlineTaskDeliversResultThenFinally() {
        BackgroundTasks tasks = BackgroundTasks.inline();
        List<String> events = new ArrayList<>();

        BackgroundTask<Integer> task = tasks.task("Count", progress -> {
                    progress.message("counting");
                    progress.progress(1, 2);
                    return 42;
                })
                .onSuccess(v -> events.add("success " + v))
                .onFailure(e -> events.add("failure"))
                .onFinally(() -> events.add("finally"))
                .start();

        assertThat(events).containsExactly("success 42", "finally");
        assertThat(task.getState()).isEqualTo(BackgroundTask.State.SUCCEEDED);
        assertThat(task.progressProperty().get()).isEqualTo(1.0);
        assertThat(task.messageProperty().get()).isEqualTo("counting");
        assertThat(tasks.running()).isEmpty();
    }

    @Test
    void failureIsDeliveredWithTheException() {
        BackgroundTasks tasks = BackgroundTasks.inline();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        tasks.task("Read", progress -> {
            throw new IOException("disk gone");
        }).onFailure(failure::set).start();

        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    /** A UI executor that queues, so a test can check what the "UI thread" sees and when. */
    private static final class QueueExecutor implements java.util.concurrent.Executor {
        final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        void drain() {
            Runnable r;
            while ((r = queue.poll()) != null) {
                r.run();
            }
        }

        /** Plays the UI thread until {@code done} holds: runs what is queued, again and again. */
        void runUntil(java.util.function.BooleanSupplier done) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
                drain();
                return done.getAsBoolean();
            });
        }
    }

    @Test
    void runningTasksAreListedUntilTheyEndAndQuietOnesAreNot() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        QueueExecutor ui = new QueueExecutor();
        BackgroundTasks tasks = new BackgroundTasks(pool, ui);
        CountDownLatch release = new CountDownLatch(1);

        BackgroundTask<String> visible = tasks.task("Visible", progress -> {
            release.await();
            return "done";
        }).start();
        BackgroundTask<String> quiet = tasks.task("Quiet", progress -> {
            release.await();
            return "done";
        }).quiet().start();
        ui.drain();

        assertThat(tasks.running()).containsExactly(visible);
        assertThat(visible.getState()).isEqualTo(BackgroundTask.State.RUNNING);

        release.countDown();
        ui.runUntil(() -> visible.isDone() && quiet.isDone());
        assertThat(tasks.running()).isEmpty();
        pool.shutdownNow();
    }

    @Test
    void cancelInterruptsTheWorkAndReportsCancelledNotFailure() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        QueueExecutor ui = new QueueExecutor();
        BackgroundTasks tasks = new BackgroundTasks(pool, ui);
        CountDownLatch started = new CountDownLatch(1);
        List<String> events = new ArrayList<>();

        BackgroundTask<String> task = tasks.task("Slow", progress -> {
                    started.countDown();
                    Thread.sleep(30_000);
                    return "never";
                })
                .onSuccess(v -> events.add("success"))
                .onFailure(e -> events.add("failure"))
                .onCancelled(() -> events.add("cancelled"))
                .onFinally(() -> events.add("finally"))
                .start();
        ui.drain();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        task.cancel();
        ui.runUntil(task::isDone);

        assertThat(events).containsExactly("cancelled", "finally");
        assertThat(task.getState()).isEqualTo(BackgroundTask.State.CANCELLED);
        assertThat(tasks.running()).isEmpty();
        pool.shutdownNow();
    }

    @Test
    void progressReportsAreCoalescedIntoTheLatest() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        QueueExecutor ui = new QueueExecutor();
        BackgroundTasks tasks = new BackgroundTasks(pool, ui);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        int updates = 10_000;

        BackgroundTask<Void> task = tasks.<Void>task("Export", progress -> {
            for (int i = 1; i <= updates; i++) {
                progress.progress(i, updates);
                progress.message("row " + i);
                if (i == updates / 2) {
                    halfway.countDown();
                    goOn.await();
                }
            }
            return null;
        }).start();
        List<Double> delivered = new ArrayList<>();
        task.progressProperty().addListener((obs, old, now) -> delivered.add(now.doubleValue()));

        assertThat(halfway.await(5, TimeUnit.SECONDS)).isTrue();
        // 10,000 reports so far, and the UI was busy: it has the task's start and one flush to run, not 10,000.
        assertThat(ui.queue).hasSize(2);
        ui.drain();
        assertThat(delivered).containsExactly(0.5);
        assertThat(task.messageProperty().get()).as("the latest report, not the first").isEqualTo("row 5000");

        goOn.countDown();
        ui.runUntil(task::isDone);

        assertThat(delivered).hasSizeLessThan(updates / 2).isSorted().last().isEqualTo(1.0);
        assertThat(task.messageProperty().get()).isEqualTo("row 10000");
        pool.shutdownNow();
    }

    @Test
    void aTaskStartsOnlyOnce() {
        BackgroundTask<String> task = BackgroundTasks.inline().task("Once", p -> "x").start();

        org.assertj.core.api.Assertions.assertThatThrownBy(task::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingCallbackDoesNotSkipFinally() {
        List<String> events = new ArrayList<>();

        BackgroundTasks.inline().task("x", p -> "v")
                .onSuccess(v -> {
                    throw new IllegalStateException("bug in callback");
                })
                .onFinally(() -> events.add("finally"))
                .start();

        assertThat(events).containsExactly("finally");
    }
}
