package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.failures.FailureFixtures;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.failures.FailuresView;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The team's workflow in the Failures section against the shared sandbox: ops gives a failure to a colleague from
 * those who may act on it; a resolved failure shows its resolution note among its notes and is reopened with a
 * reason; "Past SLA" lists only open failures older than their queue's target, and the Overview counts them.
 */
@ExtendWith(ApplicationExtension.class)
class FailuresTeamFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<FailureRow> table(FxRobot robot) {
        return onFx(() -> robot.lookup("#failure-table").queryAs(TableView.class));
    }

    private FailuresView failuresView() {
        return onFx(() -> (FailuresView) shell.scene().lookup("#page-failures").getUserData());
    }

    private Failure shown() {
        return onFx(() -> failuresView().viewModel().detail().failureProperty().get());
    }

    /** Signs in as ops, opens Failures on every status, finds {@code id} by its id and selects it. */
    private void select(FxRobot robot, String id) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
        click(robot, "#status-all");
        click(robot, "#failure-search");
        robot.write(id);
        waitUntil("only " + id + " is listed", () -> table(robot).getItems().size() == 1
                && table(robot).getItems().get(0).id().equals(id));
        click(robot, firstCell(robot));
        waitUntil("the detail shows " + id, () -> shown() != null && shown().id().equals(id));
    }

    @Test
    void opsGivesAFailureToAColleagueFromThoseWhoMayActOnIt(FxRobot robot) {
        Failure target;
        try (OpsClient api = FailureFixtures.signIn("ops")) {
            target = FailureFixtures.withStatus(api, "INVENTORY_SYNC", "OPEN");
        }
        select(robot, target.id());

        click(robot, "#assign-to");
        MenuButton assignTo = onFx(() -> robot.lookup("#assign-to").queryAs(MenuButton.class));
        waitUntil("the people who may act on it are offered", () -> onFx(() -> assignTo.getItems().stream()
                .anyMatch(i -> "assign-to-admin".equals(i.getId()))));
        assertThat(onFx(() -> assignTo.getItems().stream().map(MenuItem::getId).toList()))
                .contains("assign-to-ops", "assign-to-admin")
                .as("support may not act on inventory syncs").doesNotContain("assign-to-support");
        onFx(() -> {
            assignTo.hide();
            assignTo.getItems().stream().filter(i -> "assign-to-admin".equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });

        waitUntil("it is assigned to admin", () -> "admin".equals(shown().assignee()));
        assertThat(textOf(robot, "#detail-outcome")).contains("Assigned to admin");
        waitUntil("the row says so", () -> "admin".equals(table(robot).getItems().get(0).failure().assignee()));
    }

    @Test
    void aResolvedFailureShowsItsNoteAndIsReopenedWithAReason(FxRobot robot) {
        Failure target;
        try (OpsClient api = FailureFixtures.signIn("ops")) {
            target = FailureFixtures.withStatus(api, "FULFILLMENT_EXPORT", "OPEN");
            api.failures().resolve(target.id(), "RESOLVED", "FIXED_MANUALLY", "Re-sent the export by hand",
                    RequestOptions.newAction());
        }
        select(robot, target.id());
        assertThat(shown().status()).isEqualTo("RESOLVED");
        waitUntil("the resolution note is among the notes", () -> "Notes (1)".equals(notesTab(robot).getText()));

        click(robot, "#reopen");
        waitUntil("the reopen dialog shows", () -> isShowing(robot, "#reopen-reason"));
        click(robot, "#reopen-reason");
        robot.write("The ERP rejected the re-sent export too");
        click(robot, "#confirm-reopen");

        waitUntil("it is open again", () -> "OPEN".equals(shown().status()));
        waitUntil("the reason is a note", () -> "Notes (2)".equals(notesTab(robot).getText()));
        assertThat(textOf(robot, "#detail-outcome")).contains("Reopened");
        assertThat(isShowing(robot, "#reopen-box")).as("an open failure is not reopened").isFalse();
    }

    @Test
    void pastSlaListsOnlyOpenFailuresOlderThanTheirQueuesTargetAndTheOverviewCountsThem(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        waitUntil("the overview counts failures past their SLA", () -> isShowing(robot, "#tile-past-sla-payment_callback")
                && textOf(robot, "#tile-past-sla-payment_callback").contains("past SLA (older than 30 min)"));

        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
        click(robot, "#past-sla-filter");
        waitUntil("only failures past their SLA are listed", () -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(r -> r.failure().isPastSla(Instant.now())));
        assertThat(onFx(() -> table(robot).getColumns().stream().anyMatch(c -> "SLA due".equals(c.getText()))))
                .isTrue();
    }

    private static Tab notesTab(FxRobot robot) {
        return onFx(() -> robot.lookup("#detail-tabs").queryAs(TabPane.class).getTabs().stream()
                .filter(t -> "tab-notes".equals(t.getId())).findFirst().orElseThrow());
    }

    private static Node firstCell(FxRobot robot) {
        return onFx(() -> {
            TableView<FailureRow> t = table(robot);
            t.layout();
            return t.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof javafx.scene.control.TableRow<?> row && row.getIndex() == 0)
                    .findFirst()
                    .map(row -> row.lookupAll(".table-cell").stream().skip(1).findFirst().orElse(row))
                    .orElseThrow(() -> new AssertionError("Row 0 is not on screen"));
        });
    }
}
