package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.ExceptionItem;
import dev.opsdesk.client.model.Reconciliation.ResolutionCode;
import dev.opsdesk.desktop.ui.Dialogs;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Resolve one exception (with a manual match to one of the candidate payments), or several at once: a resolution
 * code and a note, both required.
 */
final class ResolveDialog {

    /** What the person chose. {@code paymentReference} only for a manual match. */
    record Answer(ResolutionCode code, String note, String paymentReference) {
    }

    private ResolveDialog() {
    }

    static Optional<Answer> ask(Node owner, Reconciliation.Kind kind, ExceptionItem item,
                                List<Reconciliation.CandidatePayment> candidates) {
        return show(owner, kind, "Resolve " + item.id(), item.summary(), candidates, true);
    }

    static Optional<Answer> askBulk(Node owner, Reconciliation.Kind kind, int count) {
        return show(owner, kind, "Resolve " + count + " exceptions", "The same code and note for each of the "
                + count + " selected exceptions; each is recorded on its own in the audit trail.", List.of(), false);
    }

    private static Optional<Answer> show(Node owner, Reconciliation.Kind kind, String title, String header,
                                         List<Reconciliation.CandidatePayment> candidates, boolean single) {
        Dialog<Answer> dialog = new Dialog<>();
        Dialogs.themed(dialog, owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setId("recon-resolve-dialog");
        ComboBox<ResolutionCode> code = ReconciliationView.combo("recon-resolve-code",
                c -> c == null ? "Choose…" : ReconTexts.resolution(c));
        boolean settlement = kind != Reconciliation.Kind.STOCK_COUNT;
        code.getItems().addAll(Arrays.stream(ResolutionCode.values())
                .filter(c -> c.forSettlements() == settlement)
                .filter(c -> single || c != ResolutionCode.MANUAL_MATCH).toList());
        ComboBox<Reconciliation.CandidatePayment> payment = ReconciliationView.combo("recon-resolve-payment",
                p -> p == null ? "Choose the payment…" : p.reference() + " · " + p.orderNumber() + " · "
                        + ReconTexts.money(p.amount(), p.currency()) + (p.reasons().isEmpty() ? ""
                        : " — " + String.join(", ", p.reasons())));
        payment.getItems().addAll(candidates.stream().filter(c -> !c.alreadyMatched()).toList());
        payment.setMaxWidth(Double.MAX_VALUE);
        Label paymentLabel = new Label("Payment:");
        paymentLabel.setLabelFor(payment);
        var manual = code.valueProperty().isEqualTo(ResolutionCode.MANUAL_MATCH);
        payment.visibleProperty().bind(manual);
        paymentLabel.visibleProperty().bind(manual);
        TextArea note = new TextArea();
        note.setId("recon-resolve-note");
        note.setPromptText("Why — e.g. \"settles in the next payout\", \"claimed as case 4711\"");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        Label codeLabel = new Label("_Resolution:");
        codeLabel.setMnemonicParsing(true);
        codeLabel.setLabelFor(code);
        Label noteLabel = new Label("_Note:");
        noteLabel.setMnemonicParsing(true);
        noteLabel.setLabelFor(note);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, codeLabel, code);
        grid.addRow(1, paymentLabel, payment);
        grid.addRow(2, noteLabel, note);
        Label empty = new Label("No payment fits: choose another resolution.");
        if (single && candidates.stream().allMatch(Reconciliation.CandidatePayment::alreadyMatched)) {
            empty.visibleProperty().bind(manual);
            grid.add(empty, 1, 3);
        }
        dialog.getDialogPane().setContent(grid);
        ButtonType ok = new ButtonType("Resolve", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> code.getValue() == null || note.getText().isBlank()
                        || code.getValue() == ResolutionCode.MANUAL_MATCH && payment.getValue() == null,
                code.valueProperty(), note.textProperty(), payment.valueProperty()));
        dialog.setResultConverter(b -> b != ok ? null : new Answer(code.getValue(), note.getText().trim(),
                code.getValue() == ResolutionCode.MANUAL_MATCH ? payment.getValue().reference() : null));
        Platform.runLater(code::requestFocus);
        return dialog.showAndWait();
    }
}
