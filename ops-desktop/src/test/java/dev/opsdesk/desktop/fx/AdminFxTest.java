package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RateLimitedException;
import dev.opsdesk.client.model.Account;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.testing.TestSandbox;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Administration section against the shared sandbox: the admin sees a locked account, unlocks it, and its
 * owner then signs in; a role without {@code users.read} has no such section.
 */
@ExtendWith(ApplicationExtension.class)
class AdminFxTest extends FxTestSupport {

    private static final String LOCKED = "approver";

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Account> table(FxRobot robot) {
        return onFx(() -> robot.lookup("#account-table").queryAs(TableView.class));
    }

    private static int indexOf(FxRobot robot, String username) {
        return onFx(() -> table(robot).getItems().stream().map(Account::username).toList().indexOf(username));
    }

    @Test
    void theAdminUnlocksALockedAccountWhoseOwnerCanThenSignIn(FxRobot robot) {
        try (OpsClient client = ClientFactory.standard().create(TestSandbox.shared().baseUri())) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> client.sessions().signIn(LOCKED, "wrong".toCharArray()))
                        .isInstanceOf(OpsApiException.class);
            }
            assertThatThrownBy(() -> client.sessions().signIn(LOCKED,
                    TestSandbox.user(LOCKED).password().toCharArray())).isInstanceOf(RateLimitedException.class);
        }

        signInWith(robot, "admin", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-admin");
        waitUntil("the accounts are listed", () -> isShowing(robot, "#page-admin") && indexOf(robot, LOCKED) >= 0);
        int index = indexOf(robot, LOCKED);
        assertThat(onFx(() -> table(robot).getItems().get(index).locked())).isTrue();
        click(robot, row(robot, index));
        waitUntil("Unlock is available", () -> !robot.lookup("#unlock-account").queryAs(Button.class).isDisabled());

        click(robot, "#unlock-account");
        waitUntil("it says so", () -> textOf(robot, "#admin-outcome").contains("Unlocked " + LOCKED));
        waitUntil("the row is no longer locked", () -> {
            int i = indexOf(robot, LOCKED);
            return i >= 0 && !table(robot).getItems().get(i).locked();
        });

        onFx(() -> {
            ((Button) stage.getScene().lookup("#sign-out")).fire();
            return null;
        });
        waitForSignInView(robot);
        signInWith(robot, LOCKED, "sandbox");
        waitForMainView(robot);
    }

    @Test
    void aRoleWithoutUsersReadHasNoAdministration(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        assertThat(exists(robot, "#nav-failures")).isTrue();
        assertThat(exists(robot, "#nav-admin")).isFalse();
    }

    private static Node row(FxRobot robot, int index) {
        return onFx(() -> {
            TableView<Account> t = table(robot);
            t.scrollTo(index);
            t.layout();
            return t.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof TableRow<?> r && r.getIndex() == index)
                    .findFirst()
                    .map(r -> r.lookupAll(".table-cell").stream().findFirst().orElse(r))
                    .orElseThrow(() -> new AssertionError("Row " + index + " is not on screen"));
        });
    }
}
