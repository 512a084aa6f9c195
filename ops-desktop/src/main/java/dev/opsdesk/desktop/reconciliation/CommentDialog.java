package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.desktop.ui.Dialogs;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

import java.util.Optional;

/** Asks for a required comment or reason (reject, reopen, undo a resolution); OK stays disabled while it is empty. */
final class CommentDialog {

    private CommentDialog() {
    }

    static Optional<String> ask(Node owner, String title, String question, String confirm) {
        Dialog<String> dialog = new Dialog<>();
        Dialogs.themed(dialog, owner);
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        dialog.getDialogPane().setId("recon-comment-dialog");
        TextArea text = new TextArea();
        text.setId("recon-comment");
        text.setPrefRowCount(4);
        text.setWrapText(true);
        Label hint = new Label("Required; it goes into the run's history and the audit trail.");
        hint.getStyleClass().add("muted");
        dialog.getDialogPane().setContent(new VBox(6, text, hint));
        ButtonType ok = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(text.textProperty().map(String::isBlank));
        dialog.setResultConverter(b -> b == ok ? text.getText().trim() : null);
        Platform.runLater(text::requestFocus);
        return dialog.showAndWait();
    }
}
