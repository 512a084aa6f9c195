package dev.opsdesk.desktop.export.ui;

import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Permit;
import javafx.beans.value.ObservableValue;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.RowSource;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Export button of a table: a menu (all matching rows or the selection, as XLSX or CSV), a
 * file chooser that opens in the last folder, the export in the background (progress and Cancel
 * in the status bar), and a bar saying what was written with "Open folder".
 *
 * <p>The table's columns are matched to the dataset by {@link TableColumn#getId()}; the visible
 * ones are exported in the order the user arranged them.
 *
 * @param <T> the table's item type
 * @param <R> the row type the dataset's columns read
 */
public final class ExportAction<T, R> {

    /** Asks where to save; null when the user cancelled. Injectable so a test needs no native dialog. */
    @FunctionalInterface
    public interface FileAsker {
        Path ask(Window owner, ExportChoice choice, Path initialFolder, String suggestedName);
    }

    private final ExportViewModel<R> viewModel;
    private final TableView<T> table;
    private final Function<? super T, ? extends R> rowOf;
    private final Supplier<RowSource<R>> allMatching;
    private final Consumer<Path> openFolder;
    private FileAsker fileAsker = ExportAction::chooseWithFileChooser;
    private String allMatchingOnly;
    private Supplier<String> filterWords = () -> null;

