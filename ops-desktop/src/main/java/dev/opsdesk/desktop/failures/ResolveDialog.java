package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Optional;

/** Resolve or dismiss a failure: a reason code and a note saying why, both required. */
final class ResolveDialog {

    /** What the user chose. */
    record Choice(String code, String note) {
    }

    private ResolveDialog() {
    }

    /** @param status RESOLVED or DISMISSED */
    static Optional<Choice> ask(Failure f, String status, Node owner) {
        boolean dismiss = "DISMISSED".equals(status);
        Dialog<Choice> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.setTitle(dismiss ? "Dismiss failure" : "Resolve failure");
        dialog.getDialogPane().setId("resolve-dialog");

        Label headline = new Label(dismiss
                ? "Dismiss it: close it without replaying, nothing changes on the order."
                : "Resolve it: you fixed it another way (e.g. captured in the provider's dashboard).");
        headline.setWrapText(true);
        headline.setMaxWidth(460);
        headline.getStyleClass().add(Styles.DIALOG_HEADLINE);
        Label about = new Label(FailureTexts.queue(f.queue()) + "  ·  " + FailureTexts.reason(f.reason())
                + (f.orderNumber() != null ? "  ·  order " + f.orderNumber() : ""));
        about.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);

        List<String> codes = dismiss
                ? List.of("DUPLICATE", "NOT_AN_ISSUE", "WONT_FIX", "CUSTOMER_CONTACTED")
                : List.of("FIXED_MANUALLY", "CUSTOMER_CONTACTED", "DUPLICATE", "NOT_AN_ISSUE");
        ComboBox<String> code = new ComboBox<>();
        code.setId("resolution-code");
        code.getItems().setAll(codes);
        // No reason is chosen for the person: a pre-selected one gets recorded without being read.
        code.setPromptText("Choose a reason");
        code.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : FailureTexts.resolution(item));
            }
        });
        code.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? code.getPromptText() : FailureTexts.resolution(item));
            }
        });
        Label codeLabel = new Label("_Reason");
        codeLabel.setMnemonicParsing(true);
        codeLabel.setLabelFor(code);
        codeLabel.getStyleClass().add(Styles.FIELD_LABEL);

        TextArea note = new TextArea();
        note.setId("resolution-note");
        note.setPromptText("Why (required) — colleagues and auditors read this");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        Label noteLabel = new Label("_Note");
        noteLabel.setMnemonicParsing(true);
        noteLabel.setLabelFor(note);
        noteLabel.getStyleClass().add(Styles.FIELD_LABEL);

        VBox body = new VBox(8, headline, about, codeLabel, code, noteLabel, note);
        body.setPrefWidth(480);
        dialog.getDialogPane().setContent(body);

        ButtonType ok = new ButtonType(dismiss ? "Dismiss" : "Resolve", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("confirm-resolve");
        okButton.getStyleClass().add(Styles.ACCENT);
        okButton.disableProperty().bind(note.textProperty().isEmpty().or(code.valueProperty().isNull()));
        dialog.setResultConverter(b -> b == ok ? new Choice(code.getValue(), note.getText()) : null);
        dialog.setOnShown(e -> code.requestFocus());
        return dialog.showAndWait();
    }
}
