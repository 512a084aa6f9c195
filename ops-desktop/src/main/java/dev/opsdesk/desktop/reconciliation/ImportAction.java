package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.reconciliation.files.ReadProgress;
import dev.opsdesk.desktop.reconciliation.files.SettlementFile;
import dev.opsdesk.desktop.reconciliation.files.SettlementFormatException;
import dev.opsdesk.desktop.reconciliation.files.SettlementLayout;
import dev.opsdesk.desktop.reconciliation.files.SettlementPreview;
import dev.opsdesk.desktop.reconciliation.files.SettlementReadCancelledException;
import dev.opsdesk.desktop.reconciliation.files.SettlementReader;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * New run: pick a settlement file, read and check it here (progress, cancel), show its preview — layout, period,
 * lines per kind, totals per currency, payouts, warnings — and only on confirmation import it (progress, cancel), then
 * open the run. A file that cannot be read stops with its line and column, and nothing is sent.
 */
public final class ImportAction {

    /** Asks for the file to import; tests answer without a native dialog. */
    @FunctionalInterface
    public interface FilePicker {
        Path pick(Node owner);
    }

    /** Asks whether to import the file shown; tests answer without a dialog. */
    @FunctionalInterface
    public interface PreviewConfirmer {
        /** @return the layout to read again with (the person chose another), the same layout to import, or empty */
        Optional<String> confirm(Node owner, Path file, SettlementPreview preview, List<String> layouts);
    }

    private final ReconciliationViewModel vm;
    private final Consumer<Run> imported;
    private final ReadOnlyStringWrapper stage = new ReadOnlyStringWrapper(this, "stage", "");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty(-1);
    private FilePicker picker = ImportAction::openDialog;
    private PreviewConfirmer confirmer = ImportAction::previewDialog;
    private BackgroundTask<?> current;

    /** @param imported told the run once it is imported and matched (the section opens it) */
    public ImportAction(ReconciliationViewModel vm, Consumer<Run> imported) {
        this.vm = Objects.requireNonNull(vm);
        this.imported = Objects.requireNonNull(imported);
    }

    public void start(Node owner) {
        if (running.get()) {
            return;
        }
        Path file = picker.pick(owner);
        if (file != null) {
            recognise(owner, file);
        }
    }

    /** New run with a file already chosen (dropped on the page). */
    public void start(Node owner, Path file) {
        if (!running.get() && file != null) {
            recognise(owner, file);
        }
    }

    /**
     * A provider's layout is recognised from the header; any other file is read through one of the team's saved
     * layouts, or through a mapping the person makes now (saved under its name for everyone).
     */
    private void recognise(Node owner, Path file) {
        error.set(null);
        running.set(true);
        stage.set("Reading the header of " + file.getFileName());
        vm.tasks().task("Reading the header of " + file.getFileName(), p -> {
                    if (SettlementReader.detect(file).isPresent()) {
                        return null;
                    }
                    List<String> saved = new ArrayList<>();
                    try {
                        vm.client().reconciliation().layouts().forEach(m -> saved.add(m.name()));
                    } catch (RuntimeException e) {
                        // no saved layouts to offer: a new mapping still works
                    }
                    return Map.entry(SettlementReader.header(file), saved);
                })
                .quiet()
                .onSuccess(found -> {
                    running.set(false);
                    stage.set("");
                    if (found == null) {
                        read(owner, file, null);
                    } else {
                        chooseLayout(owner, file, found.getKey(), found.getValue());
                    }
                })
                .onFailure(e -> {
                    running.set(false);
                    stage.set("");
                    error.set(readFailure(file, e));
                })
                .start();
    }

    private static final String NEW_MAPPING = "Map its columns (a new layout)…";

