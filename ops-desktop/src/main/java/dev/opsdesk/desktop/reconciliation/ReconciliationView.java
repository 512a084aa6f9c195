package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Action;
import dev.opsdesk.client.model.Reconciliation.Category;
import dev.opsdesk.client.model.Reconciliation.ExceptionItem;
import dev.opsdesk.client.model.Reconciliation.ExceptionStatus;
import dev.opsdesk.client.model.Reconciliation.MatchRule;
import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.client.model.Reconciliation.State;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.list.ColumnSpec;
import dev.opsdesk.desktop.list.PagedTable;
import dev.opsdesk.desktop.ui.Choices;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.PageTitle;
import dev.opsdesk.desktop.ui.Styles;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Reconciliation section's page: the run list, and an open run — its state banner, the four-eyes buttons (each
 * enabled or greyed out with the server's reason), the summary tiles, and the Matched / Exceptions / Unmatched
 * payments tables with the selected exception's detail. Builds controls and binds them to a
 * {@link ReconciliationViewModel}; holds no state of its own.
 */
public final class ReconciliationView {

    private static final String STYLESHEET = "/dev/opsdesk/desktop/reconciliation/reconciliation.css";

    /** Asks where to save a file; tests answer without a native dialog. */
    @FunctionalInterface
    public interface FileAsker {
        /** @return the chosen file, or null when the person cancelled */
        Path ask(String title, String suggestedName, Node owner);
    }

    private final ReconciliationViewModel vm;
    private final Formats formats;
    private final StackPane root = new StackPane();
    private final BorderPane listPage = new BorderPane();
    private final BorderPane runPage = new BorderPane();
    private final PagedTable<Run> runsTable;
    private final PagedTable<ExceptionItem> exceptionTable;
    /** The same exceptions for a stock count run: quantities, variance and its value. */
    private final PagedTable<ExceptionItem> varianceTable;
    private final PagedTable<Reconciliation.Match> matchTable;
    private final PagedTable<Reconciliation.UnmatchedPayment> unmatchedTable;
    private final TabPane tabs = new TabPane();
    private final TextField search = new TextField();
    private final ExceptionDetailView detailView;
    private final ImportAction importAction;
    private FileAsker files = ReconciliationView::saveDialog;
    private Tab matchedTab;
    private Tab exceptionsTab;
    private Tab unmatchedTab;
    private final javafx.beans.property.BooleanProperty stockCountShown =
            new javafx.beans.property.SimpleBooleanProperty(this, "stockCountShown");
    private ComboBox<Category> categoryBox;

    public ReconciliationView(ReconciliationViewModel vm, ImportAction importAction, Formats formats) {
        this.vm = Objects.requireNonNull(vm);
        this.formats = Objects.requireNonNull(formats);
        this.importAction = Objects.requireNonNull(importAction);
        root.setId("page-reconciliation");
        root.setUserData(this);
        root.getStyleClass().add("reconciliation-page");
        root.getStylesheets().add(Objects.requireNonNull(ReconciliationView.class.getResource(STYLESHEET), STYLESHEET)
                .toExternalForm());
        runsTable = new PagedTable<>(vm.runs(), "recon-runs", "No run yet. Start one with New run: pick a provider's"
                + " settlement report.");
        exceptionTable = new PagedTable<>(vm.exceptions(), "recon-exceptions", "No exception here.");
        varianceTable = new PagedTable<>(vm.exceptions(), "recon-variances", "No variance here.");
        matchTable = new PagedTable<>(vm.matches(), "recon-matches", "Nothing matched with these filters.");
        unmatchedTable = new PagedTable<>(vm.unmatched(), "recon-unmatched", "Every payment of the period is settled.");
        detailView = new ExceptionDetailView(vm, formats, this::askResolve, this::askReopenException);

        buildListPage();
        buildRunPage();
        root.getChildren().addAll(listPage, runPage);
        listPage.getStyleClass().add(Styles.WORK_PAGE);
        runPage.getStyleClass().add(Styles.WORK_PAGE);
        listPage.visibleProperty().bind(vm.runProperty().isNull());
        runPage.visibleProperty().bind(vm.runProperty().isNotNull());
        vm.runProperty().addListener((obs, old, now) -> {
            if (now != null && (old == null || !old.id().equals(now.id()))) {
                arrangeFor(now.kind());
                boolean open = now.summary() != null && now.summary().openExceptions() > 0;
                tabs.getSelectionModel().select(exceptionsTab);
                if (!open && now.summary() != null && !stockCount()) {
                    tabs.getSelectionModel().select(0);
                }
            }
        });
    }

