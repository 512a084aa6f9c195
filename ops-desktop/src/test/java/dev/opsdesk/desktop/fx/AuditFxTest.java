package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.failures.FailureFixtures;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.shell.MainView;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
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

/**
 * The Audit section through the real views against the shared sandbox: a support agent replays a
 * failed callback, finds the replay in the order's timeline, and cannot verify the trail (they see
 * only part of it); an auditor verifies it; another section opens a failure's timeline; the
 * keyboard reaches the search, the list, the links and the filters.
 */
@ExtendWith(ApplicationExtension.class)
class AuditFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<AuditEvent> auditTable(FxRobot robot) {
        return onFx(() -> robot.lookup("#audit-table").queryAs(TableView.class));
    }

    @SuppressWarnings("unchecked")
    private static TableView<FailureRow> failureTable(FxRobot robot) {
        return onFx(() -> robot.lookup("#failure-table").queryAs(TableView.class));
    }

    private static void openAudit(FxRobot robot) {
        click(robot, "#nav-audit");
        waitUntil("the audit list shows", () -> isShowing(robot, "#page-audit") && !auditTable(robot).getItems().isEmpty());
    }

    private static void ctrlF(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
    }

    private static void alt(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.ALT).type(key).release(KeyCode.ALT);
    }

    /** Replays the failure in the Failures section, as a support agent does. */
    private static void replayInFailures(FxRobot robot, Failure target) {
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures")
                && !failureTable(robot).getItems().isEmpty());
        ctrlF(robot);
        waitUntil("the failure search has focus", () -> robot.lookup("#failure-search").query().isFocused());
        robot.write(target.orderNumber());
        waitUntil("the order's failures are listed", () -> !failureTable(robot).getItems().isEmpty()
                && failureTable(robot).getItems().stream().allMatch(r -> target.orderNumber().equals(r.failure().orderNumber())));
        int index = onFx(() -> failureTable(robot).getItems().stream().map(FailureRow::id).toList().indexOf(target.id()));
        click(robot, cell(robot, "#failure-table", index));
        waitUntil("replay is possible", () -> !robot.lookup("#replay").queryAs(Button.class).isDisabled());
        robot.type(KeyCode.R);
        waitUntil("the confirmation shows", () -> isShowing(robot, "#replay-headline"));
        click(robot, "#confirm-replay");
        waitUntil("the failure is resolved", () -> "Resolved".equals(textOf(robot, "#detail-status")));
    }

    @Test
    void supportFindsTheReplayInTheOrdersTimelineAndAnAuditorVerifiesTheTrail(FxRobot robot) {
        Failure target;
        try (OpsClient api = FailureFixtures.signIn("support")) {
            target = FailureFixtures.openWithEffect(api, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
        }
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        replayInFailures(robot, target);

        openAudit(robot);
        ctrlF(robot);
        waitUntil("the audit search has focus", () -> robot.lookup("#audit-search").query().isFocused());
        robot.write(target.orderNumber()).type(KeyCode.ENTER);
        waitUntil("the order's timeline is listed", () -> !auditTable(robot).getItems().isEmpty()
                && auditTable(robot).getItems().stream().allMatch(e -> target.orderNumber().equals(e.orderNumber())));
        assertThat(textOf(robot, "#audit-showing")).isEqualTo("Order " + target.orderNumber() + "’s timeline");
        int replayed = onFx(() -> {
            var items = auditTable(robot).getItems();
            for (int i = 0; i < items.size(); i++) {
                AuditEvent e = items.get(i);
                if (e.action().equals("failure.replayed") && e.entityId().equals(target.id())
                        && e.actor().equals("support")) {
                    return i;
                }
            }
            return -1;
        });
        assertThat(replayed).as("the replay is on the order's timeline").isNotNegative();
        assertThat(onFx(() -> auditTable(robot).getItems().stream().map(AuditEvent::action).toList()))
                .contains("order.created", "payment.captured");

        click(robot, cell(robot, "#audit-table", replayed));
        waitUntil("the detail shows the replay", () -> isShowing(robot, "#audit-diff")
                && "failure.replayed".equals(textOf(robot, "#audit-detail-action")));
        assertThat(onFx(() -> robot.lookup("#audit-diff .diff-cell.changed").queryAll())).extracting(n -> ((Labeled) n).getText())
                .containsSubsequence("Status", "Open", "Resolved");
        assertThat(textOf(robot, "#link-failure")).isEqualTo("Show failure " + target.id() + " timeline");

        // Support sees the order events only: the chain cannot be checked from there, and the page says why.
        assertThat(onFx(() -> robot.lookup("#audit-verify").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(textOf(robot, "#audit-integrity-text")).startsWith("Integrity checks need the whole trail.")
                .contains("only the events about orders and payments");
        assertThat(onFx(() -> robot.lookup("#export-audit").queryAs(MenuButton.class).isDisabled())).as("support may not export")
                .isTrue();
        assertThat(onFx(() -> robot.lookup("#export-audit").queryAs(MenuButton.class).getTooltip().getText()))
                .isEqualTo("Your role may not export the audit trail (it needs audit.export).");

        click(robot, "#sign-out");
        waitForSignInView(robot);
        signInWith(robot, "auditor", "sandbox");
        waitForMainView(robot);
        openAudit(robot);
        assertThat(onFx(() -> robot.lookup("#export-audit").queryAs(MenuButton.class).isDisabled())).isFalse();
        waitUntil("the verify button is ready", () -> !robot.lookup("#audit-verify").queryAs(Button.class).isDisabled());

        alt(robot, KeyCode.V);
        waitUntil("the trail is verified", () -> textOf(robot, "#audit-integrity-text").startsWith("Verified #1 to #"));
        assertThat(textOf(robot, "#audit-integrity-text")).endsWith("nothing was changed, removed or reordered.");
        assertThat(onFx(() -> robot.lookup("#audit-integrity").query().getStyleClass())).contains("integrity-ok");
        assertThat(textOf(robot, "#audit-integrity-note")).contains(" is kept on this computer");
    }

    @Test
    void anotherSectionOpensAFailuresTimelineAndTheKeyboardReachesTheListLinksAndFilters(FxRobot robot) {
        AuditEvent created;
        try (OpsClient api = FailureFixtures.signIn("admin")) {
            created = api.audit().list(AuditFilter.none().withAction("failure.created"),
                    AuditService.Direction.OLDEST_FIRST, PageRequest.first(1)).items().get(0);
        }
        signInWith(robot, "admin", "sandbox");
        waitForMainView(robot);
        MainView main = onFx(() -> (MainView) robot.lookup("#main-view").query().getUserData());

        assertThat(onFx(() -> main.showAuditTimeline("failure:" + created.entityId()))).isTrue();
        waitUntil("the failure's events are listed", () -> isShowing(robot, "#page-audit")
                && !auditTable(robot).getItems().isEmpty()
                && auditTable(robot).getItems().stream().allMatch(e -> e.entityId().equals(created.entityId())));
        assertThat(textOf(robot, "#section-title")).isEqualTo("Audit");
        assertThat(textOf(robot, "#audit-search")).isEqualTo(created.entityId());
        assertThat(onFx(() -> auditTable(robot).getItems().get(auditTable(robot).getItems().size() - 1).action()))
                .isEqualTo("failure.created");

        // Ctrl+F, ↓ to the list, Enter to the event's links, Space follows one.
        ctrlF(robot);
        waitUntil("the search has focus", () -> robot.lookup("#audit-search").query().isFocused());
        robot.type(KeyCode.DOWN);
        waitUntil("the first row is selected", () -> auditTable(robot).isFocused()
                && auditTable(robot).getSelectionModel().getSelectedIndex() == 0);
        robot.type(KeyCode.ENTER);
        waitUntil("a link has focus", () -> robot.lookup("#audit-links").query().getScene().getFocusOwner()
                instanceof Hyperlink);
        Node focused = onFx(() -> robot.lookup("#audit-links").query().getScene().getFocusOwner());
        String link = ((Hyperlink) focused).getText();
        robot.type(KeyCode.SPACE);
        if (link.startsWith("Show order ")) {
            String order = link.substring("Show order ".length(), link.length() - " timeline".length());
            waitUntil("the order's timeline is listed", () -> textOf(robot, "#audit-search").equals(order)
                    && !auditTable(robot).getItems().isEmpty()
                    && auditTable(robot).getItems().stream().allMatch(e -> order.equals(e.orderNumber())));
        } else {
            waitUntil("the list follows the link", () -> !textOf(robot, "#audit-showing").startsWith("Failure "));
        }

        // Alt+T to the actor, Enter applies (the search is cleared first with Esc).
        ctrlF(robot);
        robot.type(KeyCode.ESCAPE);
        waitUntil("everything is listed", () -> textOf(robot, "#audit-showing").equals("All events"));
        alt(robot, KeyCode.T);
        waitUntil("the actor field has focus", () -> robot.lookup("#audit-actor").query().isFocused());
        robot.write("system:webhooks").type(KeyCode.ENTER);
        waitUntil("only the webhooks' events are listed", () -> !auditTable(robot).getItems().isEmpty()
                && auditTable(robot).getItems().stream().allMatch(e -> e.actor().equals("system:webhooks")));
        assertThat(textOf(robot, "#audit-showing")).isEqualTo("All events · by system: webhooks");
    }

    /** A cell of the row at {@code index} (the second column). */
    private static Node cell(FxRobot robot, String table, int index) {
        return onFx(() -> {
            TableView<?> t = robot.lookup(table).queryAs(TableView.class);
            t.scrollTo(Math.max(0, index - 2));
            t.layout();
            return t.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof javafx.scene.control.TableRow<?> row && row.getIndex() == index)
                    .findFirst()
                    .map(row -> row.lookupAll(".table-cell").stream().skip(1).findFirst().orElse(row))
                    .orElseThrow(() -> new AssertionError("Row " + index + " is not on screen"));
        });
    }
}
