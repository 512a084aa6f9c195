package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.list.ColumnSpec;
import dev.opsdesk.desktop.list.PagedTable;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The count page, shown in place of the stock matrix: the header, the keyboard entry (a code, Enter, the quantity
 * with the line's name beside it — never an expected number —, Enter, and back to the code), the outbox line, and
 * the count sheet below. Builds controls and binds them to a {@link CountViewModel}; holds no state of its own.
 */
public final class CountView {

    private final CountViewModel vm;
    private final Formats formats;
    private final Consumer<String> openRun;
    private final Runnable back;
    private final BorderPane root = new BorderPane();
    private final PagedTable<StockCount.Line> paged;
    private final TableView<StockCount.Line> table;
    private final TextField code = new TextField();
    private final TextField quantity = new TextField();
    private final TextField search = new TextField();
    private final ScanTiming timing = new ScanTiming();
    private final PauseTransition typing = new PauseTransition(Duration.millis(300));
    private Function<Node, Path> files = CountView::chooseFile;

    /**
     * @param openRun opens a run in the Reconciliation section; null when the user cannot see it
     * @param back    shows the stock matrix again
     */
    public CountView(CountViewModel vm, Formats formats, Consumer<String> openRun, Runnable back) {
        this.vm = Objects.requireNonNull(vm);
        this.formats = Objects.requireNonNull(formats);
        this.openRun = openRun;
        this.back = Objects.requireNonNull(back);
        root.setId("count-page");
        root.getStyleClass().addAll(Styles.WORK_PAGE, "count-page");
        paged = new PagedTable<>(vm.lines(), "count-lines", "No line matches. Clear the search, or untick Uncounted"
                + " only.");
        table = paged.table();
        root.setTop(new VBox(8, heading(), actions(), messages(), entry(), outboxLine()));
        root.setCenter(sheet());
        BorderPane.setMargin(root.getCenter(), new Insets(10, 0, 0, 0));
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN).match(e)) {
                back.run();
                e.consume();
            }
        });
        vm.stepProperty().addListener((obs, old, now) -> {
            if (now == CountViewModel.Step.QUANTITY) {
                quantity.requestFocus();
                quantity.end();
            } else {
                code.requestFocus();
            }
        });
    }

    /** "Count C-000012 · WH-1 · list": what the count is. */
    static String title(StockCount.Count c) {
        return "Count " + c.id() + " · " + c.warehouse() + " · " + switch (c.scope()) {
            case ALL -> "everything";
            case ZONE -> "zone " + c.zone();
            case LIST -> "list";
        };
    }

    private String facts(StockCount.Count c) {
        String state = switch (c.state()) {
            case OPEN -> "";
            case SUBMITTED -> "submitted" + (c.runId() == null ? "" : " as run " + c.runId()) + " · ";
            case CANCELLED -> "cancelled · ";
        };
        return state + "counted " + Formats.count(c.countedLines()) + " of " + Formats.plural(c.lines(), "line", "lines")
                + " · started by " + c.startedBy() + " " + formats.absolute(c.startedAt());
    }

    private Node heading() {
        Hyperlink backLink = new Hyperlink("← Back to stock");
        backLink.setId("count-back");
        backLink.setOnAction(e -> back.run());
        Label title = new Label();
        title.setId("count-title");
        title.getStyleClass().add(Styles.TITLE);
        title.textProperty().bind(vm.countProperty().map(CountView::title).orElse(""));
        Label facts = new Label();
        facts.setId("count-facts");
        facts.getStyleClass().add(Styles.MUTED);
        facts.setMinWidth(0);
        facts.textProperty().bind(vm.countProperty().map(this::facts).orElse(""));
        HBox row = new HBox(10, backLink, title, facts);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node actions() {
        Button importFile = new Button("_Import scanner file…");
        importFile.setId("count-import");
        importFile.setMnemonicParsing(true);
        importFile.setOnAction(e -> {
            Path file = files.apply(root);
            if (file != null) {
                vm.importFile(file);
            }
        });
        Button correct = new Button("Corr_ect…");
        correct.setId("count-correct");
        correct.setMnemonicParsing(true);
        correct.setOnAction(e -> vm.correct(table.getSelectionModel().getSelectedItem()));
        Button submit = new Button("_Submit count…");
        submit.setId("count-submit");
        submit.setMnemonicParsing(true);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setOnAction(e -> askSubmit());
        Button cancel = new Button("Cance_l count…");
        cancel.setId("count-cancel");
        cancel.setMnemonicParsing(true);
        cancel.setOnAction(e -> askCancel());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(8,
                Gate.gate(importFile, vm.entryPermit(), vm.importingProperty(), "Add a handheld scanner's export (CSV"
                        + " or Excel: a code column and a quantity column); all of it or, when a row is wrong, none."),
                Gate.gate(correct, vm.entryPermit(), table.getSelectionModel().selectedItemProperty().isNull(),
                        "Take a miscount off the selected line: a negative entry, kept as a correction."),
                grow,
                Gate.gate(cancel, vm.cancelPermit(), vm.busyProperty(), "Abandon the count, with the reason (its"
                        + " entries stay as evidence)."),
                Gate.gate(submit, vm.submitPermit(), vm.busyProperty(), "Close the count: it becomes a"
                        + " reconciliation run that a second person reviews and approves."));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node messages() {
        Label result = new Label();
        result.setId("count-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        Hyperlink run = new Hyperlink();
        run.setId("count-open-run");
        run.textProperty().bind(vm.runIdProperty().map(id -> "Open run " + id).orElse(""));
        run.setOnAction(e -> openRun.accept(vm.runIdProperty().get()));
        run.visibleProperty().bind(vm.runIdProperty().isNotNull().and(Bindings.createBooleanBinding(
                () -> openRun != null)));
        run.managedProperty().bind(run.visibleProperty());
        HBox resultLine = new HBox(8, result, run);
        resultLine.setAlignment(Pos.CENTER_LEFT);
        resultLine.visibleProperty().bind(vm.resultProperty().isNotEmpty());
        resultLine.managedProperty().bind(resultLine.visibleProperty());
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.actionErrorProperty(), vm::dismissResult);
        error.setId("count-error");
        Label imported = label("count-import-result", vm.importResultProperty(), false);
        Label importProblem = label("count-import-problem", vm.importProblemProperty(), true);
        Label refused = label("count-refused", vm.refusedProperty(), true);
        return new VBox(6, resultLine, error, imported, importProblem, refused);
    }

    private static Label label(String id, javafx.beans.value.ObservableStringValue text, boolean problem) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        if (problem) {
            l.getStyleClass().addAll(Styles.MESSAGE, Styles.MESSAGE_ERROR);
        }
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** The fast grid: code → Enter → quantity → Enter → code. */
    private Node entry() {
        code.setId("count-code");
        code.setPromptText("Type a SKU or scan an EAN, then Enter");
        code.setPrefColumnCount(22); // its prompt whole: "Type a SKU or scan an EAN, then Enter"
        code.textProperty().bindBidirectional(vm.codeProperty());
        code.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (!e.getCharacter().isEmpty() && !Character.isISOControl(e.getCharacter().charAt(0))) {
                timing.typed(System.nanoTime());
            }
        });
        code.textProperty().addListener((obs, old, now) -> {
            if (now == null || now.isEmpty()) {
                timing.reset();
            }
        });
        code.setOnAction(e -> vm.enterCode(timing.scanned(code.getText() == null ? "" : code.getText().strip())));
        code.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !code.getText().isEmpty()) {
                vm.escape();
                e.consume();
            }
        });
        code.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.entryPermit().getValue().allowed(),
                vm.entryPermit()));

        quantity.setId("count-quantity");
        quantity.setPromptText("Counted");
        quantity.setPrefColumnCount(7);
        quantity.textProperty().bindBidirectional(vm.quantityProperty());
        quantity.disableProperty().bind(vm.stepProperty().isNotEqualTo(CountViewModel.Step.QUANTITY));
        quantity.setOnAction(e -> vm.enterQuantity());
        quantity.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.escape();
                e.consume();
            }
        });
        Label target = new Label();
        target.setId("count-target");
        target.getStyleClass().add(Styles.STRONG);
        target.setMinWidth(0);
        target.textProperty().bind(vm.targetTextProperty());

        Label codeLabel = field("_Code", code);
        Label quantityLabel = field("_Quantity", quantity);
        HBox fields = new HBox(8, codeLabel, code, quantityLabel, quantity, target);
        fields.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(target, Priority.ALWAYS);

        Label codeMessage = label("count-code-message", vm.codeMessageProperty(), true);
        Label quantityMessage = label("count-quantity-message", vm.quantityMessageProperty(), true);
        Label last = new Label();
        last.setId("count-last-entry");
        last.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        last.textProperty().bind(vm.lastEntryProperty());
        VBox box = new VBox(4, fields, codeMessage, quantityMessage, last);
        box.getStyleClass().add(Styles.CARD);
        box.setPadding(new Insets(10));
        return box;
    }

    private Node outboxLine() {
        Label text = new Label();
        text.setId("count-outbox");
        text.setWrapText(true);
        text.textProperty().bind(vm.outboxTextProperty());
        Button retry = new Button("Send _now");
        retry.setId("count-send-now");
        retry.setMnemonicParsing(true);
        retry.setOnAction(e -> vm.sendWaiting());
        retry.visibleProperty().bind(vm.offlineProperty().or(vm.sendErrorProperty().isNotNull()));
        retry.managedProperty().bind(retry.visibleProperty());
        HBox row = new HBox(8, text, retry);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(vm.outboxTextProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.sendErrorProperty(), vm::sendWaiting);
        error.setId("count-send-error");
        return new VBox(4, row, error);
    }

    private Node sheet() {
        search.setId("count-search");
        search.setPromptText("SKU or EAN  (Ctrl+F)");
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(vm.searchProperty());
        typing.setOnFinished(e -> vm.applySearch());
        search.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        search.setOnAction(e -> {
            typing.stop();
            vm.applySearch();
        });
        CheckBox uncounted = new CheckBox("_Uncounted only");
        uncounted.setId("count-uncounted");
        uncounted.setMnemonicParsing(true);
        uncounted.selectedProperty().bindBidirectional(vm.uncountedOnlyProperty());
        Label sheetTitle = new Label("Count sheet");
        sheetTitle.getStyleClass().add(Styles.SECTION_TITLE);
        HBox bar = new HBox(8, sheetTitle, search, uncounted);
        bar.setAlignment(Pos.CENTER_LEFT);

        ExportDataset<StockCount.Line> data = CountExport.dataset();
        paged.columns(List.of(
                        ColumnSpec.of(data, "sku").width(110).minWidth(90),
                        ColumnSpec.of(data, "name").width(220),
                        ColumnSpec.of(data, "zone").width(60),
                        ColumnSpec.of(data, "counted").width(80).text(l -> l.counted() == null ? "—"
                                : Formats.count(l.counted())),
                        ColumnSpec.of(data, "entries").width(70),
                        ColumnSpec.of(data, "ean").width(130).hidden(),
                        ColumnSpec.of(data, "unit").width(50).hidden(),
                        ColumnSpec.of(data, "added").width(110).tooltip(l -> l.addedByCount()
                                ? "Counted here though the sheet did not list it: an exception on submit." : null)),
                vm::current, formats);
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                vm.correct(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Label blind = new Label("Blind count: the sheet shows what was counted, never what the systems expect.");
        blind.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        return new VBox(6, bar, table, paged.countLine(blind));
    }

    private void askSubmit() {
        StockCount.Count c = vm.countProperty().get();
        if (c == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        Dialogs.themed(confirm, root);
        confirm.setTitle("Submit count");
        confirm.setHeaderText("Submit " + title(c) + "?");
        confirm.setContentText("Counting ends. The count becomes a reconciliation run of its differences, which a"
                + " second person reviews and approves; only then does the stock change.");
        confirm.getDialogPane().setId("count-submit-confirm");
        if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        vm.submit(false, RequestOptions.newAction(), uncounted -> {
            ButtonType zero = new ButtonType("Count them as 0", ButtonBar.ButtonData.OK_DONE);
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", zero, ButtonType.CANCEL);
            Dialogs.themed(ask, root);
            ask.setTitle("Lines not counted");
            ask.setHeaderText(Formats.plural(uncounted, "line", "lines") + " not counted: count "
                    + (uncounted == 1 ? "it" : "them") + " as 0?");
            ask.setContentText("Cancel to go back and count " + (uncounted == 1 ? "it" : "them")
                    + " (tick Uncounted only to see which).");
            ask.getDialogPane().setId("count-incomplete");
            if (ask.showAndWait().filter(b -> b == zero).isPresent()) {
                vm.submit(true, RequestOptions.newAction(), n -> { });
            }
        });
    }

    private void askCancel() {
        StockCount.Count c = vm.countProperty().get();
        if (c == null) {
            return;
        }
        TextInputDialog ask = new TextInputDialog();
        Dialogs.themed(ask, root);
        ask.setTitle("Cancel count");
        ask.setHeaderText("Cancel " + title(c) + "? Its entries stay as evidence; nothing is reconciled.");
        ask.setContentText("Reason:");
        ask.getDialogPane().setId("count-cancel-dialog");
        ask.getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(ask.getEditor().textProperty().isEmpty());
        ask.showAndWait().map(String::strip).filter(r -> !r.isEmpty())
                .ifPresent(reason -> vm.cancelCount(reason, RequestOptions.newAction(), back));
    }

    private static Path chooseFile(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import scanner file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Scanner files (CSV, Excel)", "*.csv", "*.txt", "*.xlsx"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = chooser.showOpenDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    private static Label field(String text, Node control) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(control);
        label.getStyleClass().add(Styles.FIELD_LABEL);
        return label;
    }

    /** Tests answer the file question without a native dialog. */
    public void setFileChooser(Function<Node, Path> chooser) {
        this.files = Objects.requireNonNull(chooser);
    }

    public Node root() {
        return root;
    }

    public CountViewModel viewModel() {
        return vm;
    }

    /** Where the keyboard starts on the page: the code field. */
    public void focusCode() {
        code.requestFocus();
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void dispose() {
        typing.stop();
        vm.dispose();
    }
}