    private void chooseLayout(Node owner, Path file, List<String> header, List<String> saved) {
        String choice = NEW_MAPPING;
        if (!saved.isEmpty()) {
            List<String> options = new ArrayList<>(saved);
            options.add(NEW_MAPPING);
            javafx.scene.control.ChoiceDialog<String> ask = new javafx.scene.control.ChoiceDialog<>(saved.get(0),
                    options);
            Dialogs.themed(ask, owner);
            ask.setTitle("Which layout?");
            ask.setHeaderText(file.getFileName() + " is not a Stripe, Adyen or PayPal report. Read it with one of the"
                    + " team's saved layouts, or map its columns once.");
            ask.getDialogPane().setId("recon-choose-layout");
            Optional<String> answer = ask.showAndWait();
            if (answer.isEmpty()) {
                return;
            }
            choice = answer.get();
        }
        if (!choice.equals(NEW_MAPPING)) {
            read(owner, file, choice);
            return;
        }
        MappingDialog.ask(owner, file, header).ifPresent(mapping -> {
            running.set(true);
            stage.set("Saving the layout " + mapping.name());
            vm.tasks().task("Saving the layout " + mapping.name(), p -> vm.client().reconciliation()
                            .saveLayout(mapping, dev.opsdesk.client.RequestOptions.newAction()))
                    .userWork()
                    .onSuccess(savedMapping -> {
                        running.set(false);
                        read(owner, file, savedMapping.name());
                    })
                    .onFailure(e -> {
                        running.set(false);
                        stage.set("");
                        error.set(vm.errors().describe("Could not save the layout " + mapping.name(), e,
                                vm.server()));
                    })
                    .start();
        });
    }

