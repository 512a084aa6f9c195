package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Optional;

/**
 * The confirmation before one replay: what it will do in business words (from the server's
 * preview), the failure it is about, and an optional note; or, when nothing can be replayed, why.
 */
final class ReplayDialog {

    private ReplayDialog() {
    }

    /** @return the note, present when the user confirmed */
    static Optional<String> confirm(ReplayProposal proposal, Node owner) {
        Failure f = proposal.failure();
        Dialog<String> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.setTitle(proposal.canConfirm() ? "Replay this failure?" : "Cannot replay");
        dialog.getDialogPane().setId("replay-dialog");

        var icon = Icons.icon(proposal.canConfirm() ? (proposal.warning() ? Icons.ERROR : Icons.REPLAY) : Icons.QUARANTINED, 28);
        icon.getStyleClass().add(proposal.warning() || !proposal.canConfirm() ? Styles.OUTCOME_FAILED : "page-icon");
        Label headline = new Label(proposal.headline());
        headline.setId("replay-headline");
        headline.setWrapText(true);
        headline.getStyleClass().add(Styles.DIALOG_HEADLINE);
        headline.setMaxWidth(460);
        HBox top = new HBox(12, icon, headline);

        VBox body = new VBox(10, top);
        if (proposal.explanation() != null && !proposal.explanation().isBlank()) {
            Label explanation = new Label("Server check: " + proposal.explanation());
            explanation.setId("replay-explanation");
            explanation.setWrapText(true);
            explanation.setMaxWidth(500);
            explanation.getStyleClass().add(proposal.warning() ? Styles.WARNING_TEXT : Styles.MUTED);
            body.getChildren().add(explanation);
        }
        Label about = new Label(FailureTexts.queue(f.queue()) + "  ·  " + FailureTexts.reason(f.reason())
                + (f.provider() != null ? "  ·  " + FailureTexts.provider(f.provider()) : "")
                + (f.orderNumber() != null ? "  ·  order " + f.orderNumber() : "")
                + (f.amount() != null ? "  ·  " + Formats.money(f.amount()) : "")
                + "  ·  " + f.attemptCount() + (f.attemptCount() == 1 ? " attempt so far" : " attempts so far"));
        about.setWrapText(true);
        about.setMaxWidth(500);
        about.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        body.getChildren().add(about);

        TextField note = new TextField();
        note.setId("replay-note");
        note.setPromptText("Optional note, kept with the failure (e.g. “customer called”)");
        if (proposal.canConfirm()) {
            Label safe = new Label(FailureTexts.replaySafety(f.queue()));
            safe.setId("replay-safety");
            safe.setWrapText(true);
            safe.setMaxWidth(500);
            safe.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
            body.getChildren().addAll(note, safe);
        }
        body.setPrefWidth(520);
        dialog.getDialogPane().setContent(body);

        ButtonType go = new ButtonType(proposal.confirmLabel().replace("_", ""), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(proposal.canConfirm() ? "Cancel" : "Close", ButtonBar.ButtonData.CANCEL_CLOSE);
        if (proposal.canConfirm()) {
            dialog.getDialogPane().getButtonTypes().addAll(go, cancel);
            Button goButton = (Button) dialog.getDialogPane().lookupButton(go);
            goButton.setId("confirm-replay");
            goButton.getStyleClass().add(Styles.ACCENT);
            goButton.setDefaultButton(true);
            Button cancelButton = (Button) dialog.getDialogPane().lookupButton(cancel);
            cancelButton.setDefaultButton(false);
        } else {
            dialog.getDialogPane().getButtonTypes().add(cancel);
        }
        dialog.getDialogPane().lookupButton(cancel).setId("cancel-replay");
        dialog.setResultConverter(b -> b == go ? note.getText() : null);
        dialog.setOnShown(e -> {
            Node goButton = dialog.getDialogPane().lookupButton(go);
            if (goButton != null) {
                goButton.requestFocus();
            }
        });
        return dialog.showAndWait();
    }
}
