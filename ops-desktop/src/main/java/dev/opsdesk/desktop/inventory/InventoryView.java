package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Inventory.StockPair;
import dev.opsdesk.client.model.Inventory.StockSystem;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.StockSort;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ui.ExportAction;
import dev.opsdesk.desktop.inventory.count.CountPage;
import dev.opsdesk.desktop.list.ColumnSpec;
import dev.opsdesk.desktop.list.PagedTable;
import dev.opsdesk.desktop.ui.Choices;
import dev.opsdesk.desktop.ui.Dialogs;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.PageTitle;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Queues;
import dev.opsdesk.desktop.ui.Styles;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Inventory section's page: the health strip, the filters, the stock matrix (a {@link PagedTable}
 * with the columns of {@link InventoryExport}) and the selected pair's detail. Builds controls and
 * binds them to an {@link InventoryViewModel}; holds no state of its own.
 */
public final class InventoryView {

    private static final String STYLESHEET = "/dev/opsdesk/desktop/inventory/inventory.css";
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass SMALL = PseudoClass.getPseudoClass("small");
    private static final PseudoClass LARGE = PseudoClass.getPseudoClass("large");
    /** A drift of this many units or more is coloured as large. */
    static final int LARGE_DRIFT = 10;

    private final InventoryViewModel vm;
    private final Formats formats;
    /** The section's page: the matrix, or (while a count is open) the count page in its place. */
    private final StackPane root = new StackPane();
    private final BorderPane matrix = new BorderPane();
    private final CountPage count;
    private final PagedTable<StockPair> paged;
    private final TableView<StockPair> table;
    private final ExportAction<StockPair, StockPair> exportAction;
    private final TextField search = new TextField();
    private final PauseTransition typing = new PauseTransition(Duration.millis(300));
    private final InventoryDetailView detailView;
    private final Runnable openFailuresLink;

    /**
     * @param openFailures opens the INVENTORY_SYNC queue in the Failures section; null when the user cannot see it
     * @param openHistory  opens an entity's audit timeline ({@code stock:WH-1/SKU-…}); null when not available
     * @param count        counting stock: the "Count…" button and the count page
     */
    public InventoryView(InventoryViewModel vm, Formats formats, Runnable openFailures, Consumer<String> openHistory,
                         CountPage count) {
        this.vm = Objects.requireNonNull(vm);
        this.formats = Objects.requireNonNull(formats);
        this.openFailuresLink = openFailures;
        this.count = Objects.requireNonNull(count);
        root.setId("page-inventory");
        root.setUserData(this);
        root.getStyleClass().add("inventory-page");
        matrix.setId("inventory-matrix-page");
        matrix.getStyleClass().add(Styles.WORK_PAGE);
        root.getChildren().addAll(matrix, count.page());
        matrix.visibleProperty().bind(count.showing().not());
        count.page().visibleProperty().bind(count.showing());
        count.showing().addListener((obs, was, now) -> {
            if (!now) {
                vm.refresh(); // counted stock may have changed meanwhile (a count approved elsewhere)
                search.requestFocus();
            }
        });
        root.getStylesheets().add(Objects.requireNonNull(InventoryView.class.getResource(STYLESHEET), STYLESHEET)
                .toExternalForm());
        paged = new PagedTable<>(vm.list(), "inventory-table", "No pair matches. Check the SKU or EAN, or clear the"
                + " filters.");
        table = paged.table();
        exportAction = new ExportAction<>(vm.export(), table, p -> p, vm::exportRows);
        detailView = new InventoryDetailView(vm, formats, openFailures, openHistory);

        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.list().errorProperty(), vm.list()::retry);
        error.setId("inventory-error");
        MessagePane healthError = new MessagePane(MessagePane.Kind.ERROR, vm.healthErrorProperty(), vm::refresh);
        VBox top = new VBox(8, titleRow(), healthStrip(openFailures), healthError, filterBar(), error);
        matrix.setTop(top);

