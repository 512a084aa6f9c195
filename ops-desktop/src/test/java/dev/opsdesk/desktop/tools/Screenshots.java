package dev.opsdesk.desktop.tools;

import static dev.opsdesk.desktop.bench.FxBench.fx;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Scope;
import dev.opsdesk.client.model.Session;
import dev.opsdesk.client.model.User;
import dev.opsdesk.desktop.audit.AuditView;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.settings.AppSettings;
import dev.opsdesk.desktop.settings.SettingsStore;
import dev.opsdesk.desktop.shell.ActiveSession;
import dev.opsdesk.desktop.shell.AppShell;
import dev.opsdesk.desktop.shell.BuiltInSandbox;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.shell.ConnectionChoice;
import dev.opsdesk.desktop.shell.DesktopContext;
import dev.opsdesk.desktop.shell.LaunchOptions;
import dev.opsdesk.desktop.shell.MainView;
import dev.opsdesk.desktop.shell.MainViewModel;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.ServerConnection;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.Theme;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Walks the real application through its states and saves each window as a PNG (not a test: a tool
 * for looking at the UI). Needs a display (e.g. Xvfb) or Monocle headless.
 *
 * <pre>java -cp ops-desktop.jar:test-classes dev.opsdesk.desktop.tools.Screenshots OUT_DIR</pre>
 */
public final class Screenshots {

