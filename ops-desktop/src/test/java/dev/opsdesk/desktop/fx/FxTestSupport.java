package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.desktop.settings.SettingsLocation;
import dev.opsdesk.desktop.settings.SettingsStore;
import dev.opsdesk.desktop.shell.AppShell;
import dev.opsdesk.desktop.shell.BuiltInSandbox;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.shell.DesktopContext;
import dev.opsdesk.desktop.shell.LaunchOptions;
import dev.opsdesk.desktop.testing.FxThread;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.MessagePane;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the real application shell in the test's stage, against the shared in-process sandbox and a
 * fresh settings folder under {@code target/test-settings}, and offers the few steps every UI test needs.
 */
abstract class FxTestSupport {

    protected AppShell shell;
    protected DesktopContext context;
    protected Stage stage;

    @BeforeAll
    static void startSandbox() {
        TestSandbox.shared(); // seconds: not on the FX thread, and once per JVM
    }

    protected void startApp(Stage stage) {
        this.stage = stage;
        Path settingsDir;
        try {
            Path base = SettingsLocation.directory();
            Files.createDirectories(base);
            settingsDir = Files.createTempDirectory(base, getClass().getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SettingsStore store = new SettingsStore(settingsDir);
        context = new DesktopContext(store, store.load(), BackgroundTasks.forJavaFx(), ErrorMessages.systemDefault(),
                BuiltInSandbox.sharing(TestSandbox.shared()), ClientFactory.standard(), LaunchOptions.defaults(),
                dev.opsdesk.desktop.StandardSections.registry());
        shell = new AppShell(stage, context);
        shell.show();
    }

    protected void stopApp() {
        if (shell != null) {
            shell.shutdown();
        }
        if (context != null) {
            context.close();
        }
    }

    /** Waits (up to 20 s) until the condition, evaluated on the FX thread, holds. */
    protected static void waitUntil(String what, Callable<Boolean> condition) {
        try {
            // A node the condition looks up may not be in the scene yet (a section builds its page as it opens):
            // that is "not yet", not a failure.
            Callable<Boolean> notYetWhenMissing = () -> {
                try {
                    return condition.call();
                } catch (org.testfx.service.query.EmptyNodeQueryException e) {
                    return false;
                }
            };
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(notYetWhenMissing).get(5, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out waiting until " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs on the FX thread (at once when already there, as inside {@link #waitUntil}) and returns the result. */
    protected static <T> T onFx(Callable<T> call) {
        return FxThread.call(call);
    }

    /** Whether the query finds a visible node in a scene; read on the FX thread (a test thread may not walk it). */
    protected static boolean isShowing(FxRobot robot, String query) {
        Callable<Boolean> showing = () -> {
            Optional<Node> node = robot.lookup(query).tryQuery();
            return node.isPresent() && node.get().isVisible() && node.get().getScene() != null;
        };
        return onFx(showing);
    }

    protected static String textOf(FxRobot robot, String query) {
        return onFx(() -> {
            Node node = robot.lookup(query).query();
            if (node instanceof MessagePane pane) {
                return pane.text();
            }
            if (node instanceof javafx.scene.control.ComboBox<?> combo && combo.isEditable()) {
                return combo.getEditor().getText();
            }
            if (node instanceof TextInputControl input) {
                return input.getText();
            }
            if (node instanceof javafx.scene.control.Labeled labeled) {
                return labeled.getText();
            }
            throw new AssertionError("No text in " + node);
        });
    }

    /** Replaces the text of a field the way a person does: click, select all, type. */
    protected static void typeInto(FxRobot robot, String query, String text) {
        click(robot, query);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        if (text.isEmpty()) {
            robot.type(KeyCode.BACK_SPACE);
        } else {
            robot.write(text);
        }
    }

    /** Signs in from the sign-in view (whatever connection is chosen) and presses Enter. */
    protected static void signInWith(FxRobot robot, String username, String password) {
        waitUntil("the sign-in view shows", () -> isShowing(robot, "#sign-in-view"));
        typeInto(robot, "#username", username);
        typeInto(robot, "#password", password);
        robot.type(KeyCode.ENTER);
    }

    protected static void waitForMainView(FxRobot robot) {
        waitUntil("the main window shows", () -> isShowing(robot, "#main-view"));
    }

    protected static void waitForSignInView(FxRobot robot) {
        waitUntil("the sign-in view shows", () -> isShowing(robot, "#sign-in-view"));
    }

    protected static boolean exists(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).tryQuery().isPresent());
    }
}
