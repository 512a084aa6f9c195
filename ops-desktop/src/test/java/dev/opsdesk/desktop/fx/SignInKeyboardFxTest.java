package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in window from the keyboard: the option a shortcut names is the one signed in to; the password is next. */
@ExtendWith(ApplicationExtension.class)
class SignInKeyboardFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @Test
    void theShortcutOfAnOptionChoosesIt(FxRobot robot) {
        waitUntil("the demo users are listed", () -> !robot.lookup("#demo-users").queryAs(TableView.class).getItems().isEmpty());
        RadioButton url = onFx(() -> robot.lookup("#connection-url").queryAs(RadioButton.class));
        RadioButton sandbox = onFx(() -> robot.lookup("#connection-sandbox").queryAs(RadioButton.class));

        robot.press(KeyCode.ALT).type(KeyCode.U).release(KeyCode.ALT);
        waitUntil("Server URL is chosen", url::isSelected);
        assertThat(onFx(() -> robot.lookup("#server-url").query().isDisabled())).as("its field can be typed into").isFalse();

        robot.press(KeyCode.ALT).type(KeyCode.B).release(KeyCode.ALT);
        waitUntil("the sandbox is chosen", sandbox::isSelected);
        assertThat(url.isSelected()).isFalse();
    }

    @Test
    void pickingADemoUserPutsTheKeyboardInThePassword(FxRobot robot) {
        waitUntil("the demo users are listed", () -> !robot.lookup("#demo-users").queryAs(TableView.class).getItems().isEmpty());

        click(robot, "#demo-users .table-row-cell");
        waitUntil("the password has the keyboard", () -> robot.lookup("#password").queryAs(PasswordField.class).isFocused());

        TableView<?> users = onFx(() -> robot.lookup("#demo-users").queryAs(TableView.class));
        onFx(() -> {
            users.requestFocus();
            return null;
        });
        waitUntil("the list has the keyboard", users::isFocused);
        robot.type(KeyCode.DOWN);
        assertThat(users.isFocused()).as("the arrows move through the list").isTrue();
        robot.type(KeyCode.ENTER);
        waitUntil("Enter on a user goes to the password", () -> robot.lookup("#password").queryAs(PasswordField.class).isFocused());
        assertThat(onFx(() -> robot.lookup("#main-view").tryQuery())).as("Enter chose the user; it did not sign in").isEmpty();
    }
}
