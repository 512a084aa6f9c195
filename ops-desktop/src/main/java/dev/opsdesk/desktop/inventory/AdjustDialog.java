package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import java.util.Optional;

/**
 * Adjust one pair: reason, signed quantity, note, and the resulting change shown before it is
 * posted. Stays open while the server answers; on a conflict it shows "changed by someone else"
 * with the current number and keeps what was typed.
 */
final class AdjustDialog {

    private AdjustDialog() {
    }

    static Optional<Inventory.AdjustmentResult> ask(AdjustmentForm form, Node owner) {
        Inventory.StockPair p = form.pair();
        Dialog<Inventory.AdjustmentResult> dialog = Dialogs.themed(new Dialog<>(), owner);
        dialog.setTitle("Adjust stock");
        dialog.getDialogPane().setId("adjust-dialog");

        Label headline = new Label("Adjust " + p.sku() + " at " + p.warehouse() + ": the platform's number changes"
                + " now; the ERP and the WMS receive it on their next sync.");
        headline.setWrapText(true);
        headline.setMaxWidth(460);
        headline.getStyleClass().add(Styles.DIALOG_HEADLINE);
        Label about = new Label(p.name() + "  ·  EAN " + p.ean());
        about.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);

        ComboBox<Inventory.AdjustmentReason> reason = new ComboBox<>();
        reason.setId("adjust-reason");
        reason.getItems().setAll(Inventory.AdjustmentReason.values());
        reason.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Inventory.AdjustmentReason item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : InventoryTexts.reason(item.name()));
            }
        });
        reason.setButtonCell(reason.getCellFactory().call(null));
        reason.setPromptText("Choose a reason");
        reason.valueProperty().bindBidirectional(form.reasonProperty());
        Label reasonLabel = field("_Reason", reason);

        TextField quantity = new TextField();
        quantity.setId("adjust-quantity");
        quantity.setPromptText("Signed change, e.g. -2 or +5");
        quantity.textProperty().bindBidirectional(form.quantityProperty());
        Label quantityLabel = field("_Quantity", quantity);
        Label preview = new Label();
        preview.setId("adjust-preview");
        preview.getStyleClass().add(Styles.STRONG);
        preview.textProperty().bind(form.previewProperty());

        TextArea note = new TextArea();
        note.setId("adjust-note");
        note.setPromptText("What happened (optional)");
        note.setPrefRowCount(2);
        note.setWrapText(true);
        note.textProperty().bindBidirectional(form.noteProperty());
        Label noteLabel = field("_Note", note);

        Label conflict = new Label();
        conflict.setId("adjust-conflict");
        conflict.setWrapText(true);
        conflict.getStyleClass().addAll(Styles.MESSAGE, Styles.MESSAGE_ERROR);
        conflict.textProperty().bind(form.conflictProperty());
        conflict.visibleProperty().bind(form.conflictProperty().isNotEmpty());
        conflict.managedProperty().bind(conflict.visibleProperty());
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, form.errorProperty(), form::submit);

        VBox body = new VBox(8, headline, about, reasonLabel, reason, quantityLabel, quantity, preview, noteLabel,
                note, conflict, error);
        body.setPrefWidth(480);
        dialog.getDialogPane().setContent(body);

        ButtonType ok = new ButtonType("Adjust", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("confirm-adjust");
        okButton.getStyleClass().add(Styles.ACCENT);
        okButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !Boolean.TRUE.equals(form.validProperty().getValue()) || form.busyProperty().get(),
                form.validProperty(), form.busyProperty()));
        // The dialog closes when the server has said yes; until then (or on a conflict) it stays.
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            form.submit();
        });
        form.doneProperty().addListener((obs, old, now) -> {
            if (now != null) {
                dialog.setResult(now);
                dialog.close();
            }
        });
        dialog.setResultConverter(b -> b == ok ? form.doneProperty().get() : null);
        dialog.setOnShown(e -> reason.requestFocus());
        return dialog.showAndWait();
    }

    private static Label field(String text, Node control) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(control);
        label.getStyleClass().add(Styles.FIELD_LABEL);
        return label;
    }
}
