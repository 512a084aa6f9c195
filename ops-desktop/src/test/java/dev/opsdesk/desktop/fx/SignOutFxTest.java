package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing out is deliberate: no stray Space does it, and work in progress is not dropped without asking. */
@ExtendWith(ApplicationExtension.class)
class SignOutFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void theKeyboardNeverLandsOnSignOut(FxRobot robot) {
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures"));

        for (int i = 0; i < 60; i++) {
            robot.type(KeyCode.TAB);
            Node owner = onFx(() -> stage.getScene().getFocusOwner());
            assertThat(owner == null ? null : owner.getId()).as("focus after %d tabs", i + 1).isNotEqualTo("sign-out");
        }
        robot.type(KeyCode.SPACE);
        assertThat(isShowing(robot, "#main-view")).isTrue();
    }

    @Test
    void signingOutOverWorkInProgressAsksAndStayingIsTheDefault(FxRobot robot) {
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        CountDownLatch release = new CountDownLatch(1);
        onFx(() -> context.tasks().task("Loading failures", p -> {
            release.await();
            return null;
        }).start());
        onFx(() -> context.tasks().task("Exporting failures to failures.xlsx", p -> {
            release.await();
            return null;
        }).userWork().start());
        try {
            waitUntil("the work shows in the status bar", () -> !context.tasks().running().isEmpty());
            // The question waits for an answer (a nested event loop): fire without waiting for it.
            javafx.application.Platform.runLater(
                    () -> ((javafx.scene.control.Button) stage.getScene().lookup("#sign-out")).fire());
            waitUntil("it asks first", () -> exists(robot, "#sign-out-confirm"));
            assertThat(textOf(robot, "#sign-out-work")).contains("Exporting failures to failures.xlsx")
                    .as("a list being loaded is not work to lose").doesNotContain("Loading failures");

            robot.type(KeyCode.ENTER);
            waitUntil("the question is gone", () -> !exists(robot, "#sign-out-confirm"));
            assertThat(isShowing(robot, "#main-view")).as("Enter keeps the session").isTrue();
        } finally {
            release.countDown();
        }
        waitUntil("nothing runs any more", () -> context.tasks().running().isEmpty());
        onFx(() -> {
            ((javafx.scene.control.Button) stage.getScene().lookup("#sign-out")).fire();
            return null;
        });
        waitForSignInView(robot);
    }
}