        SplitPane split = new SplitPane(tablePane(), detailView.root());
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(detailView.root(), false);
        matrix.setCenter(split);
        BorderPane.setMargin(split, new Insets(10, 0, 0, 0));
        // Ctrl+F reaches focusSearch() through the main window, which sends it to the shown section.
    }

    private Node titleRow() {
        Node export = exportAction.gatedButton(vm.permits().permitOf(Permissions.EXPORT),
                "Write every pair matching the filters, or the selected rows, with the visible columns to Excel or CSV.");
        Button adjust = new Button("_Adjust…");
        adjust.setId("inventory-adjust");
        adjust.setMnemonicParsing(true);
        adjust.setOnAction(e -> AdjustDialog.ask(vm.newAdjustment(), root));
        Node adjustGate = Gate.gate(adjust, vm.adjustPermit(), new ReadOnlyBooleanWrapper(false),
                "Change the platform's number of the selected pair with a reason; the ERP and the WMS follow on"
                        + " their next sync.");
        Button resync = new Button("_Resync…");
        resync.setId("inventory-resync");
        resync.setMnemonicParsing(true);
        resync.setOnAction(e -> vm.planResync(List.copyOf(table.getSelectionModel().getSelectedItems()),
                plan -> {
                    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
                    Dialogs.themed(confirm, root);
                    confirm.setTitle("Resync stock");
                    confirm.setHeaderText(plan.question());
                    confirm.setContentText("Each pair's platform number is pushed to the ERP and the warehouse system."
                            + " Where an integration is down, the pair fails into the inventory sync queue.");
                    confirm.getDialogPane().setId("resync-confirm");
                    confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.resync(plan));
                }));
        Node resyncGate = Gate.gate(resync, vm.resyncPermit(), vm.resyncingProperty(),
                "Push the platform's numbers to the ERP and the WMS: the selected rows, or (nothing selected) every"
                        + " pair matching the filters.");
        HBox row = PageTitle.row(Icons.INVENTORY, "Inventory",
                "What the platform, the ERP and the warehouse system each believe, per SKU and warehouse",
                count.startButton(root), resyncGate, adjustGate, export);
        Label result = new Label();
        result.setId("inventory-resync-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.resyncResultProperty());
        Hyperlink failures = new Hyperlink("Open " + Queues.noun(Failure.INVENTORY_SYNC));
        failures.setId("inventory-resync-failures");
        failures.setOnAction(e -> {
            if (openFailuresLink != null) {
                openFailuresLink.run();
            }
        });
        failures.visibleProperty().bind(vm.lastResyncFailedProperty().and(vm.resyncResultProperty().isNotEmpty()));
        failures.managedProperty().bind(failures.visibleProperty());
        HBox resultLine = new HBox(8, result, failures);
        resultLine.setAlignment(Pos.CENTER_LEFT);
        resultLine.visibleProperty().bind(vm.resyncResultProperty().isNotEmpty());
        resultLine.managedProperty().bind(resultLine.visibleProperty());
        MessagePane resyncError = new MessagePane(MessagePane.Kind.ERROR, vm.resyncErrorProperty(), vm::refresh);
        return new VBox(6, row, resultLine, resyncError, exportAction.outcomeBar());
    }

    // --- health strip ---

    private Node healthStrip(Runnable openFailures) {
        FlowPane strip = new FlowPane(8, 8);
        strip.setId("health-strip");
        strip.getStyleClass().add("health-strip");
        Runnable redraw = () -> strip.getChildren().setAll(vm.integrations().stream()
                .map(i -> healthCard(i, openFailures)).toList());
        vm.integrations().addListener((ListChangeListener<Inventory.Integration>) c -> redraw.run());
        redraw.run();
        return strip;
    }

    private Node healthCard(Inventory.Integration i, Runnable openFailures) {
        Label name = new Label(i.name());
        name.getStyleClass().add(Styles.STRONG);
        Label status = new Label(InventoryTexts.integrationStatus(i.status()));
        status.getStyleClass().add("health-status");
        status.setId("health-status-" + i.id());
        String lag = i.lagSeconds() == null ? "no successful run" : "lag " + (i.lagSeconds() < 60
                ? i.lagSeconds() + " s" : Formats.age(vm.now().minusSeconds(i.lagSeconds()), vm.now()));
        Label facts = new Label(lag + " · last run " + (i.lastRunAt() == null ? "never"
                : Formats.ago(i.lastRunAt(), vm.now())) + " · " + Formats.plural(i.errorsLastHour(), "error", "errors")
                + " in the last hour");
        facts.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        VBox card = new VBox(name, new HBox(8, status, facts));
        if (openFailures != null && !"OK".equals(i.status())) {
            Hyperlink failures = new Hyperlink("Open " + Queues.noun(Failure.INVENTORY_SYNC));
            failures.setId("health-failures-" + i.id());
            failures.setOnAction(e -> {
                openFailures.run();
                e.consume();
            });
            card.getChildren().add(failures);
        }
        card.setId("health-" + i.id());
        card.getStyleClass().add("health-card");
        card.pseudoClassStateChanged(PseudoClass.getPseudoClass(i.status().toLowerCase(java.util.Locale.ROOT)), true);
        Tooltip.install(card, new Tooltip("Show the pairs whose number from " + i.name() + " is older than its interval ("
                + Formats.duration(i.intervalSeconds() * 1000L) + ")."));
        card.setOnMouseClicked(e -> vm.showStaleOf(i));
        return card;
    }

    // --- filters ---

    private Node filterBar() {
        search.setId("inventory-search");
        search.setPromptText("SKU, EAN or name  (Ctrl+F)");
        search.setPrefColumnCount(14);
        search.textProperty().bindBidirectional(vm.textProperty());
        typing.setOnFinished(e -> vm.apply());
        search.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        search.setOnAction(e -> {
            typing.stop();
            vm.apply();
        });

        ComboBox<String> warehouse = new ComboBox<>();
        warehouse.setId("inventory-warehouse");
        warehouse.getItems().add(null);
        vm.warehouses().addListener((ListChangeListener<String>) c -> {
            String chosen = vm.warehouseProperty().get();
            warehouse.getItems().setAll(vm.warehouses());
            warehouse.getItems().add(0, null);
            warehouse.setValue(chosen);
        });
        Choices.labelled(warehouse, w -> w == null ? "All warehouses" : w);
        warehouse.valueProperty().bindBidirectional(vm.warehouseProperty());

        ComboBox<Inventory.SyncState> state = new ComboBox<>();
        state.setId("inventory-state");
        state.getItems().addAll(null, Inventory.SyncState.SETTLING, Inventory.SyncState.STUCK,
                Inventory.SyncState.IN_SYNC);
        Choices.labelled(state, s -> s == null ? "Any state" : InventoryTexts.state(s));
        state.valueProperty().bindBidirectional(vm.stateProperty());

        CheckBox drifting = new CheckBox("Drifting only");
        drifting.setId("inventory-drifting");
        drifting.selectedProperty().bindBidirectional(vm.driftingOnlyProperty());
        CheckBox oversold = new CheckBox("Oversold");
        oversold.setId("inventory-oversold");
        oversold.selectedProperty().bindBidirectional(vm.oversoldOnlyProperty());

        ComboBox<StockSort> sort = new ComboBox<>();
        sort.setId("inventory-sort");
        sort.getItems().addAll(StockSort.values());
        Choices.labelled(sort, InventoryView::sortText);
        sort.valueProperty().bindBidirectional(vm.sortProperty());

        Label integration = new Label();
        integration.setId("inventory-integration-filter");
        Button clearIntegration = new Button("✕");
        clearIntegration.getStyleClass().add(Styles.FLAT);
        clearIntegration.setOnAction(e -> vm.integrationProperty().set(null));
        HBox integrationChip = new HBox(4, integration, clearIntegration);
        integrationChip.setAlignment(Pos.CENTER_LEFT);
        integration.textProperty().bind(vm.integrationProperty().map(id -> "Stale numbers from " + id).orElse(""));
        integrationChip.visibleProperty().bind(vm.integrationProperty().isNotNull());
        integrationChip.managedProperty().bind(integrationChip.visibleProperty());

        Button clear = new Button("Clear filters");
        clear.setOnAction(e -> vm.clearFilters());
        // Each filter keeps its words; what does not fit on the line goes to the next.
        Label sortLabel = new Label("Sort:");
        HBox sortBox = new HBox(6, sortLabel, sort);
        sortBox.setAlignment(Pos.CENTER_LEFT);
        FlowPane bar = new FlowPane(8, 6, search, warehouse, state, drifting, oversold, integrationChip, sortBox, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setId("inventory-filters");
        return bar;
    }

    private static String sortText(StockSort s) {
        return s == null ? "" : switch (s) {
            case DRIFT -> "Biggest drift";
            case SKU -> "SKU";
            case OLDEST_SYNC -> "Oldest sync";
        };
    }

    // --- the matrix ---

    private Node tablePane() {
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setFixedCellSize(28);
        ExportDataset<StockPair> data = InventoryExport.dataset();
        paged.columns(List.of(
                ColumnSpec.of(data, "sku").width(96).minWidth(90),
                ColumnSpec.of(data, "name").width(190),
                ColumnSpec.of(data, "warehouse").width(80).minWidth(70),
                ColumnSpec.of(data, "platform").width(96).minWidth(80).graphic(() -> numberCell(StockSystem.PLATFORM))
                        .tooltip(p -> InventoryTexts.numberTip("Platform", p.platform(), vm.now(), formats)),
                ColumnSpec.of(data, "erp").width(96).minWidth(80).graphic(() -> numberCell(StockSystem.ERP))
                        .tooltip(p -> InventoryTexts.numberTip("ERP", p.erp(), vm.now(), formats)),
                ColumnSpec.of(data, "wms").width(96).minWidth(80).graphic(() -> numberCell(StockSystem.WMS))
                        .tooltip(p -> InventoryTexts.numberTip("WMS", p.wms(), vm.now(), formats)),
                ColumnSpec.of(data, "drift").width(64).minWidth(56).graphic(InventoryView::driftCell),
                ColumnSpec.of(data, "state").width(86).graphic(InventoryView::stateCell)
                        .tooltip(p -> InventoryTexts.stateHint(p, vm.now())),
                // Hidden at first so that Drift and Sync state fit beside the detail at 1280×800 (the + menu shows it;
                // the Oversold filter and the detail say it too).
                ColumnSpec.of(data, "oversold").width(70).hidden(),
                ColumnSpec.of(data, "ean").width(120).hidden(),
                ColumnSpec.of(data, "platformSyncedAt").width(130).hidden(),
                ColumnSpec.of(data, "erpSyncedAt").width(130).hidden(),
                ColumnSpec.of(data, "wmsSyncedAt").width(130).hidden(),
                ColumnSpec.of(data, "driftSince").width(130).hidden(),
                ColumnSpec.of(data, "unit").width(50).hidden()),
                vm::current, formats);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.select(now));

        VBox.setVgrow(table, Priority.ALWAYS);
        paged.countLabel().setId("inventory-count");
        Label zone = new Label(formats.zoneNote() + "  ·  a stale number (older than its integration's interval) is"
                + " in italics");
        zone.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        zone.setWrapText(true); // its own line, under the count: it wraps rather than being cut
        return new VBox(6, paged.newBanner(vm.changesProperty(), 1, vm::apply), table, paged.countLine(), zone);
    }

    /**
     * A system's quantity and the age of its number in short ("384 · 26m", "172 · 3h"), marked when stale: at the
     * default window the three systems' columns are narrow, and the age is what the column is read for. The detail
     * pane has the exact times.
     */
    private ColumnSpec.CellGraphic<StockPair> numberCell(StockSystem system) {
        Label label = new Label();
        label.getStyleClass().add("stock-number");
        return p -> {
            Inventory.SystemStock s = p.of(system);
            label.setText(numberWithAge(s.quantity(), s.syncedAt(), vm.now()));
            label.pseudoClassStateChanged(STALE, s.stale());
            return label;
        };
    }

    /** "384 · 26m": the age in whole minutes under an hour, hours under two days, then days; "now" under a minute. */
    static String numberWithAge(int quantity, java.time.Instant syncedAt, java.time.Instant now) {
        if (syncedAt == null) {
            return Integer.toString(quantity);
        }
        long seconds = Math.max(0, java.time.Duration.between(syncedAt, now).getSeconds());
        String age = seconds < 60 ? "now"
                : seconds < 3600 ? seconds / 60 + "m"
                : seconds < 48 * 3600 ? seconds / 3600 + "h"
                : seconds / 86400 + "d";
        return quantity + " · " + age;
    }

    private static ColumnSpec.CellGraphic<StockPair> driftCell() {
        Label label = new Label();
        label.getStyleClass().add("drift-badge");
        return p -> {
            label.setText(Integer.toString(p.drift()));
            label.pseudoClassStateChanged(SMALL, p.drift() > 0 && p.drift() < LARGE_DRIFT);
            label.pseudoClassStateChanged(LARGE, p.drift() >= LARGE_DRIFT);
            return label;
        };
    }

    private static ColumnSpec.CellGraphic<StockPair> stateCell() {
        Label label = new Label();
        label.getStyleClass().add("sync-state");
        return p -> {
            label.setText(InventoryTexts.state(p.state()));
            label.pseudoClassStateChanged(PseudoClass.getPseudoClass("stuck"), p.state() == Inventory.SyncState.STUCK);
            label.pseudoClassStateChanged(PseudoClass.getPseudoClass("settling"),
                    p.state() == Inventory.SyncState.SETTLING);
            return label;
        };
    }

    // --- for the section ---

    public Node root() {
        return root;
    }

    public InventoryViewModel viewModel() {
        return vm;
    }

    public void focusSearch() {
        if (count.showing().get()) {
            count.view().focusSearch();
            return;
        }
        search.requestFocus();
        search.selectAll();
    }

    public void refresh() {
        if (count.showing().get()) {
            count.viewModel().refresh();
            return;
        }
        vm.refresh();
    }

    /** Counting: the count page and its view model (tests drive it). */
    public CountPage countPage() {
        return count;
    }

    /** A link into the section: a SKU or EAN to search for, "WH-1/SKU-…" for one pair, "warehouse:WH-1" for a warehouse. */
    public void open(String target) {
        if (target == null || target.isBlank()) {
            return;
        }
        count.viewModel().close(); // a link shows the matrix
        if (target.startsWith("warehouse:")) {
            // From the Overview's warehouse tile: that warehouse's drifting pairs.
            vm.clearFilters();
            vm.warehouseProperty().set(target.substring("warehouse:".length()));
            return;
        }
        String t = target.contains("/") ? target.substring(target.indexOf('/') + 1) : target;
        vm.textProperty().set(t);
        typing.stop();
        vm.apply();
    }

    public void dispose() {
        typing.stop();
        count.dispose();
        vm.dispose();
    }

}
