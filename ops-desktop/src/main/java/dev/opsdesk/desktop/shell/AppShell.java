package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.settings.SettingsAccess;
import dev.opsdesk.desktop.settings.WindowBounds;
import dev.opsdesk.desktop.settings.WindowPlacement;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.PopupBounds;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.Theme;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.sandbox.SandboxServer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * Owns the one window: shows the sign-in view, swaps in the main view after sign-in, and back again
 * on sign-out or an expired session — in the same stage and scene, so the window never closes or
 * jumps. Also applies the theme, and restores and remembers the window's bounds.
 */
public final class AppShell {

    private static final Logger LOG = LoggerFactory.getLogger(AppShell.class);

    private final Stage stage;
    private final DesktopContext context;
    private final StackPane root = new StackPane();
    private final Scene scene;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final SignInViewModel signInViewModel;
    private final SignInView signInView;
    private MainViewModel mainViewModel;
    private MainView mainView;
    private WindowBounds normalBounds;
    private boolean reportedShown;

    public AppShell(Stage stage, DesktopContext context) {
        this.stage = stage;
        this.context = context;
        theme.set(context.settings().theme());

        PopupBounds.install(); // menus and tooltips stay inside the window, not only on the screen
        scene = new Scene(root, WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT);
        Styles.applyTheme(scene, theme.get());
        theme.addListener((obs, old, now) -> Styles.applyTheme(scene, now));

        signInViewModel = new SignInViewModel(context.sandbox(), context.clients(), context.tasks(), context.errors(),
                context.settings(), context::saveSettings, this::showMain);
        if (context.options().server() != null) {
            signInViewModel.preselectServer(context.options().server());
        } else if (context.options().autoSignIn() != null) {
            signInViewModel.connectionProperty().set(ConnectionChoice.BUILT_IN_SANDBOX);
        }
        signInView = new SignInView(signInViewModel);
    }

    /** Sets up the stage and shows the sign-in view. */
    public void show() {
        stage.setScene(scene);
        stage.setMinWidth(WindowPlacement.MIN_WIDTH);
        stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
        if (stage.getIcons().isEmpty()) {
            stage.getIcons().addAll(Icons.appIcon(32), Icons.appIcon(64));
        }
        restoreBounds();
        showSignIn();
        // The sandbox's boot begins now, on a thread of its own, while the window is drawn for the first time:
        // that overlaps a second of the boot with the window's appearance. Begun earlier (when the application
        // starts) it took the CPU the window needed and the sign-in window came half a second later on two
        // cores; begun later (once the window was shown) the signed-in window came a quarter second later.
        context.prepareSignIn();
        stage.show();
        signInView.focusFirstField();
        // The automatic sign-in (if any) begins once the sign-in window is laid out.
        reportWhenLaidOut(context.options().autoSignIn() != null ? "SIGN_IN_SHOWN" : null,
                () -> Platform.runLater(this::afterSignInShown));
    }

    private void afterSignInShown() {
        LOG.info("Sign-in view shown {} ms after JVM start", ManagementFactory.getRuntimeMXBean().getUptime());
        signInViewModel.activate();
        if (context.options().autoSignIn() != null) {
            signInViewModel.usernameProperty().set(context.options().autoSignIn());
            signInViewModel.passwordProperty().set(System.getProperty("opsdesk.autoSignIn.password", "sandbox"));
            signInViewModel.signIn();
        }
    }

    private void showSignIn() {
        scene.getAccelerators().clear();
        setContent(signInView.root());
        stage.setTitle("Ops Desk — Sign in");
    }

    private void showMain(ActiveSession session) {
        LOG.info("Signed in as {} {} ms after JVM start", session.username(), ManagementFactory.getRuntimeMXBean().getUptime());
        MainViewModel.Navigator navigator = new MainViewModel.Navigator() {
            @Override
            public void signedOut(String username) {
                leaveMain();
                signInViewModel.signedOut(username);
                showSignIn();
                signInView.focusFirstField();
            }

            @Override
            public void sessionExpired(String username) {
                leaveMain();
                signInViewModel.sessionExpired(username);
                showSignIn();
                signInView.focusFirstField();
            }
        };
        mainViewModel = new MainViewModel(session, context.sections(), context.tasks(), context.errors(), navigator);
        mainView = new MainView(mainViewModel, new SettingsAccess(context.settings(), theme, context::saveSettings,
                context.settingsStore().file()));
        scene.getAccelerators().clear();
        mainView.accelerators().forEach((key, action) -> scene.getAccelerators().put(key, action));
        setContent(mainView.root());
        stage.setTitle(mainViewModel.windowTitle());
        mainView.focusNavigation();
        reportWhenLaidOut(null, context.sandbox()::letSeed);
        if (context.options().autoSignIn() != null && !reportedShown) {
            reportedShown = true;
            reportWhenLaidOut("MAIN_WINDOW_SHOWN", () -> {
                if (context.options().exitAfterData()) {
                    exitOnceDataShown();
                } else if (context.options().exitAfterShown()) {
                    Platform.runLater(Platform::exit);
                }
            });
        }
    }

