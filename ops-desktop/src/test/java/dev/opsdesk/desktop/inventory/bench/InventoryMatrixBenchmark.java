package dev.opsdesk.desktop.inventory.bench;

import static dev.opsdesk.desktop.bench.FxBench.awaitDrawn;
import static dev.opsdesk.desktop.bench.FxBench.fx;
import static dev.opsdesk.desktop.bench.FxBench.median;
import static dev.opsdesk.desktop.bench.FxBench.ms;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.desktop.bench.FxBench;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.StockSort;
import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.inventory.InventoryQuery;
import dev.opsdesk.desktop.inventory.InventoryView;
import dev.opsdesk.desktop.inventory.InventoryViewModel;
import dev.opsdesk.desktop.inventory.count.CountCalls;
import dev.opsdesk.desktop.inventory.count.CountOutbox;
import dev.opsdesk.desktop.inventory.count.CountPage;
import dev.opsdesk.desktop.inventory.count.CountViewModel;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.Theme;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Not a test: how soon the Inventory section's stock matrix shows the first page after a filter change, through
 * the real view (a TableView in a window, headless under Monocle unless {@code -Dbench.window=true}) and the
 * real view model, against an in-process sandbox seeded at {@link Scale#LARGE} (50,000 SKUs × 6 warehouses),
 * signed in as ops.
 *
 * <p>Each change is what a person does in the filter bar — pick a warehouse, a state, tick "oversold", type an
 * EAN and press Enter, change the sort — set on the FX thread as the control would; the time runs until the
 * table has the new query's first page and a frame with it was laid out. Meanwhile a sampler posts a task to
 * the FX thread every 20 ms and records how long it waited (what a click would wait for).
 *
 * <pre>
 * ./mvnw -B -q -o -pl ops-desktop -am package -DskipTests
 * java -Xmx3g -cp ops-desktop/target/ops-desktop.jar:ops-desktop/target/test-classes:$HOME/.m2/repository/org/testfx/openjfx-monocle/17.0.10/openjfx-monocle-17.0.10.jar \
 *      dev.opsdesk.desktop.inventory.bench.InventoryMatrixBenchmark     # [-Dbench.dataDir=DIR] [-Dbench.rounds=5]
 * </pre>
 */
public final class InventoryMatrixBenchmark {

    public static void main(String[] args) throws Exception {
        FxBench.headlessUnlessAsked();
        int rounds = Integer.getInteger("bench.rounds", 5);
        long t0 = System.nanoTime();
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        if (System.getProperty("bench.dataDir") != null) {
            options = options.withDataDir(Path.of(System.getProperty("bench.dataDir")));
        }
        SandboxServer sandbox = SandboxServer.start(options);
        System.out.printf("sandbox (LARGE) started and seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        OpsClient client = ClientFactory.standard().create(sandbox.baseUri());
        client.sessions().signIn("ops", "sandbox".toCharArray());
        Me me = client.me();

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-task");
            t.setDaemon(true);
            return t;
        });
        // Every callback a background task hands to the FX thread is timed: what the list does there (rows in, count
        // line, selection) as against waiting for the server or for a core.
        List<Long> uiWork = Collections.synchronizedList(new ArrayList<>());
        BackgroundTasks tasks = new BackgroundTasks(workers, work -> Platform.runLater(() -> {
            long start = System.nanoTime();
            work.run();
            uiWork.add(System.nanoTime() - start);
        }));
        Path settings = Files.createTempDirectory("inventory-bench");

        Scene scene = fx(() -> {
            Stage stage = new Stage();
            Scene s = new Scene(new StackPane(), 1280, 800);
            Styles.applyTheme(s, Theme.LIGHT);
            stage.setScene(s);
            stage.show();
            return s;
        });
        long shown = System.nanoTime();
        InventoryView view = fx(() -> {
            Permits permits = new Permits(new javafx.beans.property.SimpleObjectProperty<>(me));
            InventoryViewModel vm = new InventoryViewModel(client, permits, tasks, ErrorMessages.systemDefault(),
                    sandbox.baseUri(), Clock.systemUTC(), ZoneId.systemDefault(), FolderMemory.inMemory());
            CountPage count = new CountPage(CountCalls.of(client), permits, tasks, ErrorMessages.systemDefault(),
                    sandbox.baseUri(), Formats.systemDefault(), CountOutbox.folder(settings, sandbox.baseUri()),
                    CountViewModel.Retry.standard(Platform::runLater), null, () -> List.copyOf(vm.warehouses()));
            InventoryView v = new InventoryView(vm, Formats.systemDefault(), null, null, count);
            scene.setRoot((javafx.scene.Parent) v.root());
            Styles.applyTheme(scene, Theme.LIGHT);
            vm.activate(null);
            return v;
        });
        InventoryViewModel vm = view.viewModel();
        @SuppressWarnings("unchecked")
        TableView<Inventory.StockPair> table = fx(() -> (TableView<Inventory.StockPair>) view.root()
                .lookup("#inventory-table"));
        awaitDrawn(table, () -> !vm.list().loadingProperty().get() && !vm.list().rows().isEmpty(), 5);
        System.out.printf("section built and first page (drifting pairs, biggest drift first) drawn after %d ms%n",
                ms(shown));

        String ean = client.inventory().stock(dev.opsdesk.client.model.StockFilter.none().withWarehouse("WH-4"),
                StockSort.SKU, PageRequest.first(1)).items().get(0).ean();

        // Each change, and what undoes it, so that every round starts from the same filters.
        Map<String, Consumer<InventoryViewModel>> changes = new LinkedHashMap<>();
        changes.put("warehouse WH-3", m -> m.warehouseProperty().set("WH-3"));
        changes.put("... sort by SKU", m -> m.sortProperty().set(StockSort.SKU));
        changes.put("... sort by oldest sync", m -> m.sortProperty().set(StockSort.OLDEST_SYNC));
        changes.put("... all warehouses, biggest drift", m -> {
            m.warehouseProperty().set(null);
            m.sortProperty().set(StockSort.DRIFT);
        });
        changes.put("state: stuck", m -> m.stateProperty().set(Inventory.SyncState.STUCK));
        changes.put("state: settling", m -> m.stateProperty().set(Inventory.SyncState.SETTLING));
        changes.put("any state, oversold only", m -> {
            m.stateProperty().set(null);
            m.oversoldOnlyProperty().set(true);
        });
        changes.put("not only drifting (all 300,000 pairs)", m -> {
            m.oversoldOnlyProperty().set(false);
            m.driftingOnlyProperty().set(false);
        });
        changes.put("an EAN typed, Enter", m -> {
            m.textProperty().set(ean);
            m.apply();
        });
        changes.put("text cleared, drifting only again", m -> {
            m.textProperty().set("");
            m.driftingOnlyProperty().set(true);
        });

        FxBench.Latency latency = FxBench.Latency.start();

        Map<String, List<Long>> byChange = new LinkedHashMap<>();
        Map<String, List<Long>> bareByChange = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (var change : changes.entrySet()) {
                Thread.sleep(700); // past the search box's 300 ms pause after typing, which loads once more
                long start = System.nanoTime();
                InventoryQuery query = fx(() -> {
                    change.getValue().accept(vm);
                    return vm.list().query();
                });
                awaitDrawn(table, () -> query.equals(vm.list().query()) && !vm.list().loadingProperty().get(), 2);
                long took = ms(start);
                // The same page asked for by the bare client: what of the time is the server's and the wire's.
                long asked = System.nanoTime();
                client.inventory().stock(query.filter(), query.sort(), PageRequest.first(InventoryViewModel.PAGE_SIZE));
                long bare = ms(asked);
                System.out.printf("  round %d, %-40s %5d ms (bare client %4d ms)%n", round, change.getKey(), took, bare);
                if (round > 0) { // the first round warms the server's and the client's code paths
                    byChange.computeIfAbsent(change.getKey(), k -> new ArrayList<>()).add(took);
                    bareByChange.computeIfAbsent(change.getKey(), k -> new ArrayList<>()).add(bare);
                    all.add(took);
                }
                if (fx(() -> vm.list().errorProperty().get()) != null) {
                    throw new IllegalStateException(change.getKey() + ": " + fx(() -> vm.list().errorProperty().get()));
                }
            }
        }
        String responsiveness = latency.stop();

        System.out.printf("%nfirst page drawn after a filter change (%d rounds after one warm-up, 1280x800 window):%n",
                rounds - 1);
        for (var e : byChange.entrySet()) {
            System.out.printf("  %-40s median %4d ms  max %4d ms  runs %s; bare client median %d ms%n", e.getKey(),
                    median(e.getValue()), Collections.max(e.getValue()), e.getValue(),
                    median(bareByChange.get(e.getKey())));
        }
        Collections.sort(all);
        System.out.printf("all changes: median %d ms, p95 %d ms, max %d ms (%d changes)%n", median(all),
                all.get((int) Math.ceil(all.size() * 0.95) - 1), all.get(all.size() - 1), all.size());
        System.out.println("FX thread responsiveness meanwhile (" + responsiveness + ")");
        List<Long> work;
        synchronized (uiWork) {
            work = new ArrayList<>(uiWork);
        }
        Collections.sort(work);
        System.out.printf("FX thread work per task callback (%d): median %.2f ms, p95 %.1f ms, worst %.1f ms%n",
                work.size(), work.get(work.size() / 2) / 1e6, work.get((int) (work.size() * 0.95)) / 1e6,
                work.get(work.size() - 1) / 1e6);

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

    private InventoryMatrixBenchmark() {
    }
}
