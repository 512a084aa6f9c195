package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.ReplayJobItem;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The bulk replay window: preview (what it would do, in words), confirmation, progress with
 * Cancel, and the result — what failed with its error, what was skipped and why, and "Retry failed
 * only".
 */
final class BulkReplayView {

    private final BulkReplayViewModel vm;
    private final Runnable onClose;
    private final BorderPane root = new BorderPane();
    private final VBox center = new VBox(12);
    private final HBox buttons = new HBox(8);
    private final Stage stage;

    /** Opens the audit trail on an entity; null when the user may not read it. */
    private final java.util.function.Consumer<String> auditTimeline;

    private BulkReplayView(BulkReplayViewModel vm, Node owner, Runnable onClose,
                           java.util.function.Consumer<String> auditTimeline) {
        this.vm = vm;
        this.onClose = onClose;
        this.auditTimeline = auditTimeline;
        root.setId("bulk-replay");
        root.getStyleClass().add(Styles.PAGE);

        Label title = new Label("Bulk replay of " + vm.selectionText());
        title.setId("bulk-title");
        title.setWrapText(true);
        title.getStyleClass().add(Styles.DIALOG_HEADLINE);
        var icon = Icons.icon(Icons.BULK_REPLAY, 26);
        icon.getStyleClass().add("page-icon");
        HBox top = new HBox(12, icon, title);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 12, 0));
        root.setTop(top);

        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.errorProperty(), null);
        error.setId("bulk-error");
        VBox middle = new VBox(10, error, center);
        VBox.setVgrow(center, Priority.ALWAYS);
        root.setCenter(middle);

        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        root.setBottom(buttons);

        vm.stageProperty().addListener((obs, old, now) -> render());
        render();

        stage = Dialogs.window(owner, "Bulk replay", root, 720, 560);
        stage.setOnHidden(e -> onClose.run());
        stage.getScene().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.stageProperty().get() != BulkReplayViewModel.Stage.RUNNING) {
                stage.close();
            }
        });
    }

    /** Opens the window for {@code vm} (already previewing). */
    static BulkReplayView open(BulkReplayViewModel vm, Node owner, Runnable onClose,
                               java.util.function.Consumer<String> auditTimeline) {
        BulkReplayView view = new BulkReplayView(vm, owner, onClose, auditTimeline);
        view.stage.show();
        return view;
    }

    private void render() {
        center.getChildren().clear();
        buttons.getChildren().clear();
        switch (vm.stageProperty().get()) {
            case PREVIEWING -> {
                center.getChildren().add(busy("Checking what the replay would do… nothing runs yet."));
                buttons.getChildren().add(close("Cancel"));
            }
            case CONFIRM, NOTHING_TO_DO -> renderPreview();
            case STARTING -> {
                center.getChildren().add(busy("Starting the replay on the server…"));
            }
            case RUNNING, CANCELLING -> renderProgress();
            case FINISHED -> renderResult();
            case ERROR -> buttons.getChildren().add(close("Close"));
        }
    }

    private void renderPreview() {
        boolean nothing = vm.stageProperty().get() == BulkReplayViewModel.Stage.NOTHING_TO_DO;
        ReplayPreview p = vm.previewProperty().get();
        Label lead = new Label(nothing ? "Nothing here can be replayed:"
                : "What a replay of " + (p.total() == 1 ? "this failure" : "these " + Formats.count(p.total()) + " failures")
                + " would do now (nothing has run yet):");
        lead.getStyleClass().add(Styles.STRONG);
        VBox lines = new VBox(4);
        lines.setId("bulk-effects");
        for (String line : vm.effectLines()) {
            Label l = new Label("•  " + line);
            l.setWrapText(true);
            lines.getChildren().add(l);
        }
        Label itemsTitle = new Label(p.truncated() ? "The first " + p.items().size() + ", one by one:" : "One by one:");
        itemsTitle.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        ListView<ReplayPreview.Item> items = new ListView<>(vm.previewItems());
        items.setId("bulk-preview-items");
        items.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ReplayPreview.Item item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(vm.describe(item));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        VBox.setVgrow(items, Priority.ALWAYS);
        center.getChildren().addAll(lead, lines, itemsTitle, items);
        if (nothing) {
            buttons.getChildren().add(close("Close"));
            return;
        }
        Label note = new Label("Runs on the server at up to " + BulkReplayViewModel.THROTTLE_PER_SECOND
                + " per second; each failure takes effect at most once. You can cancel while it runs.");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        center.getChildren().add(note);
        Button start = new Button("_Start replay of " + Formats.count(vm.runnable()),
                Icons.icon(Icons.REPLAY, 16));
        start.setId("bulk-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(true);
        start.setOnAction(e -> vm.confirm());
        buttons.getChildren().addAll(start, close("Cancel"));
        start.requestFocus();
    }

    private void renderProgress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("bulk-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label text = new Label();
        text.setId("bulk-progress-text");
        text.textProperty().bind(vm.progressTextProperty());
        Label hint = new Label(vm.stageProperty().get() == BulkReplayViewModel.Stage.CANCELLING
                ? "Cancelling — it stops after the item in progress…"
                : "Running on the server. Closing this window does not stop it; Cancel does.");
        hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        center.getChildren().addAll(bar, text, hint);
        Button cancel = new Button("_Cancel replay", Icons.icon(Icons.STOP, 16));
        cancel.setId("bulk-cancel");
        cancel.setDisable(vm.stageProperty().get() == BulkReplayViewModel.Stage.CANCELLING);
        cancel.setOnAction(e -> vm.cancel());
        buttons.getChildren().addAll(cancel, close("Close"));
    }

    private void renderResult() {
        Label result = new Label();
        result.setId("bulk-result");
        result.textProperty().bind(vm.resultTextProperty());
        result.getStyleClass().add(Styles.SECTION_TITLE);
        result.setWrapText(true);
        center.getChildren().add(result);
        Label money = new Label();
        money.setId("bulk-money");
        money.textProperty().bind(vm.moneyTextProperty());
        money.setWrapText(true);
        money.getStyleClass().add(Styles.STRONG);
        center.getChildren().add(money);
        var job = vm.jobProperty().get();
        if (job != null) {
            // The job's id, and its trail: who started it, each item's replay, who cancelled it.
            javafx.scene.control.Hyperlink trail = new javafx.scene.control.Hyperlink("Job " + job.id()
                    + (auditTimeline == null ? "" : " — open its audit trail"));
            trail.setId("bulk-job-link");
            trail.setDisable(auditTimeline == null);
            trail.setOnAction(e -> {
                stage.close();
                auditTimeline.accept(vm.auditEntity());
            });
            center.getChildren().add(trail);
        }
        if (!vm.failedItems().isEmpty()) {
            center.getChildren().add(itemList("Failed — these need another look:", vm.failedItems(), "bulk-failed-items",
                    vm.jobProperty().get() != null && vm.jobProperty().get().failed() > vm.failedItems().size()));
            Button export = new Button("_Export failed items…", Icons.icon(org.kordamp.ikonli.materialdesign2.MaterialDesignF.FILE_EXPORT_OUTLINE, 16));
            export.setId("bulk-export-failed");
            export.disableProperty().bind(vm.failedExport().runningProperty());
            export.setOnAction(e -> {
                javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
                chooser.setTitle("Export the failed items");
                chooser.setInitialDirectory(vm.failedExport().initialFolder().toFile());
                chooser.setInitialFileName(vm.failedExport().suggestedFileName(
                        dev.opsdesk.desktop.export.ExportFormat.XLSX));
                chooser.getExtensionFilters().addAll(
                        new javafx.stage.FileChooser.ExtensionFilter("Excel workbook", "*.xlsx"),
                        new javafx.stage.FileChooser.ExtensionFilter("CSV file", "*.csv"));
                java.io.File file = chooser.showSaveDialog(stage);
                if (file != null) {
                    vm.exportFailed(file.toPath(), file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                            ? dev.opsdesk.desktop.export.ExportFormat.CSV : dev.opsdesk.desktop.export.ExportFormat.XLSX);
                }
            });
            Label exported = new Label();
            exported.setId("bulk-export-outcome");
            exported.setWrapText(true);
            exported.textProperty().bind(vm.failedExport().outcomeProperty());
            exported.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
            HBox exportRow = new HBox(8, export, exported);
            exportRow.setAlignment(Pos.CENTER_LEFT);
            center.getChildren().add(exportRow);
        }
        if (!vm.skippedItems().isEmpty()) {
            center.getChildren().add(itemList("Skipped — not run:", vm.skippedItems(), "bulk-skipped-items",
                    vm.jobProperty().get() != null && vm.jobProperty().get().skipped() > vm.skippedItems().size()));
        }
        if (vm.failedItems().isEmpty() && vm.skippedItems().isEmpty()) {
            Label ok = new Label("Every item took effect.", Icons.icon(Icons.SUCCEEDED, 18));
            ok.getStyleClass().add(Styles.OUTCOME_SUCCEEDED);
            center.getChildren().add(ok);
        }
        if (vm.canRetryFailedProperty().get()) {
            Label how = new Label("“Retry failed only” starts a new replay of just the "
                    + Formats.plural(vm.jobProperty().get().failed(), "item", "items")
                    + " that failed — fix their cause first (e.g. " + vm.fixFirstHint() + ").");
            how.setWrapText(true);
            how.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
            center.getChildren().add(how);
        }
        Button retry = new Button("_Retry failed only", Icons.icon(Icons.REPLAY, 16));
        retry.setId("bulk-retry-failed");
        retry.disableProperty().bind(vm.canRetryFailedProperty().not());
        retry.setOnAction(e -> vm.retryFailed());
        buttons.getChildren().addAll(retry, close("Close"));
    }

    private Node itemList(String title, ObservableList<ReplayJobItem> items, String id, boolean more) {
        Label heading = new Label(title + (more ? " (the first " + items.size() + ")" : ""));
        heading.getStyleClass().add(Styles.STRONG);
        ListView<ReplayJobItem> list = new ListView<>(items);
        list.setId(id);
        list.setPrefHeight(Math.min(240, 46 * items.size() + 8));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ReplayJobItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                String subject = item.orderNumber() != null ? "Order " + item.orderNumber()
                        : vm.subjectOf(item.failureId());
                setText(subject + "  —  " + (item.error() != null ? item.error() : FailureTexts.effect(item.effect())));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        VBox box = new VBox(4, heading, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private Node busy(String text) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(28, 28);
        Label l = new Label(text);
        HBox box = new HBox(10, spinner, l);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Button close(String text) {
        Button close = new Button(text);
        close.setId("bulk-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        return close;
    }

    Stage stage() {
        return stage;
    }
}