    /** Reads {@code file} with {@code layoutId} (null: detect it; a saved layout's name: that mapping). */
    public void read(Node owner, Path file, String layoutId) {
        error.set(null);
        running.set(true);
        stage.set("Reading " + file.getFileName());
        current = vm.tasks().task("Reading " + file.getFileName(), p -> {
            Settlement.Mapping mapping = null;
            SettlementLayout layout = null;
            if (layoutId != null) {
                layout = SettlementLayout.byId(layoutId).orElse(null);
                if (layout == null) {
                    mapping = vm.client().reconciliation().layouts().stream().filter(m -> m.name().equals(layoutId))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("No saved layout is called "
                                    + layoutId));
                    layout = SettlementLayout.GENERIC;
                }
            }
            SettlementFile parsed = SettlementReader.read(file, layout, mapping, new ReadProgress() {
                @Override
                public void progress(long lines, long bytes, long total) {
                    p.progress(bytes, total);
                }

                @Override
                public boolean cancelled() {
                    return p.isCancelled();
                }
            });
            List<String> layouts = new ArrayList<>(List.of("stripe", "adyen", "paypal"));
            try {
                vm.client().reconciliation().layouts().forEach(m -> layouts.add(m.name()));
            } catch (RuntimeException ignored) {
                // the saved layouts are a convenience; the providers' own layouts always work
            }
            return Map.entry(parsed, layouts);
        }).userWork().cancellable(true);
        current.progressProperty().addListener((obs, old, now) -> progress.set(now.doubleValue()));
        ((BackgroundTask<Map.Entry<SettlementFile, List<String>>>) current)
                .onSuccess(r -> {
                    running.set(false);
                    stage.set("");
                    SettlementFile parsed = r.getKey();
                    confirmer.confirm(owner, file, parsed.preview(), r.getValue()).ifPresent(chosen -> {
                        if (chosen.equals(parsed.layout())) {
                            send(owner, file, parsed, false);
                        } else {
                            read(owner, file, chosen);
                        }
                    });
                })
                .onFailure(e -> {
                    running.set(false);
                    stage.set("");
                    error.set(readFailure(file, e));
                })
                .onCancelled(() -> {
                    running.set(false);
                    stage.set("Reading " + file.getFileName() + " cancelled; nothing was imported.");
                })
                .start();
    }

    private UserMessage readFailure(Path file, Throwable e) {
        if (e instanceof SettlementFormatException f) {
            return new UserMessage("Cannot read " + file.getFileName(), f.getMessage() + ".",
                    "Nothing was imported. Check the file (or choose its layout), then try again.", null);
        }
        if (e instanceof SettlementReadCancelledException) {
            return new UserMessage("Reading stopped", "Nothing was imported.", "Start New run again.", null);
        }
        return vm.errors().describe("Cannot read " + file.getFileName(), e, vm.server());
    }

    private void send(Node owner, Path file, SettlementFile parsed, boolean allowDuplicate) {
        running.set(true);
        progress.set(-1);
        String user = vm.permits().username();
        current = vm.tasks().task("Importing " + file.getFileName(), p -> new SettlementImport(vm.client()).run(
                        file, parsed, allowDuplicate, user, p::progress, p::isCancelled, msg -> {
                            p.message(msg);
                            javafx.application.Platform.runLater(() -> stage.set(msg));
                        }))
                .userWork().cancellable(true);
        current.progressProperty().addListener((obs, old, now) -> progress.set(now.doubleValue()));
        ((BackgroundTask<Run>) current)
                .onSuccess(run -> {
                    running.set(false);
                    stage.set("Imported " + file.getFileName() + " as " + run.id() + ": " + Formats.plural(
                            run.summary() == null ? 0 : run.summary().openExceptions(), "open exception",
                            "open exceptions") + ".");
                    imported.accept(run);
                })
                .onFailure(e -> {
                    running.set(false);
                    stage.set("");
                    if (e instanceof SettlementImport.DuplicateFileException d) {
                        duplicate(owner, file, parsed, d);
                    } else if (e instanceof SettlementImport.CancelledException c) {
                        stage.set(c.getMessage() + ".");
                    } else {
                        error.set(vm.errors().describe("Could not import " + file.getFileName(), e, vm.server()));
                    }
                })
                .onCancelled(() -> {
                    running.set(false);
                    stage.set("Import stopped; importing the same file again resumes it.");
                })
                .start();
    }

    private void duplicate(Node owner, Path file, SettlementFile parsed, SettlementImport.DuplicateFileException d) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        Dialogs.themed(alert, owner);
        alert.setTitle("Already imported");
        alert.setHeaderText(d.getMessage() + ".");
        alert.setContentText("Importing it again counts every line twice. Open that run instead, or import again on"
                + " purpose (for instance after the provider corrected its report under the same content).");
        alert.getDialogPane().setId("recon-duplicate");
        ButtonType open = new ButtonType("Open " + d.runId(), ButtonBar.ButtonData.OK_DONE);
        ButtonType again = new ButtonType("Import again", ButtonBar.ButtonData.OTHER);
        alert.getButtonTypes().setAll(open, again, ButtonType.CANCEL);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isPresent() && answer.get() == open) {
            vm.open(d.runId());
        } else if (answer.isPresent() && answer.get() == again) {
            send(owner, file, parsed, true);
        }
    }

    /** Progress and outcome of the import, under the page title. */
    public Node outcomeBar() {
        Label text = new Label();
        text.setId("recon-import-stage");
        text.setWrapText(true);
        text.textProperty().bind(stage);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(progress);
        bar.visibleProperty().bind(running);
        bar.managedProperty().bind(running);
        Button cancel = new Button("Cancel");
        cancel.setId("recon-import-cancel");
        cancel.setOnAction(e -> {
            if (current != null) {
                current.cancel();
            }
        });
        cancel.visibleProperty().bind(running);
        cancel.managedProperty().bind(running);
        HBox line = new HBox(8, text, bar, cancel);
        line.setAlignment(Pos.CENTER_LEFT);
        line.visibleProperty().bind(stage.isNotEmpty().or(running));
        line.managedProperty().bind(line.visibleProperty());
        MessagePane failure = new MessagePane(MessagePane.Kind.ERROR, error, () -> error.set(null));
        failure.setId("recon-import-error");
        return new VBox(6, line, failure);
    }

    public void filePicker(FilePicker value) {
        this.picker = Objects.requireNonNull(value);
    }

    public void previewConfirmer(PreviewConfirmer value) {
        this.confirmer = Objects.requireNonNull(value);
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    private static Path openDialog(Node owner) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("Choose a provider's settlement report");
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter("Settlement reports (*.csv, *.xlsx)", "*.csv", "*.CSV",
                        "*.xlsx", "*.XLSX"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File file = chooser.showOpenDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    /** The preview, and the choice to import it, to read it with another layout, or to stop. */
    static Optional<String> previewDialog(Node owner, Path file, SettlementPreview preview, List<String> layouts) {
        Dialog<String> dialog = new Dialog<>();
        Dialogs.themed(dialog, owner);
        dialog.setTitle("Import " + file.getFileName());
        dialog.setHeaderText("Check the file before it is sent. Nothing has left this workstation yet.");
        dialog.getDialogPane().setId("recon-preview");
        dialog.getDialogPane().setContent(previewContent(preview, layouts, dialog));
        ButtonType importIt = new ButtonType("Import and match", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(importIt, ButtonType.CANCEL);
        ComboBox<?> layout = (ComboBox<?>) dialog.getDialogPane().lookup("#recon-preview-layout");
        dialog.setResultConverter(b -> b == importIt ? (String) layout.getValue() : null);
        return dialog.showAndWait();
    }

    static Node previewContent(SettlementPreview preview, List<String> layouts, Dialog<String> dialog) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ComboBox<String> layout = new ComboBox<>();
        layout.setId("recon-preview-layout");
        layout.getItems().addAll(layouts);
        if (!layouts.contains(preview.layout())) {
            layout.getItems().add(0, preview.layout());
        }
        layout.setValue(preview.layout());
        Label reread = new Label();
        reread.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        reread.textProperty().bind(layout.valueProperty().map(v -> v.equals(preview.layout()) ? ""
                : "OK reads the file again as " + v + " and shows the preview again."));
        int row = 0;
        grid.addRow(row++, strong("Layout"), new HBox(8, layout, reread));
        grid.addRow(row++, strong("Provider"), new Label(ReconTexts.provider(preview.provider())));
        grid.addRow(row++, strong("Period"), new Label(preview.period() == null ? "no lines"
                : preview.period().from().equals(preview.period().to()) ? preview.period().from().toString()
                : preview.period().from() + " – " + preview.period().to()));
        StringBuilder kinds = new StringBuilder(String.format(Locale.ROOT, "%,d lines", preview.lines()));
        preview.byKind().forEach((k, n) -> {
            if (n > 0) {
                kinds.append(" · ").append(String.format("%,d", n)).append(' ')
                        .append(ReconTexts.kind(k).toLowerCase(Locale.ROOT));
            }
        });
        Label lines = new Label(kinds.toString());
        lines.setId("recon-preview-lines");
        lines.setWrapText(true);
        grid.addRow(row++, strong("Lines"), lines);
        VBox totals = new VBox(2);
        totals.setId("recon-preview-totals");
        for (Settlement.Totals t : preview.totals()) {
            totals.getChildren().add(new Label(t.currency() + ": gross " + ReconTexts.money(t.gross(), t.currency())
                    + " · fees " + ReconTexts.money(t.fees(), t.currency()) + " · net "
                    + ReconTexts.money(t.net(), t.currency())));
        }
        grid.addRow(row++, strong("Totals"), totals);
        VBox payouts = new VBox(2);
        payouts.setId("recon-preview-payouts");
        for (Settlement.Payout p : preview.payouts()) {
            payouts.getChildren().add(new Label(ReconTexts.money(p.amount(), p.currency())));
        }
        if (preview.payouts().isEmpty()) {
            payouts.getChildren().add(new Label("none in the file"));
        }
        grid.addRow(row++, strong("Paid out"), payouts);
        VBox warnings = new VBox(2);
        warnings.setId("recon-preview-warnings");
        for (String w : preview.warnings()) {
            Label l = new Label("⚠ " + w);
            l.setWrapText(true);
            l.setMaxWidth(560);
            l.getStyleClass().add("warning-text");
            warnings.getChildren().add(l);
        }
        if (!preview.warnings().isEmpty()) {
            grid.addRow(row, strong("Warnings"), warnings);
        }
        return grid;
    }

    private static Label strong(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.STRONG);
        return l;
    }
}
