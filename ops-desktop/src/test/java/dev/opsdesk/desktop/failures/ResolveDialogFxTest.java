package dev.opsdesk.desktop.failures;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.client.model.Failure;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolving and dismissing record a reason that auditors read later: the dialog offers the codes
 * but chooses none, so nothing is recorded that the person did not pick.
 */
@ExtendWith(ApplicationExtension.class)
class ResolveDialogFxTest {

    private static final Failure FAILURE = new Failure("F-1", Failure.PAYMENT_CALLBACK, "OPEN", "ORDER_NOT_FOUND",
            "no such order", true, "stripe", "evt_1", "payment.succeeded", "ORD-1", "pi_1", null, null, null,
            Instant.parse("2026-11-20T10:00:00Z"), null, null, 1, null, null);

    private StackPane owner;

    @Start
    void start(Stage stage) {
        owner = new StackPane();
        stage.setScene(new Scene(owner, 400, 300));
        stage.show();
    }

    private CompletableFuture<Optional<ResolveDialog.Choice>> open(String status) {
        CompletableFuture<Optional<ResolveDialog.Choice>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(ResolveDialog.ask(FAILURE, status, owner)));
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    @Test
    void noReasonIsChosenForThePersonWhenDismissing(FxRobot robot) throws Exception {
        CompletableFuture<Optional<ResolveDialog.Choice>> answer = open("DISMISSED");
        ComboBox<?> code = robot.lookup("#resolution-code").queryAs(ComboBox.class);
        Button confirm = robot.lookup("#confirm-resolve").queryAs(Button.class);

        assertThat(code.getValue()).as("no pre-selected reason").isNull();
        assertThat(code.isFocused()).as("the reason is asked first").isTrue();
        click(robot, "#resolution-note").write("Same callback twice from the PSP");
        assertThat(confirm.isDisabled()).as("a note alone is not enough: a reason must be chosen").isTrue();

        click(robot, "#resolution-code").type(KeyCode.DOWN).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(confirm.isDisabled()).isFalse();
        click(robot, "#confirm-resolve");

        Optional<ResolveDialog.Choice> choice = answer.get(10, TimeUnit.SECONDS);
        assertThat(choice).isPresent();
        assertThat(choice.get().code()).isEqualTo(code.getItems().get(0));
        assertThat(choice.get().note()).isEqualTo("Same callback twice from the PSP");
    }

    @Test
    void noReasonIsChosenForThePersonWhenResolving(FxRobot robot) throws Exception {
        CompletableFuture<Optional<ResolveDialog.Choice>> answer = open("RESOLVED");

        assertThat(robot.lookup("#resolution-code").queryAs(ComboBox.class).getValue()).isNull();
        click(robot, "#resolution-note").write("Captured in the Stripe dashboard");
        assertThat(robot.lookup("#confirm-resolve").queryAs(Button.class).isDisabled()).isTrue();
        robot.type(KeyCode.ESCAPE);
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEmpty();
    }
}