    public static void main(String[] args) {
        System.setProperty("screenshots.out", args.length > 0 ? args[0] : "target/screenshots");
        Application.launch(App.class);
    }

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Path out = Path.of(System.getProperty("screenshots.out"));
            Thread script = new Thread(() -> {
                try {
                    run(stage, out);
                } catch (Throwable t) {
                    t.printStackTrace();
                    System.exit(1);
                }
                Platform.exit();
                System.exit(0);
            }, "screenshot-script");
            script.setDaemon(true);
            script.start();
        }
    }

    private static void run(Stage stage, Path out) throws Exception {
        Files.createDirectories(out);
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        Path settingsDir = Files.createTempDirectory("opsdesk-shots");
        SettingsStore store = new SettingsStore(settingsDir);
        AppSettings settings = store.load();
        settings.rememberServer("https://ops.shop.example");
        DesktopContext context = new DesktopContext(store, settings, BackgroundTasks.forJavaFx(),
                ErrorMessages.systemDefault(), BuiltInSandbox.sharing(sandbox), ClientFactory.standard(), LaunchOptions.defaults(),
                dev.opsdesk.desktop.StandardSections.registry());
        AppShell shell = fx(() -> {
            AppShell s = new AppShell(stage, context);
            s.show();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
            return s;
        });
        var signIn = shell.signInViewModel();
        await("sandbox running", () -> signIn.demoUsers().size() == 7);
        both(shell, out, "sign-in");

        fx(() -> {
            signIn.usernameProperty().set("ops");
            signIn.passwordProperty().set("nope");
            signIn.signIn();
            return null;
        });
        await("error", () -> signIn.errorProperty().get() != null);
        snap(shell.scene(), out.resolve("sign-in-error.png"));

        fx(() -> {
            signIn.passwordProperty().set("sandbox");
            signIn.signIn();
            return null;
        });
        await("main", () -> shell.mainViewModel().isPresent());
        snap(shell.scene(), out.resolve("main-window.png"));
        await("overview counts", () -> shell.scene().lookup("#failure-chart") != null
                && !((javafx.scene.chart.XYChart<?, ?>) shell.scene().lookup("#failure-chart")).getData().isEmpty());
        both(shell, out, "overview");
        // The stock card, below the failure queues: scrolled into view.
        await("stock card", () -> shell.scene().lookup("#drift-trend-chart") != null
                && !((javafx.scene.chart.XYChart<?, ?>) shell.scene().lookup("#drift-trend-chart")).getData().isEmpty());
        fx(() -> {
            javafx.scene.Node card = shell.scene().lookup("#overview-inventory");
            javafx.scene.Node n = card;
            while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
                n = n.getParent();
            }
            if (n instanceof javafx.scene.control.ScrollPane scroll) {
                double content = scroll.getContent().getBoundsInLocal().getHeight();
                double viewport = scroll.getViewportBounds().getHeight();
                double top = card.localToScene(0, 0).getY() - scroll.getContent().localToScene(0, 0).getY();
                scroll.setVvalue(Math.min(scroll.getVmax(), Math.max(0, (top - 40) / Math.max(1, content - viewport)
                        * scroll.getVmax())));
            }
            return null;
        });
        snap(shell.scene(), out.resolve("overview-stock.png"));

        // Ops on a payment callback: replay is not theirs, and the pane says why.
        fx(() -> shell.mainViewModel().orElseThrow().select(Section.FAILURES));
        FailuresView opsFailures = awaitValue("failures page", () -> failuresView(shell));
        fx(() -> {
            opsFailures.viewModel().showQueue("PAYMENT_CALLBACK");
            return null;
        });
        selectRow(opsFailures, f -> true);
        snap(shell.scene(), out.resolve("failures-ops.png"));

        fx(() -> shell.mainViewModel().orElseThrow().select(Section.SETTINGS));
        fx(() -> {
            shell.themeProperty().set(Theme.DARK);
            return null;
        });
        snap(shell.scene(), out.resolve("settings-dark.png"));
        fx(() -> shell.mainViewModel().orElseThrow().select(Section.OVERVIEW));
        snap(shell.scene(), out.resolve("main-window-dark.png"));

        sandbox.revokeAllSessions();
        fx(() -> {
            shell.mainViewModel().orElseThrow().refresh();
            return null;
        });
        await("expired", () -> shell.mainViewModel().isEmpty());
        snap(shell.scene(), out.resolve("sign-in-expired-dark.png"));
        fx(() -> {
            shell.themeProperty().set(Theme.LIGHT);
            signIn.connectionProperty().set(ConnectionChoice.SERVER_URL);
            signIn.serverAddressProperty().set("http://127.0.0.1:1");
            signIn.passwordProperty().set("sandbox");
            signIn.signIn();
            return null;
        });
        await("unreachable", () -> signIn.errorProperty().get() != null && !signIn.busyProperty().get());
        snap(shell.scene(), out.resolve("sign-in-unreachable.png"));

        // Support, mid-sale: a failed payment callback selected, its detail and the replay confirmation.
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            signIn.connectionProperty().set(ConnectionChoice.BUILT_IN_SANDBOX);
            signIn.usernameProperty().set("support");
            signIn.passwordProperty().set("sandbox");
            signIn.signIn();
            return null;
        });
        await("support signed in", () -> shell.mainViewModel().isPresent());
        fx(() -> shell.mainViewModel().orElseThrow().select(Section.FAILURES));
        FailuresView failures = awaitValue("failures page", () -> failuresView(shell));
        selectRow(failures, f -> f.attemptCount() > 1 && f.orderNumber() != null);
        both(shell, out, "failures");
        fx(() -> {
            failures.viewModel().detail().prepareReplay();
            return null;
        });
        await("replay confirmation", () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w.getScene() != null && w.getScene().lookup("#replay-headline") != null));
        Scene dialog = fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().lookup("#replay-headline") != null)
                .findFirst().orElseThrow().getScene());
        snap(dialog, out.resolve("failures-replay-confirm.png"));
        fx(() -> {
            dialog.getWindow().hide();
            return null;
        });

        // A bulk replay of the first eight open callbacks: the preview, then the result.
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<FailureRow> table =
                    (javafx.scene.control.TableView<FailureRow>) failures.root().lookup("#failure-table");
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().selectRange(0, 8);
            return null;
        });
        await("selection", () -> failures.viewModel().selection().size() == 8);
        var bulk = fx(() -> failures.viewModel().bulkReplaySelection());
        await("bulk preview", () -> bulk.stageProperty().get() == dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.CONFIRM);
        Scene bulkScene = fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().lookup("#bulk-replay") != null)
                .findFirst().orElseThrow().getScene());
        snap(bulkScene, out.resolve("failures-bulk-preview.png"));
        fx(() -> {
            bulk.confirm();
            return null;
        });
        await("bulk result", () -> bulk.stageProperty().get() == dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.FINISHED);
        snap(bulkScene, out.resolve("failures-bulk-result.png"));
        fx(() -> {
            bulkScene.getWindow().hide();
            return null;
        });
        snap(shell.scene(), out.resolve("failures-after-bulk.png"));

        audit(shell, out);

        // A production server, as the banner shows it (a made-up session: only the window is looked at).
        Stage production = fx(Stage::new);
        OpsClient client = OpsClient.create(OpsClientConfig.builder(URI.create("https://ops.shop.example")).build());
        User user = new User("u1", "nora", "Nora Ops", List.of("ops"), List.of());
        Me me = new Me(user, List.of("ops"), List.of("failures.read", "failures.replay", "inventory.read", "audit.read", "export"),
                Map.of("failures.replay", new Scope(List.of("INVENTORY_SYNC", "FULFILLMENT_EXPORT"), null, null, null, null)), null);
        ActiveSession session = new ActiveSession(client, new ServerConnection(URI.create("https://ops.shop.example"),
                new Health("UP", "ops-api", "2.4.1", "PRODUCTION", "Production", Instant.now()), false),
                new Session("x", Instant.now().plusSeconds(8 * 3600), me));
        Scene prodScene = fx(() -> {
            MainViewModel vm = new MainViewModel(session, context.sections(), context.tasks(), context.errors(), new MainViewModel.Navigator() {
                @Override
                public void signedOut(String username) {
                }

                @Override
                public void sessionExpired(String username) {
                }
            });
            MainView view = new MainView(vm, new dev.opsdesk.desktop.settings.SettingsAccess(context.settings(),
                    new javafx.beans.property.SimpleObjectProperty<>(Theme.LIGHT), () -> { }, null));
            Scene scene = new Scene(new StackPane(view.root()), 1280, 800);
            Styles.applyTheme(scene, Theme.LIGHT);
            production.setScene(scene);
            production.show();
            return scene;
        });
        snap(prodScene, out.resolve("production.png"));

        context.close();
        sandbox.close();
        client.close();
    }

    /**
     * An auditor in the Audit section: an order's timeline with a replay selected (its change as a diff),
     * after Verify integrity ran over the whole trail.
     */
    private static void audit(AppShell shell, Path out) throws Exception {
        var signIn = shell.signInViewModel();
        fx(() -> {
            shell.mainViewModel().orElseThrow().signOut();
            return null;
        });
        await("signed out", () -> shell.mainViewModel().isEmpty() && !signIn.busyProperty().get());
        fx(() -> {
            signIn.connectionProperty().set(ConnectionChoice.BUILT_IN_SANDBOX);
            signIn.usernameProperty().set("auditor");
            signIn.passwordProperty().set("sandbox");
            signIn.signIn();
            return null;
        });
        await("auditor signed in", () -> shell.mainViewModel().isPresent());
        fx(() -> shell.mainViewModel().orElseThrow().select(Section.AUDIT));
        AuditView audit = awaitValue("audit page", () -> {
            javafx.scene.Node page = shell.scene().lookup("#page-audit");
            return page == null ? null : (AuditView) page.getUserData();
        });
        await("audit rows", () -> !audit.viewModel().rows().isEmpty() && !audit.viewModel().list().loadingProperty().get());
        AuditEvent replay = fx(() -> audit.viewModel().rows().stream()
                .filter(e -> e.action().equals("failure.replayed") && !e.bySystem() && e.orderNumber() != null)
                .findFirst().orElseThrow());
        fx(() -> {
            audit.viewModel().showTimeline("order:" + replay.orderNumber());
            audit.viewModel().integrity().verifyAll();
            return null;
        });
        await("timeline", () -> !audit.viewModel().list().loadingProperty().get() && audit.viewModel().rows().stream()
                .anyMatch(e -> e.sequence() == replay.sequence()));
        await("verified", () -> audit.viewModel().integrity().stateProperty().get()
                == dev.opsdesk.desktop.audit.AuditIntegrityViewModel.State.VERIFIED);
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<AuditEvent> table =
                    (javafx.scene.control.TableView<AuditEvent>) audit.root().lookup("#audit-table");
            int index = table.getItems().indexOf(table.getItems().stream()
                    .filter(e -> e.sequence() == replay.sequence()).findFirst().orElseThrow());
            table.scrollTo(Math.max(0, index - 3));
            table.getSelectionModel().clearAndSelect(index);
            table.requestFocus();
            return null;
        });
        await("audit detail", () -> audit.viewModel().detailProperty().get() != null);
        both(shell, out, "audit");

        // Inventory as the auditor sees it (every warehouse): the biggest drifts, one pair's detail; light and dark.
        fx(() -> {
            shell.themeProperty().set(Theme.LIGHT);
            shell.mainViewModel().orElseThrow().select(Section.INVENTORY);
            return null;
        });
        javafx.scene.Node inventoryPage = awaitValue("inventory page", () -> shell.scene().lookup("#page-inventory"));
        var inventory = (dev.opsdesk.desktop.inventory.InventoryView) inventoryPage.getUserData();
        await("inventory rows", () -> !inventory.viewModel().list().rows().isEmpty()
                && !inventory.viewModel().list().loadingProperty().get()
                && !inventory.viewModel().integrations().isEmpty());
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<dev.opsdesk.client.model.Inventory.StockPair> table =
                    (javafx.scene.control.TableView<dev.opsdesk.client.model.Inventory.StockPair>)
                            inventoryPage.lookup("#inventory-table");
            table.getSelectionModel().clearAndSelect(2);
            table.requestFocus();
            return null;
        });
        await("inventory detail", () -> inventory.viewModel().detailProperty().get() != null);
        both(shell, out, "inventory");

        // Reconciliation as the auditor sees it: the runs, then a run in review with an exception selected.
        fx(() -> {
            shell.themeProperty().set(Theme.LIGHT);
            shell.mainViewModel().orElseThrow().select(Section.RECONCILIATION);
            return null;
        });
        javafx.scene.Node reconPage = awaitValue("reconciliation page", () -> shell.scene().lookup("#page-reconciliation"));
        var recon = (dev.opsdesk.desktop.reconciliation.ReconciliationView) reconPage.getUserData();
        await("runs", () -> !recon.viewModel().runs().rows().isEmpty() && !recon.viewModel().runs().loadingProperty().get());
        both(shell, out, "reconciliation-runs");
        String inReview = fx(() -> recon.viewModel().runs().rows().stream()
                .filter(r -> r.state() == dev.opsdesk.client.model.Reconciliation.State.IN_REVIEW).findFirst()
                .orElse(recon.viewModel().runs().rows().get(0)).id());
        fx(() -> {
            recon.open(inReview);
            return null;
        });
        await("run exceptions", () -> recon.viewModel().runProperty().get() != null
                && !recon.viewModel().exceptions().rows().isEmpty() && !recon.viewModel().exceptions().loadingProperty().get());
        fx(() -> {
            @SuppressWarnings("unchecked")
            var table = (javafx.scene.control.TableView<dev.opsdesk.client.model.Reconciliation.ExceptionItem>)
                    reconPage.lookup("#recon-exceptions");
            table.getSelectionModel().clearAndSelect(0);
            table.requestFocus();
            return null;
        });
        await("exception detail", () -> recon.viewModel().detailProperty().get() != null);
        both(shell, out, "reconciliation-run");

        stockCount(shell, out);
        administration(shell, out);
    }

    /** Signs out whoever is signed in and signs in as {@code user} (built-in sandbox). */
    private static void signInAs(AppShell shell, String user) throws Exception {
        var signIn = shell.signInViewModel();
        if (fx(() -> shell.mainViewModel().isPresent())) {
            fx(() -> {
                shell.mainViewModel().orElseThrow().signOut();
                return null;
            });
        }
        await("signed out", () -> shell.mainViewModel().isEmpty() && !signIn.busyProperty().get());
        fx(() -> {
            signIn.connectionProperty().set(ConnectionChoice.BUILT_IN_SANDBOX);
            signIn.usernameProperty().set(user);
            signIn.passwordProperty().set("sandbox");
            signIn.signIn();
            return null;
        });
        await(user + " signed in", () -> shell.mainViewModel().isPresent());
    }

    /** A warehouse counter resumes the open count of WH-1: the start dialog, then the count page. */
    private static void stockCount(AppShell shell, Path out) throws Exception {
        signInAs(shell, "warehouse");
        fx(() -> shell.mainViewModel().orElseThrow().select(Section.INVENTORY));
        javafx.scene.Node page = awaitValue("inventory page", () -> shell.scene().lookup("#page-inventory"));
        var inventory = (dev.opsdesk.desktop.inventory.InventoryView) page.getUserData();
        await("inventory rows", () -> !inventory.viewModel().list().rows().isEmpty()
                && !inventory.viewModel().list().loadingProperty().get());
        // The dialog waits for an answer: it is opened without waiting for it.
        Platform.runLater(() -> ((javafx.scene.control.Button) shell.scene().lookup("#inventory-count")).fire());
        Scene dialog = awaitValue("count dialog", () -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w.getScene() != null && w.getScene().lookup("#count-open") != null)
                .map(javafx.stage.Window::getScene).findFirst().orElse(null));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object> open =
                (javafx.scene.control.ListView<Object>) dialog.lookup("#count-open");
        await("open counts", () -> !open.getItems().isEmpty());
        fx(() -> {
            open.getSelectionModel().select(0);
            return null;
        });
        snap(dialog, out.resolve("stock-count-start.png"));
        Platform.runLater(() -> ((javafx.scene.control.Button) dialog.lookup("#count-resume")).fire());
        await("count page", () -> inventory.countPage().showing().get());
        await("count lines", () -> !inventory.countPage().viewModel().lines().rows().isEmpty()
                && !inventory.countPage().viewModel().lines().loadingProperty().get());
        both(shell, out, "stock-count");
    }

    /** An administrator's accounts, one selected. */
    private static void administration(AppShell shell, Path out) throws Exception {
        signInAs(shell, "admin");
        fx(() -> shell.mainViewModel().orElseThrow().select(Section.ADMIN));
        javafx.scene.Node page = awaitValue("admin page", () -> shell.scene().lookup("#page-admin"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<Object> table = (javafx.scene.control.TableView<Object>) awaitValue("accounts",
                () -> page.lookup("#account-table"));
        await("accounts", () -> !table.getItems().isEmpty());
        fx(() -> {
            table.getSelectionModel().clearAndSelect(Math.min(2, table.getItems().size() - 1));
            table.requestFocus();
            return null;
        });
        both(shell, out, "admin");
    }

    /** {@code name}.png in the light theme and {@code name}-dark.png in the dark one; light again after. */
    private static void both(AppShell shell, Path out, String name) throws Exception {
        fx(() -> {
            shell.themeProperty().set(Theme.LIGHT);
            return null;
        });
        snap(shell.scene(), out.resolve(name + ".png"));
        fx(() -> {
            shell.themeProperty().set(Theme.DARK);
            return null;
        });
        snap(shell.scene(), out.resolve(name + "-dark.png"));
        fx(() -> {
            shell.themeProperty().set(Theme.LIGHT);
            return null;
        });
    }

    private static FailuresView failuresView(AppShell shell) {
        javafx.scene.Node page = shell.scene().lookup("#page-failures");
        return page == null ? null : (FailuresView) page.getUserData();
    }

    /** Waits for the list, selects the first row that fits (scrolled into view) and waits for its detail. */
    private static void selectRow(FailuresView view, java.util.function.Predicate<dev.opsdesk.client.model.Failure> fits)
            throws Exception {
        await("rows", () -> !view.viewModel().rows().isEmpty() && !view.viewModel().list().loadingProperty().get());
        fx(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.TableView<FailureRow> table =
                    (javafx.scene.control.TableView<FailureRow>) view.root().lookup("#failure-table");
            int index = 0;
            for (int i = 0; i < table.getItems().size(); i++) {
                if (fits.test(table.getItems().get(i).failure())) {
                    index = i;
                    break;
                }
            }
            table.scrollTo(Math.max(0, index - 3));
            table.getSelectionModel().clearAndSelect(index);
            table.requestFocus();
            return null;
        });
        await("detail", () -> view.viewModel().detail().detailProperty().get() != null
                && !view.viewModel().detail().loadingProperty().get());
    }

    private static <T> T awaitValue(String what, Callable<T> value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        T v;
        while ((v = fx(value)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
        return v;
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Lets layout and CSS settle, then writes the scene as a PNG. */
    private static void snap(Scene scene, Path file) throws Exception {
        fx(() -> {
            new javafx.scene.robot.Robot().mouseMove(2, 2); // no hover effects in the pictures
            return null;
        });
        Thread.sleep(400);
        WritableImage image = fx(() -> {
            javafx.scene.Parent root = scene.getRoot();
            root.applyCss();
            root.layout();
            return scene.snapshot(null);
        });
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException("Could not write " + file, e);
        }
        System.out.println("Saved " + file + " (" + w + "x" + h + ")");
    }

    private Screenshots() {
    }

}