    // --- the run list ---

    private void buildListPage() {
        Button newRun = new Button("_New run…", Icons.icon(Icons.RECONCILIATION, 16));
        newRun.setId("recon-new-run");
        newRun.setMnemonicParsing(true);
        newRun.setOnAction(e -> importAction.start(root));
        Node newRunGate = Gate.gate(newRun, vm.preparePermit(), new ReadOnlyBooleanWrapper(false),
                "Import a provider's settlement report (Stripe, Adyen, PayPal, or a saved layout): check its preview,"
                        + " then match it against the platform's payments.");
        Button refresh = PageTitle.refreshButton("recon-refresh", "Load the runs again", vm::refresh);
        HBox title = PageTitle.row(Icons.RECONCILIATION, "Reconciliation",
                "Provider settlement reports against the platform's payments; a second person approves", newRunGate,
                refresh);

        ComboBox<State> state = combo("recon-state-filter", s -> s == null ? "Any state" : ReconTexts.state(s));
        state.getItems().addAll(null, State.DRAFT, State.IN_REVIEW, State.SUBMITTED, State.APPROVED,
                State.DECERTIFIED);
        state.valueProperty().bindBidirectional(vm.stateFilterProperty());
        ComboBox<Settlement.Provider> provider = combo("recon-provider-filter",
                p -> p == null ? "Any provider" : ReconTexts.provider(p));
        provider.getItems().addAll(null, Settlement.Provider.STRIPE, Settlement.Provider.ADYEN,
                Settlement.Provider.PAYPAL, Settlement.Provider.OTHER);
        provider.valueProperty().bindBidirectional(vm.providerFilterProperty());
        ComboBox<Reconciliation.Kind> kind = combo("recon-kind-filter", k -> k == null ? "Settlements and counts"
                : k == Reconciliation.Kind.STOCK_COUNT ? "Stock counts" : "Settlements");
        kind.getItems().addAll(null, Reconciliation.Kind.PAYMENT_SETTLEMENT, Reconciliation.Kind.STOCK_COUNT);
        kind.valueProperty().bindBidirectional(vm.kindFilterProperty());
        HBox filters = new HBox(8, new Label("Show:"), kind, state, provider);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<Run> table = runsTable.table();
        table.setFixedCellSize(28);
        var data = ReconExport.runs();
        runsTable.columns(List.of(
                // What decides a run fits at 1280×800 with every header whole; the line count and the creation
                // time are in the + menu (and the run's page).
                ColumnSpec.of(data, "id").width(88).minWidth(84),
                ColumnSpec.of(data, "provider").width(80),
                ColumnSpec.of(data, "period").width(110),
                ColumnSpec.of(data, "state").width(100).minWidth(96).graphic(ReconciliationView::stateCell),
                ColumnSpec.of(data, "preparer").width(95),
                ColumnSpec.of(data, "approver").width(95),
                ColumnSpec.of(data, "open").width(110),
                ColumnSpec.of(data, "net").width(200),
                ColumnSpec.of(data, "lines").width(70).hidden(),
                ColumnSpec.of(data, "createdAt").width(150).minWidth(140).hidden(),
                ColumnSpec.of(data, "approvedAt").width(140).hidden()),
                r -> new javafx.beans.property.ReadOnlyObjectWrapper<>(r), formats);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                vm.open(table.getSelectionModel().getSelectedItem().id());
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                vm.open(table.getSelectionModel().getSelectedItem().id());
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.runs().errorProperty(), vm.runs()::retry);
        MessagePane openError = new MessagePane(MessagePane.Kind.ERROR, vm.runErrorProperty(), vm::loadRuns);
        Label hint = new Label("Enter or double-click opens a run · drop a settlement file here to start a run");
        // Drop a settlement report on the list: New run with that file (when the user may prepare runs).
        listPage.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1
                    && vm.preparePermit().get().allowed()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        listPage.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && vm.preparePermit().get().allowed()) {
                importAction.start(root, e.getDragboard().getFiles().get(0).toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
        hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        VBox top = new VBox(8, title, importAction.outcomeBar(), filters, error, openError);
        listPage.setTop(top);
        VBox center = new VBox(6, runsTable.newBanner(vm.changesProperty(), 1, vm::loadRuns), table,
                runsTable.countLine(hint));
        BorderPane.setMargin(center, new Insets(10, 0, 0, 0));
        listPage.setCenter(center);
    }

    // --- one run ---

    private void buildRunPage() {
        Hyperlink back = new Hyperlink("← All runs");
        back.setId("recon-back");
        back.setOnAction(e -> vm.close());
        Label title = new Label();
        title.setId("recon-run-title");
        title.getStyleClass().add(Styles.TITLE);
        title.textProperty().bind(vm.runProperty().map(ReconTexts::title).orElse(""));
        Label state = new Label();
        state.setId("recon-run-state");
        state.getStyleClass().add("run-state");
        state.textProperty().bind(vm.runProperty().map(r -> ReconTexts.state(r.state())).orElse(""));
        vm.runProperty().addListener((obs, old, now) -> {
            for (State s : State.values()) {
                state.pseudoClassStateChanged(pseudo(s), now != null && now.state() == s);
            }
        });
        Label who = new Label();
        who.getStyleClass().add(Styles.MUTED);
        who.textProperty().bind(vm.runProperty().map(r -> "prepared by " + r.preparer() + (r.approver() == null ? ""
                : " · approved by " + r.approver())).orElse(""));
        who.setMinWidth(0);
        HBox heading = new HBox(10, back, title, state, who);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label banner = new Label();
        banner.setId("recon-banner");
        banner.setWrapText(true);
        banner.getStyleClass().add("run-banner");
        banner.textProperty().bind(vm.runProperty().map(ReconTexts::banner).orElse(""));
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setMaxWidth(Double.MAX_VALUE);
        vm.runProperty().addListener((obs, old, now) -> {
            banner.pseudoClassStateChanged(pseudo(State.DECERTIFIED), now != null && now.state() == State.DECERTIFIED);
            banner.pseudoClassStateChanged(pseudo(State.APPROVED), now != null && now.state() == State.APPROVED);
        });

        HBox actions = new HBox(8,
                actionButton("recon-submit", "_Submit", Action.SUBMIT,
                        "Send the run to an approver: every exception must be resolved first.",
                        () -> vm.transition(Reconciliation.Transition.SUBMIT, null, RequestOptions.newAction())),
                actionButton("recon-approve", "_Approve", Action.APPROVE,
                        "Approve the run: it is locked afterwards, and decertified if its payments change.",
                        () -> vm.transition(Reconciliation.Transition.APPROVE, null, RequestOptions.newAction())),
                actionButton("recon-reject", "Re_ject…", Action.REJECT,
                        "Send the run back to its preparer with a comment.",
                        () -> CommentDialog.ask(root, "Reject " + runId(), "Why does it go back to "
                                + preparer() + "?", "Reject").ifPresent(c -> vm.transition(
                                Reconciliation.Transition.REJECT, c, RequestOptions.newAction()))),
                actionButton("recon-reopen", "Re_open…", Action.REOPEN,
                        "Reopen an approved or decertified run for review, with the reason.",
                        () -> CommentDialog.ask(root, "Reopen " + runId(), "Why is it reopened?", "Reopen")
                                .ifPresent(c -> vm.transition(Reconciliation.Transition.REOPEN, c,
                                        RequestOptions.newAction()))),
                actionButton("recon-rematch", "_Match again", Action.MATCH,
                        "Match the lines again against the payments as they are now; resolutions that still stand"
                                + " are kept.", () -> vm.rematch(RequestOptions.newAction())),
                reportButton(), fileButton());
        actions.setAlignment(Pos.CENTER_LEFT);

        Label result = new Label();
        result.setId("recon-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        result.visibleProperty().bind(vm.resultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.actionErrorProperty(), vm::dismissResult);
        error.setId("recon-error");

        FlowPane tiles = new FlowPane(8, 8);
        tiles.setId("recon-tiles");
        vm.runProperty().addListener((obs, old, now) -> tiles.getChildren().setAll(now == null ? List.of()
                : SummaryTiles.of(now, this::showCategory)));

        VBox top = new VBox(8, heading, banner, actions, result, error, tiles);
        runPage.setTop(top);

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("recon-tabs");
        Tab matched = new Tab("Matched", matchedPane());
        matched.setId("recon-tab-matched");
        Tab exceptions = new Tab("Exceptions", exceptionsPane());
        exceptions.setId("recon-tab-exceptions");
        Tab unmatched = new Tab("Unmatched payments", unmatchedPane());
        unmatched.setId("recon-tab-unmatched");
        matchedTab = matched;
        exceptionsTab = exceptions;
        unmatchedTab = unmatched;
        tabs.getTabs().addAll(matched, exceptions, unmatched);
        exceptions.textProperty().bind(vm.runProperty().map(r -> (r.kind() == Reconciliation.Kind.STOCK_COUNT
                ? "Variances" : "Exceptions") + (r.summary() == null ? "" : " (" + r.summary().openExceptions()
                + " open)")).orElse("Exceptions"));
        unmatched.textProperty().bind(vm.runProperty().map(r -> r.summary() == null ? "Unmatched payments"
                : "Unmatched payments (" + r.summary().unmatchedPayments() + ")").orElse("Unmatched payments"));
        BorderPane.setMargin(tabs, new Insets(8, 0, 0, 0));
        runPage.setCenter(tabs);
        runPage.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN).match(e)) {
                vm.close();
                e.consume();
            }
        });
    }

    /** A settlement run has Matched / Exceptions / Unmatched payments; a stock count only its variances. */
    private void arrangeFor(Reconciliation.Kind kind) {
        boolean stock = kind == Reconciliation.Kind.STOCK_COUNT;
        stockCountShown.set(stock);
        if (stock) {
            tabs.getTabs().setAll(exceptionsTab);
        } else if (tabs.getTabs().size() != 3) {
            tabs.getTabs().setAll(matchedTab, exceptionsTab, unmatchedTab);
        }
        Category chosen = categoryBox.getValue();
        categoryBox.getItems().setAll(stock
                ? List.of(Category.COUNT_SHORT, Category.COUNT_OVER, Category.UNKNOWN_SKU, Category.MOVED_SINCE_COUNT)
                : List.of(Category.MISSING_IN_PLATFORM, Category.MISSING_IN_SETTLEMENT, Category.AMOUNT_MISMATCH,
                Category.CURRENCY_MISMATCH, Category.DUPLICATE_REFERENCE, Category.FEE_VARIANCE,
                Category.PAYOUT_TOTAL_MISMATCH));
        categoryBox.getItems().add(0, null);
        categoryBox.setValue(categoryBox.getItems().contains(chosen) ? chosen : null);
    }

    private boolean stockCount() {
        return stockCountShown.get();
    }

    private PagedTable<ExceptionItem> shownExceptions() {
        return stockCount() ? varianceTable : exceptionTable;
    }

    private String runId() {
        return vm.runProperty().get() == null ? "" : vm.runProperty().get().id();
    }

    private String preparer() {
        return vm.runProperty().get() == null ? "" : vm.runProperty().get().preparer();
    }

    private Node actionButton(String id, String text, Action action, String tip, Runnable run) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setOnAction(e -> run.run());
        return Gate.gate(b, vm.permitOf(action), vm.busyProperty(), tip);
    }

    private Node reportButton() {
        MenuButton report = new MenuButton("_Report");
        report.setId("recon-report");
        report.setMnemonicParsing(true);
        MenuItem xlsx = new MenuItem("Excel workbook (.xlsx): Summary, Matched, Exceptions, Unmatched payments");
        xlsx.setId("recon-report-xlsx");
        xlsx.setOnAction(e -> exportReport(ExportFormat.XLSX));
        MenuItem csv = new MenuItem("CSV: one file per table");
        csv.setId("recon-report-csv");
        csv.setOnAction(e -> exportReport(ExportFormat.CSV));
        report.getItems().addAll(xlsx, csv);
        report.disableProperty().bind(vm.runProperty().map(r -> r.summary() == null).orElse(true));
        return report;
    }

    private Node fileButton() {
        Button b = new Button("Original _file…");
        b.setId("recon-original-file");
        b.setMnemonicParsing(true);
        b.setOnAction(e -> {
            Run r = vm.runProperty().get();
            if (r == null || r.file() == null) {
                return;
            }
            Path target = files.ask("Save the original settlement file", r.file().name(), root);
            if (target != null) {
                vm.downloadFile(target);
            }
        });
        b.disableProperty().bind(vm.runProperty().map(r -> r.file() == null || r.file().received() < r.file().size())
                .orElse(true));
        return b;
    }

    private void exportReport(ExportFormat format) {
        Path target = files.ask("Export the reconciliation report", vm.reportFileName(format), root);
        if (target != null) {
            vm.exportReport(format, target);
        }
    }

    private void showCategory(Category category) {
        vm.categoryFilterProperty().set(category);
        vm.statusFilterProperty().set(null);
        tabs.getSelectionModel().select(1);
    }

    private Node matchedPane() {
        ComboBox<MatchRule> rule = combo("recon-rule-filter", r -> r == null ? "Any rule" : ReconTexts.rule(r));
        rule.getItems().add(null);
        rule.getItems().addAll(MatchRule.values());
        rule.valueProperty().bindBidirectional(vm.ruleFilterProperty());
        TableView<Reconciliation.Match> table = matchTable.table();
        table.setFixedCellSize(28);
        var data = ReconExport.matches();
        matchTable.columns(List.of(
                ColumnSpec.of(data, "line").width(60),
                ColumnSpec.of(data, "kind").width(90),
                ColumnSpec.of(data, "providerReference").width(190),
                ColumnSpec.of(data, "orderNumber").width(100),
                ColumnSpec.of(data, "gross").width(110),
                ColumnSpec.of(data, "fee").width(80),
                ColumnSpec.of(data, "net").width(110),
                ColumnSpec.of(data, "rule").width(170).tooltip(Reconciliation.Match::why),
                ColumnSpec.of(data, "why").width(260),
                ColumnSpec.of(data, "paymentReference").width(190).hidden(),
                ColumnSpec.of(data, "payment").width(110).hidden(),
                ColumnSpec.of(data, "bookedAt").width(140).hidden(),
                ColumnSpec.of(data, "capturedAt").width(140).hidden(),
                ColumnSpec.of(data, "matchedBy").width(100).hidden(),
                ColumnSpec.of(data, "note").width(200).hidden()),
                m -> new javafx.beans.property.ReadOnlyObjectWrapper<>(m), formats);
        VBox.setVgrow(table, Priority.ALWAYS);
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.matches().errorProperty(), vm.matches()::retry);
        HBox bar = new HBox(8, searchField(), rule);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(6, bar, error, table, matchTable.countLine());
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private TextField searchField() {
        TextField field = new TextField();
        field.setPromptText("Reference or order number  (Ctrl+F)");
        field.setPrefColumnCount(20);
        field.textProperty().bindBidirectional(vm.textProperty());
        field.setOnAction(e -> vm.search());
        return field;
    }

    private Node exceptionsPane() {
        search.setId("recon-search");
        search.setPromptText("Reference or order number  (Ctrl+F)");
        search.setPrefColumnCount(20);
        search.textProperty().bindBidirectional(vm.textProperty());
        search.setOnAction(e -> vm.search());
        ComboBox<Category> category = combo("recon-category-filter",
                c -> c == null ? "Any category" : ReconTexts.category(c));
        categoryBox = category;
        category.getItems().addAll(null, Category.MISSING_IN_PLATFORM, Category.MISSING_IN_SETTLEMENT,
                Category.AMOUNT_MISMATCH, Category.CURRENCY_MISMATCH, Category.DUPLICATE_REFERENCE,
                Category.FEE_VARIANCE, Category.PAYOUT_TOTAL_MISMATCH);
        category.valueProperty().bindBidirectional(vm.categoryFilterProperty());
        ComboBox<ExceptionStatus> status = combo("recon-status-filter", s -> s == null ? "Open and resolved"
                : switch (s) {
                    case OPEN -> "Open";
                    case RESOLVED -> "Resolved";
                    case SUPERSEDED -> "Superseded";
                });
        status.getItems().addAll(ExceptionStatus.OPEN, ExceptionStatus.RESOLVED, null, ExceptionStatus.SUPERSEDED);
        status.valueProperty().bindBidirectional(vm.statusFilterProperty());
        Button resolve = new Button("_Resolve…");
        resolve.setId("recon-resolve");
        resolve.setMnemonicParsing(true);
        resolve.setOnAction(e -> askResolve());
        Node resolveGate = Gate.gate(resolve, vm.permitOf(Action.RESOLVE), vm.busyProperty(),
                "Resolve the selected exceptions with a code and a note (several at once when several are selected).");

        TableView<ExceptionItem> table = exceptionTable.table();
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setFixedCellSize(28);
        var data = ReconExport.exceptions();
        exceptionTable.columns(List.of(
                ColumnSpec.of(data, "category").width(140).minWidth(118).tooltip(e -> e.category() == null ? null
                        : ReconTexts.categoryHint(e.category())),
                ColumnSpec.of(data, "summary").width(260).tooltip(ExceptionItem::summary),
                ColumnSpec.of(data, "difference").width(100),
                ColumnSpec.of(data, "status").width(80),
                // Shown in the detail and by the Status filter: hidden at first, so that the order fits (+ shows it).
                ColumnSpec.of(data, "resolution").width(150).hidden(),
                ColumnSpec.of(data, "orderNumber").width(100).minWidth(92), // "ORD-100279", not "ORD-1…"
                ColumnSpec.of(data, "lines").width(60),
                ColumnSpec.of(data, "id").width(100).hidden(),
                ColumnSpec.of(data, "paymentReference").width(180).hidden(),
                ColumnSpec.of(data, "providerReference").width(180).hidden(),
                ColumnSpec.of(data, "expected").width(100).hidden(),
                ColumnSpec.of(data, "actual").width(100).hidden(),
                ColumnSpec.of(data, "note").width(200).hidden(),
                ColumnSpec.of(data, "resolvedBy").width(100).hidden(),
                ColumnSpec.of(data, "resolvedAt").width(140).hidden()),
                x -> new javafx.beans.property.ReadOnlyObjectWrapper<>(x), formats);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.select(now));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !table.getSelectionModel().getSelectedItems().isEmpty()) {
                askResolve();
                e.consume();
            }
        });
        TableView<ExceptionItem> variances = varianceTable.table();
        variances.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        variances.setFixedCellSize(28);
        var stock = ReconExport.variances();
        varianceTable.columns(List.of(
                ColumnSpec.of(stock, "sku").width(100),
                ColumnSpec.of(stock, "category").width(130).tooltip(e -> e.category() == null ? null
                        : ReconTexts.categoryHint(e.category())),
                ColumnSpec.of(stock, "expected").width(90),
                ColumnSpec.of(stock, "counted").width(80),
                ColumnSpec.of(stock, "variance").width(80),
                ColumnSpec.of(stock, "value").width(100),
                ColumnSpec.of(stock, "now").width(90),
                ColumnSpec.of(stock, "status").width(80),
                ColumnSpec.of(stock, "resolution").width(150),
                ColumnSpec.of(stock, "applied").width(140),
                ColumnSpec.of(stock, "summary").width(320).tooltip(ExceptionItem::summary).hidden(),
                ColumnSpec.of(stock, "movements").width(260).hidden(),
                ColumnSpec.of(stock, "note").width(200).hidden(),
                ColumnSpec.of(stock, "resolvedBy").width(100).hidden(),
                ColumnSpec.of(stock, "warehouse").width(80).hidden(),
                ColumnSpec.of(stock, "id").width(100).hidden()),
                x -> new javafx.beans.property.ReadOnlyObjectWrapper<>(x), formats);
        variances.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.select(now));
        variances.setOnKeyPressed(table.getOnKeyPressed());
        for (TableView<ExceptionItem> t : List.of(table, variances)) {
            VBox.setVgrow(t, Priority.ALWAYS);
        }
        javafx.beans.binding.BooleanBinding settlement = stockCountShown.not();
        for (Node n : List.of(table, exceptionTable.countLine())) {
            n.visibleProperty().bind(settlement);
            n.managedProperty().bind(settlement);
        }
        Node varianceCount = varianceTable.countLine();
        for (Node n : List.of(variances, varianceCount)) {
            n.visibleProperty().bind(stockCountShown);
            n.managedProperty().bind(stockCountShown);
        }
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.exceptions().errorProperty(),
                vm.exceptions()::retry);
        // Resolve… keeps its word; what does not fit on the line goes to the next.
        if (resolveGate instanceof javafx.scene.layout.Region r) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        FlowPane bar = new FlowPane(8, 6, search, category, status, resolveGate);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(6, bar, error, table, exceptionTable.countLine(), variances, varianceCount);
        ScrollPane detail = new ScrollPane(detailView.root());
        detail.setFitToWidth(true);
        detail.setId("recon-detail-scroll");
        SplitPane split = new SplitPane(left, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.62);
        SplitPane.setResizableWithParent(detail, false);
        split.setPadding(new Insets(8, 0, 0, 0));
        return split;
    }

    private Node unmatchedPane() {
        TableView<Reconciliation.UnmatchedPayment> table = unmatchedTable.table();
        table.setFixedCellSize(28);
        var data = ReconExport.unmatched();
        unmatchedTable.columns(List.of(
                ColumnSpec.of(data, "reference").width(200),
                ColumnSpec.of(data, "orderNumber").width(110),
                ColumnSpec.of(data, "amount").width(110),
                ColumnSpec.of(data, "capturedAt").width(150),
                ColumnSpec.of(data, "dueBy").width(150),
                ColumnSpec.of(data, "overdue").width(80),
                ColumnSpec.of(data, "exception").width(110),
                ColumnSpec.of(data, "state").width(90).hidden()),
                p -> new javafx.beans.property.ReadOnlyObjectWrapper<>(p), formats);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label hint = new Label("Captured in the period and not in the report. Not yet overdue: the provider's settlement"
                + " delay has not passed.");
        hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        hint.setWrapText(true);
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.unmatched().errorProperty(),
                vm.unmatched()::retry);
        VBox pane = new VBox(6, hint, error, table, unmatchedTable.countLine());
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    /** Resolve: the selection (one exception, with a manual match possible; or several at once). */
    private void askResolve() {
        List<ExceptionItem> chosen = shownExceptions().table().getSelectionModel().getSelectedItems().stream()
                .filter(x -> x.status() == ExceptionStatus.OPEN).toList();
        Reconciliation.Kind kind = stockCount() ? Reconciliation.Kind.STOCK_COUNT
                : Reconciliation.Kind.PAYMENT_SETTLEMENT;
        if (chosen.isEmpty() || !vm.permit(Action.RESOLVE).allowed()) {
            return;
        }
        if (chosen.size() == 1) {
            Reconciliation.ExceptionDetail d = vm.detailProperty().get();
            ResolveDialog.ask(root, kind, chosen.get(0), d != null && d.exception().id().equals(chosen.get(0).id())
                    ? d.candidates() : List.of()).ifPresent(a -> vm.resolve(chosen.get(0), a.code(), a.note(),
                    a.paymentReference(), RequestOptions.newAction()));
        } else {
            ResolveDialog.askBulk(root, kind, chosen.size()).ifPresent(a -> vm.bulkResolve(chosen, a.code(), a.note(),
                    RequestOptions.newAction()));
        }
    }

    private void askReopenException(ExceptionItem item) {
        CommentDialog.ask(root, "Reopen " + item.id(), "Why is this resolution undone?", "Reopen")
                .ifPresent(reason -> vm.reopenException(item, reason, RequestOptions.newAction()));
    }

    static PseudoClass pseudo(State s) {
        return PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static ColumnSpec.CellGraphic<Run> stateCell() {
        Label label = new Label();
        label.getStyleClass().add("run-state");
        return r -> {
            label.setText(ReconTexts.state(r.state()));
            for (State s : State.values()) {
                label.pseudoClassStateChanged(pseudo(s), r.state() == s);
            }
            return label;
        };
    }

    static <T> ComboBox<T> combo(String id, Function<T, String> text) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        return Choices.labelled(box, text);
    }

    private static Path saveDialog(String title, String suggestedName, Node owner) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        java.io.File file = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        return file == null ? null : file.toPath();
    }

    // --- for the section and tests ---

    public void fileAsker(FileAsker value) {
        this.files = Objects.requireNonNull(value);
    }

    public Node root() {
        return root;
    }

    public ReconciliationViewModel viewModel() {
        return vm;
    }

    public ImportAction importAction() {
        return importAction;
    }

    public void focusSearch() {
        if (vm.runProperty().get() != null) {
            tabs.getSelectionModel().select(1);
            search.requestFocus();
            search.selectAll();
        } else {
            runsTable.focus();
        }
    }

    public void refresh() {
        vm.refresh();
    }

    /** A link into the section: a run id ({@code R-000042}). */
    public void open(String target) {
        if (target != null && target.matches("R-\\d+")) {
            vm.open(target);
        }
    }

    public void dispose() {
        vm.dispose();
    }
}