    /**
     * Exits once the built-in sandbox is seeded and no background task is left (the first section's data is in),
     * after one more laid-out pulse: the packaging's training run, whose class list should hold what a start with
     * data loads, the seeder's classes and the section's included.
     */
    private void exitOnceDataShown() {
        Thread waiter = new Thread(() -> {
            try {
                context.sandbox().current().ifPresent(SandboxServer::awaitSeeded);
            } catch (RuntimeException e) {
                LOG.warn("The training run's sandbox did not seed", e);
            }
            Platform.runLater(() -> {
                ObservableList<BackgroundTask<?>> running = context.tasks().running();
                Runnable exitWhenLaidOut = () -> {
                    reportWhenLaidOut(null, () -> Platform.runLater(Platform::exit));
                    Platform.requestNextPulse();
                };
                if (running.isEmpty()) {
                    exitWhenLaidOut.run();
                    return;
                }
                running.addListener(new ListChangeListener<BackgroundTask<?>>() {
                    @Override
                    public void onChanged(Change<? extends BackgroundTask<?>> change) {
                        if (running.isEmpty()) {
                            running.removeListener(this);
                            exitWhenLaidOut.run();
                        }
                    }
                });
            });
        }, "ops-desk-exit-after-data");
        waiter.setDaemon(true);
        waiter.start();
    }

    private void leaveMain() {
        if (mainView != null) {
            mainView.dispose();
            mainView = null;
        }
        mainViewModel = null;
    }

    private void setContent(Parent content) {
        root.getChildren().setAll(content);
    }

    /**
     * Prints {@code LABEL <ms since JVM start>} (unless the label is null) and runs {@code then} on the
     * next laid-out pulse, i.e. when what was just put into the scene is about to be drawn (the label:
     * cold-start benchmark, auto sign-in only).
     */
    private void reportWhenLaidOut(String label, Runnable then) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            if (label != null) {
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println(label + " " + ms);
            }
            then.run();
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private void restoreBounds() {
        List<Rectangle2D> screens = new java.util.ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        Screen.getScreens().stream().filter(s -> !s.equals(Screen.getPrimary()))
                .forEach(s -> screens.add(s.getVisualBounds()));
        WindowBounds bounds = WindowPlacement.fit(context.settings().window(), screens);
        stage.setX(bounds.x());
        stage.setY(bounds.y());
        stage.setWidth(bounds.width());
        stage.setHeight(bounds.height());
        normalBounds = new WindowBounds(bounds.x(), bounds.y(), bounds.width(), bounds.height(), false);
        if (bounds.maximized()) {
            stage.setMaximized(true);
        }
        // Remember the last bounds the window had while not maximised, to restore to.
        javafx.beans.InvalidationListener track = obs -> {
            if (!stage.isMaximized() && !stage.isIconified()) {
                normalBounds = new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            }
        };
        stage.xProperty().addListener(track);
        stage.yProperty().addListener(track);
        stage.widthProperty().addListener(track);
        stage.heightProperty().addListener(track);
    }

    /**
     * At exit: remembers the window, and revokes a session on a real server (waiting at most a
     * moment for it; the built-in sandbox stops anyway).
     */
    public void shutdown() {
        if (normalBounds != null) {
            context.settings().setWindow(new WindowBounds(normalBounds.x(), normalBounds.y(), normalBounds.width(),
                    normalBounds.height(), stage.isMaximized()));
        }
        try {
            context.settingsStore().save(context.settings());
        } catch (IOException e) {
            LOG.warn("Could not save settings", e);
        }
        MainViewModel current = mainViewModel;
        if (current != null) {
            leaveMain();
            ActiveSession session = current.session();
            Thread signOut = new Thread(() -> {
                try {
                    if (!session.server().builtInSandbox()) {
                        session.client().sessions().signOut();
                    }
                } catch (RuntimeException e) {
                    LOG.info("Sign-out at exit did not reach the server", e);
                } finally {
                    session.client().close();
                }
            }, "ops-desk-exit-sign-out");
            signOut.setDaemon(true);
            signOut.start();
            try {
                signOut.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Scene scene() {
        return scene;
    }

    public Stage stage() {
        return stage;
    }

    public SignInViewModel signInViewModel() {
        return signInViewModel;
    }

    public Optional<MainViewModel> mainViewModel() {
        return Optional.ofNullable(mainViewModel);
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
