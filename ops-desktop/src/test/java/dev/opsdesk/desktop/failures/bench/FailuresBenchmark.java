package dev.opsdesk.desktop.failures.bench;

import static dev.opsdesk.desktop.bench.FxBench.awaitDrawn;
import static dev.opsdesk.desktop.bench.FxBench.fx;
import static dev.opsdesk.desktop.bench.FxBench.median;
import static dev.opsdesk.desktop.bench.FxBench.ms;
import static dev.opsdesk.desktop.bench.FxBench.seconds;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.desktop.bench.FxBench;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.failures.FailuresViewModel;
import dev.opsdesk.desktop.failures.StatusChoice;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.Theme;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: how the Failures section copes with a 200,000-item queue, through the real view (a
 * TableView in a window, headless under Monocle unless {@code -Dbench.window=true}) and the real
 * view model, against an in-process sandbox seeded at {@link Scale#LARGE}, signed in as ops.
 *
 * <ol>
 *   <li>first page: the section is shown on its default (open failures of all queues), then the user
 *       picks "All" statuses — the whole 200,000+ — and waits for the first rows to be drawn;</li>
 *   <li>scroll to the end: the table is scrolled to its last row again and again, as someone holding
 *       End would; each time the row factory asks for the next page of 200 until the end;</li>
 *   <li>while that runs, how long the FX thread takes to pick up a posted task (what a click would wait
 *       for: is the UI ever frozen?), and the heap after a full GC with every row loaded.</li>
 * </ol>
 *
 * <pre>
 * ./mvnw -o -pl ops-desktop package -DskipTests
 * java -Xmx2g -cp ops-desktop/target/ops-desktop.jar:ops-desktop/target/test-classes:$HOME/.m2/repository/org/testfx/openjfx-monocle/17.0.10/openjfx-monocle-17.0.10.jar \
 *      dev.opsdesk.desktop.failures.bench.FailuresBenchmark
 * </pre>
 */
public final class FailuresBenchmark {

    public static void main(String[] args) throws Exception {
        FxBench.headlessUnlessAsked();
        long t0 = System.nanoTime();
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        if (System.getProperty("bench.dataDir") != null) {
            // A database seeded by an earlier run (seeding the large scale takes minutes).
            options = options.withDataDir(java.nio.file.Path.of(System.getProperty("bench.dataDir")));
        }
        SandboxServer sandbox = SandboxServer.start(options);
        System.out.printf("sandbox (LARGE) started and seeded in %.1f s%n", seconds(t0));

        OpsClient client = ClientFactory.standard().create(sandbox.baseUri());
        client.sessions().signIn("ops", "sandbox".toCharArray());
        long total = client.failures().count(dev.opsdesk.client.model.FailureFilter.none());
        System.out.println("failures in the sandbox (all queues, all statuses): " + Formats.count(total));

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        // Every callback a background task hands to the FX thread is timed: those that add rows are the
        // per-page cost of the list on the FX thread (building and adding 200 rows).
        List<Long> appendCosts = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<FailuresViewModel> listed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-task");
            t.setDaemon(true);
            return t;
        });
        BackgroundTasks tasks = new BackgroundTasks(workers, work -> Platform.runLater(() -> {
            FailuresViewModel shown = listed.get();
            int before = shown == null ? -1 : shown.rows().size();
            long start = System.nanoTime();
            work.run();
            if (shown != null && shown.rows().size() > before) {
                appendCosts.add(System.nanoTime() - start);
            }
        }));

        // The window first (as after sign-in), so that opening it is not counted below.
        Scene scene = fx(() -> {
            Stage stage = new Stage();
            Scene s = new Scene(new javafx.scene.layout.StackPane(new javafx.scene.control.Label("Overview")), 1440, 900);
            Styles.applyTheme(s, Theme.LIGHT);
            stage.setScene(s);
            stage.show();
            return s;
        });
        dev.opsdesk.client.model.Me me = client.me();
        Thread.sleep(1000);

        // The section as the app opens it (first time in the session): built, put in the window, first page loaded.
        long shown = System.nanoTime();
        FailuresView view = fx(() -> {
            FailuresViewModel vm = new FailuresViewModel(client, me, tasks, ErrorMessages.systemDefault(),
                    sandbox.baseUri(), Clock.systemUTC());
            FailuresView v = new FailuresView(vm, Formats.systemDefault());
            listed.set(vm);
            scene.setRoot(v.root());
            Styles.applyTheme(scene, Theme.LIGHT);
            vm.activate(null);
            return v;
        });
        FailuresViewModel vm = view.viewModel();
        @SuppressWarnings("unchecked")
        TableView<FailureRow> table = fx(() -> (TableView<FailureRow>) view.root().lookup("#failure-table"));
        long built = ms(shown);
        awaitDrawn(table, () -> !vm.rows().isEmpty(), 5);
        System.out.printf("section built in %d ms; first page (default: open, all queues) drawn after %d ms%n",
                built, ms(shown));

        // "All" statuses, then the queues one after another, as someone picking a queue does.
        fx(() -> {
            vm.statusProperty().set(StatusChoice.ALL);
            return null;
        });
        awaitDrawn(table, () -> !vm.list().loadingProperty().get() && !vm.rows().isEmpty(), 5);
        List<Long> firstPage = new ArrayList<>();
        int tabs = fx(() -> vm.queues().size());
        for (int run = 0; run < 2 * tabs; run++) {
            int index = (run + 1) % tabs;
            long pick = System.nanoTime();
            String label = fx(() -> {
                vm.selectedQueueProperty().set(vm.queues().get(index));
                return vm.queues().get(index).label();
            });
            awaitDrawn(table, () -> !vm.list().loadingProperty().get() && !vm.rows().isEmpty(), 5);
            long took = ms(pick);
            firstPage.add(took);
            awaitDrawn(table, () -> vm.list().totalProperty().get() != null, 5);
            System.out.printf("  picked %-20s -> first page drawn in %4d ms (%s)%n", label, took,
                    fx(() -> vm.list().countTextProperty().get()));
        }
        awaitDrawn(table, () -> !vm.list().loadingProperty().get() && vm.list().totalProperty().get() != null, 5);
        long matching = fx(() -> vm.list().totalProperty().get());
        System.out.printf("first page after picking a queue: median %d ms, slowest %d ms (%d picks); now on %s: %s failures%n",
                median(firstPage), Collections.max(firstPage), firstPage.size(),
                fx(() -> vm.selectedQueueProperty().get().label()), Formats.count(matching));

        long heapBefore = usedAfterGc();
        int rowsBefore = fx(() -> vm.rows().size());

        // How long a click would wait: the delay of a runnable posted to the FX thread, sampled every 20 ms.
        FxBench.Latency latency = FxBench.Latency.start();
        long scroll = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        int lastReport = 0;
        while (!fx(() -> vm.list().endReachedProperty().get() && !vm.list().loadingMoreProperty().get())) {
            fx(() -> {
                table.scrollTo(vm.rows().size() - 1);
                return null;
            });
            Thread.sleep(5);
            int loaded = fx(() -> vm.rows().size());
            if (loaded - lastReport >= 25_000) {
                lastReport = loaded;
                System.out.printf("  %,d rows after %.1f s%n", loaded, seconds(scroll));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not at the end after 30 minutes");
            }
        }
        awaitDrawn(table, () -> true, 5);
        double scrolled = seconds(scroll);
        String responsiveness = latency.stop();
        int rows = fx(() -> vm.rows().size());
        System.out.printf("scrolled to the end: %,d rows (of %,d matching) in %.1f s, %.0f rows/s, %d pages of %d%n",
                rows, matching, scrolled, rows / scrolled, (rows + 199) / 200, 200);
        System.out.println("FX thread responsiveness while scrolling (" + responsiveness + ")");

        List<Long> costs;
        synchronized (appendCosts) {
            costs = new ArrayList<>(appendCosts);
        }
        Collections.sort(costs);
        System.out.printf("FX thread per page (adding a page of rows, %d pages): median %.1f ms, p95 %.1f ms, worst %.1f ms%n",
                costs.size(), costs.get(costs.size() / 2) / 1e6, costs.get((int) (costs.size() * 0.95)) / 1e6,
                costs.get(costs.size() - 1) / 1e6);

        long used = usedAfterGc();
        System.out.printf("heap used after GC with every row loaded: %d MB (this JVM also holds the in-process "
                        + "sandbox and its database); the %,d loaded rows added %d MB, ~%d bytes per row%n",
                used / (1 << 20), rows - rowsBefore, (used - heapBefore) / (1 << 20),
                (used - heapBefore) / Math.max(1, rows - rowsBefore));

        fx(() -> {
            view.dispose();
            return null;
        });
        tasks.close();
        workers.shutdownNow();
        client.close();
        sandbox.close();
        Platform.exit();
        System.exit(0);
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private FailuresBenchmark() {
    }
}
