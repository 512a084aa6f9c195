package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Action;
import dev.opsdesk.client.model.Reconciliation.ExceptionItem;
import dev.opsdesk.client.model.Reconciliation.ExceptionStatus;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The selected exception: what is wrong in words, the lines as they stand in the file (with their line numbers), the
 * platform's payment, the candidates a manual match could pair with, and the resolution history.
 */
final class ExceptionDetailView {

    private final ReconciliationViewModel vm;
    private final Formats formats;
    private final VBox root = new VBox(8);
    private final VBox content = new VBox(8);

    ExceptionDetailView(ReconciliationViewModel vm, Formats formats, Runnable resolve,
                        Consumer<ExceptionItem> reopen) {
        this.vm = vm;
        this.formats = formats;
        root.setId("recon-detail");
        root.setPadding(new Insets(4, 8, 8, 12));
        Label empty = new Label("Select an exception to see its lines as in the file, the candidate payments and its"
                + " history. Enter resolves the selection.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.MUTED);
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.detailErrorProperty(), null);
        Button resolveButton = new Button("Resolve…");
        resolveButton.setId("recon-detail-resolve");
        resolveButton.setOnAction(e -> resolve.run());
        Node resolveGate = Gate.gate(resolveButton, vm.permitOf(Action.RESOLVE), vm.busyProperty(),
                "Resolve this exception with a code and a note, or match it to a payment by hand.");
        Button reopenButton = new Button("Reopen…");
        reopenButton.setId("recon-detail-reopen");
        reopenButton.setOnAction(e -> {
            if (vm.selectedProperty().get() != null) {
                reopen.accept(vm.selectedProperty().get());
            }
        });
        Node reopenGate = Gate.gate(reopenButton, vm.permitOf(Action.RESOLVE), vm.busyProperty(),
                "Undo the resolution (the history keeps it); a manual match is undone too.");
        javafx.scene.layout.HBox buttons = new javafx.scene.layout.HBox(8, resolveGate, reopenGate);
        root.getChildren().addAll(empty, error, content, buttons);
        empty.visibleProperty().bind(vm.selectedProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        buttons.visibleProperty().bind(vm.detailProperty().isNotNull());
        buttons.managedProperty().bind(buttons.visibleProperty());
        vm.detailProperty().addListener((obs, old, now) -> {
            show(now);
            boolean open = now != null && now.exception().status() == ExceptionStatus.OPEN;
            resolveGate.setVisible(open);
            resolveGate.setManaged(open);
            reopenGate.setVisible(now != null && now.exception().status() == ExceptionStatus.RESOLVED);
            reopenGate.setManaged(reopenGate.isVisible());
        });
    }

    private void show(Reconciliation.ExceptionDetail d) {
        content.getChildren().clear();
        if (d == null) {
            return;
        }
        ExceptionItem x = d.exception();
        Label heading = new Label(ReconTexts.category(x.category()) + " · " + x.id());
        heading.getStyleClass().add(Styles.SECTION_TITLE);
        Label summary = new Label(x.summary());
        summary.setId("recon-detail-summary");
        summary.setWrapText(true);
        content.getChildren().addAll(heading, summary);
        if (x.category() != null) {
            Label hint = new Label(ReconTexts.categoryHint(x.category()));
            hint.setWrapText(true);
            hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
            content.getChildren().add(hint);
        }
        if (x.sku() != null) {
            content.getChildren().add(fact("On hand at the start: " + x.expected() + " · counted: " + x.actual()
                    + " · variance: " + (x.difference() != null && x.difference() > 0 ? "+" : "") + x.difference()
                    + (x.value() == null ? "" : " (" + ReconTexts.money(x.value(), x.currency()) + ")")
                    + (x.quantityNow() == null ? "" : " · on hand now: " + x.quantityNow())));
            if (!x.movements().isEmpty()) {
                content.getChildren().add(subtitle("Moved since the count started"));
                x.movements().forEach(m -> content.getChildren().add(fact(formats.absolute(m.at()) + "  "
                        + (m.delta() > 0 ? "+" : "") + m.delta() + "  " + m.cause())));
            }
            if (x.applied() != null) {
                Label applied = new Label("APPLIED".equals(x.applied().status())
                        ? "Applied to stock at approval: " + x.applied().quantityBefore() + " → "
                        + x.applied().quantityAfter() + (x.applied().adjustmentId() == null ? ""
                        : " (adjustment " + x.applied().adjustmentId() + ")")
                        : "Not applied: the stock moved again after the review saw it; review it again.");
                applied.setId("recon-detail-applied");
                applied.setWrapText(true);
                content.getChildren().add(applied);
            }
        } else if (x.difference() != null && x.currency() != null) {
            content.getChildren().add(fact("Platform / schedule: " + ReconTexts.money(x.expected(), x.currency())
                    + "   Report: " + ReconTexts.money(x.actual(), x.currency()) + "   Difference: "
                    + ReconTexts.money(x.difference(), x.currency())));
        }
        if (x.resolution() != null) {
            Label res = new Label("Resolved as " + ReconTexts.resolution(x.resolution().code()) + " by "
                    + x.resolution().by() + ", " + formats.absolute(x.resolution().at()) + ": " + x.resolution().note()
                    + (x.resolution().paymentReference() == null ? "" : " (payment "
                    + x.resolution().paymentReference() + ")"));
            res.setId("recon-detail-resolution");
            res.setWrapText(true);
            content.getChildren().add(res);
        }
        if (!d.lines().isEmpty()) {
            content.getChildren().add(subtitle("In the file"));
            StringBuilder raw = new StringBuilder();
            for (Settlement.Line l : d.lines()) {
                raw.append(String.format("%6d  %s%n", l.lineNumber(), l.raw()));
            }
            TextArea file = new TextArea(raw.toString().stripTrailing());
            file.setId("recon-detail-lines");
            file.setEditable(false);
            file.setWrapText(false);
            file.getStyleClass().add(Styles.MONO);
            file.setPrefRowCount(Math.min(6, d.lines().size() + 1));
            content.getChildren().add(file);
            for (Settlement.Line l : d.lines()) {
                content.getChildren().add(fact("Line " + l.lineNumber() + ": " + ReconTexts.kind(l.kind()) + " "
                        + ReconTexts.money(l.gross(), l.currency()) + ", fee " + ReconTexts.money(l.fee(), l.currency())
                        + ", booked " + formats.absolute(l.bookedAt())));
            }
        }
        if (d.payment() != null) {
            content.getChildren().addAll(subtitle("In the platform"), fact(payment(d.payment())));
        }
        if (!d.candidates().isEmpty() && x.status() == ExceptionStatus.OPEN) {
            content.getChildren().add(subtitle("Candidates for a manual match"));
            d.candidates().stream().limit(5).forEach(c -> content.getChildren().add(fact(payment(c)
                    + (c.reasons().isEmpty() ? "" : " — " + String.join(", ", c.reasons()))
                    + (c.alreadyMatched() ? " (already matched)" : ""))));
        }
        if (!d.history().isEmpty()) {
            content.getChildren().add(subtitle("History"));
            d.history().forEach(h -> content.getChildren().add(fact(formats.absolute(h.at()) + "  " + h.actor() + "  "
                    + h.action().toLowerCase(java.util.Locale.ROOT) + (h.code() == null ? ""
                    : " as " + ReconTexts.resolution(h.code())) + (h.note() == null ? "" : ": " + h.note()))));
        }
    }

    private static String payment(Reconciliation.CandidatePayment p) {
        return p.reference() + " · " + p.orderNumber() + " · " + ReconTexts.money(p.amount(), p.currency()) + " · "
                + p.state().toLowerCase(java.util.Locale.ROOT);
    }

    private static Label subtitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.STRONG);
        return l;
    }

    private static Label fact(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.SMALL);
        return l;
    }

    Node root() {
        return root;
    }
}
