package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.Theme;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window's theme switch and status bar, driven through the real views. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void darkThemeAppliesLiveAndIsSaved(FxRobot robot) {
        signInWith(robot, "admin", "sandbox");
        waitForMainView(robot);
        assertThat(onFx(() -> shell.scene().getRoot().getStyleClass().contains(Styles.DARK))).isFalse();

        click(robot, "#nav-settings");
        waitUntil("settings show", () -> isShowing(robot, "#theme-dark"));
        click(robot, "#theme-dark");

        waitUntil("the dark class is applied", () -> shell.scene().getRoot().getStyleClass().contains(Styles.DARK));
        assertThat(context.settings().theme()).isEqualTo(Theme.DARK);
        waitUntil("the settings file says dark", () -> context.settingsStore().load().theme() == Theme.DARK);

        click(robot, "#theme-light");
        waitUntil("the dark class is removed", () -> !shell.scene().getRoot().getStyleClass().contains(Styles.DARK));
    }

    @Test
    void theStatusBarShowsRunningTasksAndCancelsThem(FxRobot robot) {
        signInWith(robot, "auditor", "sandbox");
        waitForMainView(robot);
        assertThat(textOf(robot, "#connection-state")).startsWith("Connected to 127.0.0.1:");
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();

        onFx(() -> context.tasks().task("Exporting audit trail", progress -> {
                    progress.message("row 10 of 100");
                    progress.progress(10, 100);
                    never.await();
                    return null;
                })
                .onCancelled(() -> cancelled.set(true))
                .start());

        waitUntil("the task is listed", () -> robot.lookup("#running-tasks .label").queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText().equals("Exporting audit trail — row 10 of 100")));
        click(robot, "#task-cancel");

        waitUntil("the task is gone", () -> context.tasks().running().isEmpty());
        assertThat(cancelled).isTrue();
        assertThat(exists(robot, "#task-cancel")).isFalse();
    }

    @Test
    void windowBoundsAreRememberedAndRestored(FxRobot robot) {
        onFx(() -> {
            stage.setMaximized(false);
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(700);
            return null;
        });
        shell.shutdown();
        assertThat(context.settingsStore().load().window())
                .isEqualTo(new dev.opsdesk.desktop.settings.WindowBounds(40, 30, 1000, 700, false));

        onFx(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1200);
            stage.setHeight(750);
            context.settings().setWindow(context.settingsStore().load().window());
            shell = new dev.opsdesk.desktop.shell.AppShell(stage, context);
            shell.show();
            return null;
        });

        assertThat(onFx(() -> new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()}))
                .containsExactly(40, 30, 1000, 700);
    }
}