    /**
     * @param rowOf       the dataset row of a table item (identity when they are the same)
     * @param allMatching every row matching the table's current filter; called on a worker thread
     * @param openFolder  opens a folder in the desktop's file manager (e.g. through {@code HostServices})
     */
    public ExportAction(ExportViewModel<R> viewModel, TableView<T> table, Function<? super T, ? extends R> rowOf,
                        Supplier<RowSource<R>> allMatching, Consumer<Path> openFolder) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.table = Objects.requireNonNull(table, "table");
        this.rowOf = Objects.requireNonNull(rowOf, "rowOf");
        this.allMatching = Objects.requireNonNull(allMatching, "allMatching");
        this.openFolder = Objects.requireNonNull(openFolder, "openFolder");
    }

    /** As above, opening the folder through the view model ({@link ExportViewModel#openFolder(Path)}). */
    public ExportAction(ExportViewModel<R> viewModel, TableView<T> table, Function<? super T, ? extends R> rowOf,
                        Supplier<RowSource<R>> allMatching) {
        this(viewModel, table, rowOf, allMatching, viewModel::openFolder);
    }

    /** What the table shows, in words, for the suggested file name (e.g. the filter: "payment callbacks · open"). */
    public ExportAction<T, R> describedBy(Supplier<String> value) {
        this.filterWords = Objects.requireNonNull(value, "value");
        return this;
    }

    public ExportAction<T, R> fileAsker(FileAsker value) {
        this.fileAsker = Objects.requireNonNull(value, "fileAsker");
        return this;
    }

    /**
     * Offers only "all matching" exports, named {@code rows} in the menu (e.g. "Every event matching the filter"):
     * for a table whose exports must go through the server (the audit trail records each export; a copy of the
     * rows on screen would leave no trace).
     */
    public ExportAction<T, R> allMatchingOnly(String rows) {
        this.allMatchingOnly = Objects.requireNonNull(rows, "rows");
        return this;
    }

    /** The visible leaf columns' ids, in the order shown; columns without an id are not exported. */
    public static List<String> visibleColumnIds(TableView<?> table) {
        List<String> ids = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            if (c.getId() != null && !c.getId().isBlank()) {
                ids.add(c.getId());
            }
        }
        return ids;
    }

    /** The "Export" menu button for the table's toolbar. */
    public MenuButton button() {
        MenuButton button = new MenuButton("Export");
        button.setId("export-" + viewModel.dataset().name());
        List<ExportChoice> choices = ExportChoice.menu();
        if (allMatchingOnly != null) {
            choices = choices.stream().filter(c -> c.scope() == ExportChoice.Scope.ALL_MATCHING).toList();
        }
        for (int i = 0; i < choices.size(); i++) {
            ExportChoice choice = choices.get(i);
            if (i > 0 && choice.scope() != choices.get(i - 1).scope()) {
                button.getItems().add(new SeparatorMenuItem());
            }
            MenuItem item = new MenuItem(allMatchingOnly == null ? choice.label()
                    : choice.label().replace("All matching rows", allMatchingOnly));
            item.setId("export-" + choice.scope().name().toLowerCase() + "-" + choice.format().extension()
                    + "-" + choice.csvProfile().name().toLowerCase());
            item.setUserData(choice);
            item.setOnAction(e -> run(choice));
            button.getItems().add(item);
        }
        button.setOnShowing(e -> {
            int selected = table.getSelectionModel().getSelectedItems().size();
            for (MenuItem item : button.getItems()) {
                if (item.getUserData() instanceof ExportChoice choice) {
                    item.setDisable(!viewModel.canExport(choice, selected));
                }
            }
        });
        button.disableProperty().bind(viewModel.runningProperty());
        return button;
    }

    /**
     * The Export button for a section's title row: greyed out with the reason while the user may not
     * export ({@code permit}) or an export runs; {@code tip} says what it writes.
     */
    public Node gatedButton(ObservableValue<Permit> permit, String tip) {
        MenuButton export = button();
        export.setText("_Export");
        export.setGraphic(Icons.icon(MaterialDesignF.FILE_EXPORT_OUTLINE, 16));
        export.setMinWidth(Region.USE_PREF_SIZE);
        return Gate.gate(export, permit, viewModel.runningProperty(), tip);
    }

    /** Says what the last export did, with "Open folder"; hidden while there is nothing to say. */
    public Node outcomeBar() {
        Label text = new Label();
        text.setId("export-outcome");
        text.setWrapText(true);
        text.textProperty().bind(viewModel.outcomeProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Button open = new Button("Open folder");
        open.setId("export-open-folder");
        // The message wraps; the buttons keep their words (a long message once squeezed this to "Op…").
        open.setMinWidth(Region.USE_PREF_SIZE);
        text.setMinWidth(0);
        open.visibleProperty().bind(viewModel.folderToOpenProperty().isNotNull());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(e -> {
            Path folder = viewModel.folderToOpenProperty().get();
            if (folder != null) {
                openFolder.accept(folder);
            }
        });
        Button close = new Button("✕");
        close.setId("export-dismiss");
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> viewModel.dismissOutcome());
        HBox bar = new HBox(8, text, open, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("export-outcome");
        bar.visibleProperty().bind(viewModel.outcomeProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Runs one menu entry: asks for the file, then exports in the background. */
    public void run(ExportChoice choice) {
        int selected = table.getSelectionModel().getSelectedItems().size();
        if (!viewModel.canExport(choice, selected)) {
            return;
        }
        Window owner = table.getScene() == null ? null : table.getScene().getWindow();
        Path file = fileAsker.ask(owner, choice, viewModel.initialFolder(), viewModel.suggestedFileName(choice.format(), filterWords.get()));
        if (file == null) {
            return;
        }
        List<String> columns = visibleColumnIds(table);
        Supplier<RowSource<R>> rows;
        if (choice.scope() == ExportChoice.Scope.SELECTION) {
            // Copied here, on the FX thread: the worker must not read the live selection.
            List<R> snapshot = new ArrayList<>();
            for (T item : table.getSelectionModel().getSelectedItems()) {
                snapshot.add(rowOf.apply(item));
            }
            rows = () -> RowSource.of(snapshot);
        } else {
            rows = allMatching;
        }
        viewModel.export(choice, file, columns, rows);
    }

    private static Path chooseWithFileChooser(Window owner, ExportChoice choice, Path initialFolder, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(choice.label().replace("…", ""));
        chooser.setInitialDirectory(initialFolder.toFile());
        chooser.setInitialFileName(suggestedName);
        String ext = choice.format().extension();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                choice.format() == ExportFormat.XLSX ? "Excel workbook (*.xlsx)" : "CSV file (*.csv)", "*." + ext));
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }
}
