package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Styles;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** Reopen a resolved or dismissed failure: the reason is required (it is kept as a note and in the audit trail). */
final class ReopenDialog {

    private ReopenDialog() {
    }

    static Optional<String> ask(Failure f, Node owner) {
        Dialog<String> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.setTitle("Reopen failure");
        dialog.getDialogPane().setId("reopen-dialog");

        Label headline = new Label("Reopen it: it needs work again. Its resolution is cleared; who closed it, and why,"
                + " stays in its notes and the audit trail.");
        headline.setWrapText(true);
        headline.setMaxWidth(460);
        headline.getStyleClass().add(Styles.DIALOG_HEADLINE);
        String closed = f.resolution() == null ? FailureTexts.status(f.status())
                : FailureTexts.status(f.status()) + " as " + FailureTexts.resolution(f.resolution().code())
                + " by " + f.resolution().by();
        Label about = new Label(FailureTexts.queue(f.queue()) + "  ·  " + closed);
        about.setWrapText(true);
        about.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);

        TextArea reason = new TextArea();
        reason.setId("reopen-reason");
        reason.setPromptText("Why it needs work again (required)");
        reason.setPrefRowCount(3);
        reason.setWrapText(true);
        Label reasonLabel = new Label("_Reason");
        reasonLabel.setMnemonicParsing(true);
        reasonLabel.setLabelFor(reason);
        reasonLabel.getStyleClass().add(Styles.FIELD_LABEL);

        VBox body = new VBox(8, headline, about, reasonLabel, reason);
        body.setPrefWidth(480);
        dialog.getDialogPane().setContent(body);

        ButtonType ok = new ButtonType("Reopen", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("confirm-reopen");
        okButton.getStyleClass().add(Styles.ACCENT);
        okButton.disableProperty().bind(reason.textProperty().isEmpty()
                .or(javafx.beans.binding.Bindings.createBooleanBinding(() -> reason.getText().isBlank(),
                        reason.textProperty())));
        dialog.setResultConverter(b -> b == ok ? reason.getText() : null);
        dialog.setOnShown(e -> reason.requestFocus());
        return dialog.showAndWait();
    }
}
