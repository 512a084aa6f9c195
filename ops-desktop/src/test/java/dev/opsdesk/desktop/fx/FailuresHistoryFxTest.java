package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.desktop.audit.AuditView;
import dev.opsdesk.desktop.failures.FailureRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** From a failure's detail pane, History opens the Audit section on that failure's own timeline. */
@ExtendWith(ApplicationExtension.class)
class FailuresHistoryFxTest extends FxTestSupport {

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

    @Test
    void historyOpensTheFailuresAuditTimeline(FxRobot robot) {
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
        String id = onFx(() -> {
            table(robot).getSelectionModel().select(0);
            return table(robot).getItems().get(0).id();
        });
        dev.opsdesk.desktop.failures.FailuresView failures = onFx(() ->
                (dev.opsdesk.desktop.failures.FailuresView) shell.scene().lookup("#page-failures").getUserData());
        waitUntil("the detail pane shows it", () -> onFx(() -> {
            var shown = failures.viewModel().detail().failureProperty().get();
            return shown != null && shown.id().equals(id);
        }) && isShowing(robot, "#failure-history"));
        click(robot, "#failure-history");
        waitUntil("the Audit section shows", () -> isShowing(robot, "#page-audit"));
        AuditView audit = onFx(() -> (AuditView) shell.scene().lookup("#page-audit").getUserData());
        waitUntil("the failure's events are listed", () -> !onFx(() -> audit.viewModel().rows().isEmpty()));
        List<AuditEvent> events = onFx(() -> List.copyOf(audit.viewModel().rows()));
        assertThat(events).allSatisfy(e -> assertThat(e.entity()).isEqualTo("failure:" + id));
        assertThat(events.get(events.size() - 1).action()).as("oldest: the failure arriving").isEqualTo("failure.created");
    }
}
