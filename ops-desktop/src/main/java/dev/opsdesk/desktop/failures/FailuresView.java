package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.export.ui.ExportAction;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.PageTitle;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.list.ColumnSpec;
import dev.opsdesk.desktop.list.PagedTable;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The Failures section: queue selector with live counts, filters and search, the lazily paged
 * table (more columns in its + menu; columns can be dragged), the detail pane, Export (the visible
 * columns of every matching failure or of the selection, to XLSX or CSV), and the replay / resolve /
 * bulk replay dialogs.
 *
 * <p>The list is sorted by the server (it is paged lazily): the First seen, Last attempt, Attempts and Amount
 * headers and the Sort choice under the list change the server's order and load the list again;
 * the other columns cannot be sorted, rather than pretend to sort only the loaded rows.
 *
 * <p>Keyboard: Ctrl+F search (Enter jumps to the list, Esc clears), Enter on a row → its actions,
 * R or Ctrl+R replay, S resolve, D, Delete or Ctrl+D dismiss, A assign to me / unassign, N note,
 * Ctrl+Shift+R bulk replay of the selection, Alt+E export, F5 refresh (the letters work while the list
 * has focus).
 */
public final class FailuresView {

    static final KeyCombination SEARCH_KEY = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REPLAY_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination DISMISS_KEY = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination BULK_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    private static final javafx.css.PseudoClass LEFT_FILTER = javafx.css.PseudoClass.getPseudoClass("left-filter");
    private static final Tooltip LEFT_TIP = new Tooltip("No longer matches the filter (it changed since the list was "
            + "loaded); not counted, and gone when the list loads again (F5)");

    private final FailuresViewModel vm;
    private final Formats formats;
    private final BorderPane root = new BorderPane();
    private final PagedTable<FailureRow> paged;
    private final TableView<FailureRow> table;
    private final TextField search = new TextField();
    private final FailureDetailView detailView;
    private final Timeline heartbeat;
    private final Timeline ageRefresh;
    private final PauseTransition searchDebounce = new PauseTransition(Duration.millis(300));
    private final PauseTransition selectionSettle = new PauseTransition(Duration.millis(120));
    /** Export of the list (all matching rows or the selection). */
    private final ExportAction<FailureRow, Failure> exportAction;
    private final java.util.function.Consumer<String> auditTimeline;
    private BulkReplayView bulkView;
    /** True while the headers are set to show the view model's sort (not a user's click). */
    private boolean showingSort;

    public FailuresView(FailuresViewModel vm, Formats formats) {
        this(vm, formats, null);
    }

    /**
     * @param auditTimeline opens the audit trail on an entity ("failure:F-…"), for the detail pane's History
     *                      button; null when the user may not read the audit trail
     */
    public FailuresView(FailuresViewModel vm, Formats formats, java.util.function.Consumer<String> auditTimeline) {
        this.auditTimeline = auditTimeline;
        this.vm = vm;
        this.formats = formats;
        root.setId("page-failures");
        root.setUserData(this);
        root.getStyleClass().addAll(Styles.WORK_PAGE);
        paged = new PagedTable<>(vm.list(), "failure-table",
                "Nothing matches. Try another status (e.g. All) or clear the filters.");
        table = paged.table();
        exportAction = new ExportAction<>(vm.export(), table, FailureRow::failure, vm::exportRows)
                .describedBy(() -> vm.describe(vm.currentFilter()));

        detailView = new FailureDetailView(vm.detail(), formats, new FailureDetailView.Actions() {
            @Override
            public void replay() {
                replaySelected();
            }

            @Override
            public void resolve(String status) {
                resolveSelected(status);
            }

            @Override
            public java.util.function.Consumer<String> auditTimeline() {
                return auditTimeline;
            }
        });

        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.list().errorProperty(), vm.list()::retry);
        error.setId("failures-error");
        // Queues and statuses share a line while they fit; at 1280 px the statuses move to the next line rather
        // than the queue names being cut ("Payment call…").
        javafx.scene.layout.FlowPane queuesAndStatus = new javafx.scene.layout.FlowPane(12, 6, queueBar(), statusChips());
        queuesAndStatus.setId("queues-and-status");
        queuesAndStatus.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, titleRow(), queuesAndStatus, filterBar(), error);
        root.setTop(top);

        SplitPane split = new SplitPane(tablePane(), detailView);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);
        detailView.setMinWidth(340);
        SplitPane.setResizableWithParent(detailView, false);
        split.setId("failures-split");
        root.setCenter(split);
        BorderPane.setMargin(split, new javafx.geometry.Insets(10, 0, 0, 0));

        root.addEventFilter(KeyEvent.KEY_PRESSED, this::pageKeys);

        vm.detail().proposalProperty().addListener((obs, old, now) -> {
            if (now != null) {
                Platform.runLater(() -> confirmReplay(now));
            }
        });
        vm.bulkProperty().addListener((obs, old, now) -> {
            BulkReplayView previous = bulkView;
            bulkView = null;
            if (previous != null && previous.stage().isShowing()) {
                previous.stage().hide();
            }
            if (now != null) {
                bulkView = BulkReplayView.open(now, root, () -> {
                    if (vm.bulkProperty().get() == now) {
                        vm.closeBulk();
                    }
                }, auditTimeline);
            }
        });

        heartbeat = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.heartbeat()));
        heartbeat.setCycleCount(Timeline.INDEFINITE);
        heartbeat.play();
        ageRefresh = new Timeline(new KeyFrame(Duration.seconds(30), e -> table.refresh()));
        ageRefresh.setCycleCount(Timeline.INDEFINITE);
        ageRefresh.play();
    }

    // --- top ---

    private Node titleRow() {
        Button bulk = new Button("_Bulk replay", Icons.icon(Icons.BULK_REPLAY, 16));
        bulk.setId("bulk-menu");
        ContextMenu menu = new ContextMenu();
        MenuItem selected = new MenuItem();
        selected.setId("bulk-selected");
        selected.textProperty().bind(Bindings.createStringBinding(() -> vm.selection().size() <= 1
                ? "Replay the selected failure…" : "Replay the " + Formats.count(vm.selection().size()) + " selected failures…",
                vm.selection()));
        selected.setAccelerator(BULK_KEY);
        selected.disableProperty().bind(Bindings.isEmpty(vm.selection()));
        selected.setOnAction(e -> vm.bulkReplaySelection());
        MenuItem matching = new MenuItem();
        matching.setId("bulk-matching");
        matching.textProperty().bind(Bindings.createStringBinding(() -> vm.list().totalProperty().get() == null
                ? "Replay everything matching the filters…"
                : "Replay all " + Formats.plural(vm.list().totalProperty().get(), "failure", "failures") + " matching the filters…",
                vm.list().totalProperty()));
        matching.setOnAction(e -> vm.bulkReplayMatching());
        menu.getItems().addAll(selected, new SeparatorMenuItem(), matching);
        bulk.setOnAction(e -> menu.show(bulk, Side.BOTTOM, 0, 0));
        Node bulkNode = Gate.gate(bulk, vm.permissions().mayReplayAnything() ? Permit.ALLOWED
                        : Permit.no("Your role may not replay failures."),
                "Preview, then replay many failures as one server-side job, with progress and cancel ("
                        + BULK_KEY.getDisplayText() + " for the selection)");

        return PageTitle.row(Icons.FAILURES, "Failures",
                "Find a failure, see why it failed, replay it safely — each takes effect once.", exportButton(), bulkNode,
                PageTitle.refreshButton("failures-refresh", "Load the list and the counts again", this::refresh));
    }

    /**
     * Export: every failure matching the filters (fetched from the server in the list's order) or the
     * selected rows, as XLSX or CSV, with the visible columns in their order. Greyed out, with the
     * reason, for a role without the {@code export} permission.
     */
    private Node exportButton() {
        return exportAction.gatedButton(vm.permits().permitOf(Permissions.EXPORT), "Write every failure matching the filters, or the selected rows, "
                + "to an Excel workbook or a CSV file — the visible columns, in their order (the + at the right of "
                + "the headers shows more). Progress and Cancel are in the status bar.");
    }

    private Node queueBar() {
        HBox bar = new HBox(6);
        bar.setId("queue-bar");
        bar.getStyleClass().add(Styles.QUEUE_BAR);
        bar.setAlignment(Pos.CENTER_LEFT);
        ToggleGroup group = new ToggleGroup();
        fillQueueBar(bar, group);
        // The queues follow the user's permissions (re-read by the shell): the buttons follow the queues.
        vm.queues().addListener((ListChangeListener<QueueTab>) c -> fillQueueBar(bar, group));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null && group.getToggles().contains(old)) {
                group.selectToggle(old);
            } else if (now != null && now.getUserData() != vm.selectedQueueProperty().get()) {
                vm.selectedQueueProperty().set((QueueTab) now.getUserData());
            }
        });
        vm.selectedQueueProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(group::selectToggle));
        return bar;
    }

    private void fillQueueBar(HBox bar, ToggleGroup group) {
        group.getToggles().clear();
        bar.getChildren().clear();
        for (QueueTab tab : vm.queues()) {
            Label count = new Label();
            count.getStyleClass().add(Styles.QUEUE_COUNT);
            count.textProperty().bind(Bindings.createStringBinding(
                    () -> tab.openProperty().get() < 0 ? "…" : Formats.count(tab.openProperty().get()), tab.openProperty()));
            ToggleButton button = new ToggleButton(tab.label(), count);
            button.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
            button.setId(tab.nodeId());
            button.setUserData(tab);
            button.setToggleGroup(group);
            button.getStyleClass().add(Styles.QUEUE_BUTTON);
            button.setMnemonicParsing(false);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setTooltip(new Tooltip(tab.label() + " — the number is how many are open now (including those "
                    + "being replayed); it updates live"));
            if (tab == vm.selectedQueueProperty().get()) {
                button.setSelected(true);
            }
            bar.getChildren().add(button);
        }
    }

    private Node statusChips() {
        HBox chips = new HBox(0);
        chips.getStyleClass().add("segmented");
        chips.setId("status-chips");
        ToggleGroup group = new ToggleGroup();
        for (StatusChoice choice : StatusChoice.values()) {
            ToggleButton chip = new ToggleButton(choice.label());
            chip.setId("status-" + choice.name().toLowerCase(java.util.Locale.ROOT));
            chip.setUserData(choice);
            chip.setToggleGroup(group);
            chip.getStyleClass().add(Styles.CHIP);
            chip.setMnemonicParsing(false);
            chip.setTooltip(new Tooltip(choice.description()));
            chip.setSelected(choice == vm.statusProperty().get());
            chips.getChildren().add(chip);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                group.selectToggle(old);
            } else if (now != null) {
                vm.statusProperty().set((StatusChoice) now.getUserData());
            }
        });
        vm.statusProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(group::selectToggle));
        chips.setMinWidth(Region.USE_PREF_SIZE);
        return chips;
    }

    private Node filterBar() {
        ComboBox<String> reason = codeCombo("reason-filter", "Any reason", vm.reasonChoices(), FailureTexts::reason);
        reason.valueProperty().bindBidirectional(vm.reasonProperty());
        ComboBox<String> provider = codeCombo("provider-filter", "Any provider", FailureTexts.PROVIDERS, FailureTexts::provider);
        provider.valueProperty().bindBidirectional(vm.providerProperty());
        provider.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            QueueTab q = vm.selectedQueueProperty().get();
            return q != null && q.queue() != null && !Failure.PAYMENT_CALLBACK.equals(q.queue());
        }, vm.selectedQueueProperty()));
        provider.setTooltip(new Tooltip("Payment provider (payment callbacks only)"));

        ComboBox<AssigneeChoice> assignee = new ComboBox<>();
        assignee.setId("assignee-filter");
        assignee.getItems().setAll(AssigneeChoice.values());
        assignee.valueProperty().bindBidirectional(vm.assigneeProperty());
        ComboBox<AgeChoice> age = new ComboBox<>();
        age.setId("age-filter");
        age.getItems().setAll(AgeChoice.values());
        age.valueProperty().bindBidirectional(vm.ageProperty());
        age.setTooltip(new Tooltip("First seen within…"));

        search.setId("failure-search");
        search.getStyleClass().add(Styles.SEARCH_FIELD);
        search.setPromptText("Order no., payment ref., event or failure id");
        search.setTooltip(new Tooltip("Finds failures whose order number, payment reference, event id or failure id "
                + "starts with what you type (Ctrl+F to get here, Enter to jump to the list, Esc to clear)"));
        search.setPrefColumnCount(28);
        search.setMinWidth(220);
        search.setText(vm.searchTextProperty().get());
        search.textProperty().addListener((obs, old, now) -> searchDebounce.playFromStart());
        searchDebounce.setOnFinished(e -> vm.searchTextProperty().set(search.getText()));
        search.setOnAction(e -> {
            searchDebounce.stop();
            vm.searchTextProperty().set(search.getText());
            if (!vm.rows().isEmpty()) {
                table.requestFocus();
                table.getSelectionModel().clearAndSelect(0);
                table.getFocusModel().focus(0);
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                searchDebounce.stop();
                vm.searchTextProperty().set("");
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN && !vm.rows().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().clearAndSelect(0);
                }
                e.consume();
            }
        });
        vm.searchTextProperty().addListener((obs, old, now) -> {
            if (!search.getText().equals(now == null ? "" : now) && !searchDebounce.getStatus().equals(
                    javafx.animation.Animation.Status.RUNNING)) {
                search.setText(now == null ? "" : now);
            }
        });
        var magnifier = Icons.icon(Icons.SEARCH, 16);
        magnifier.getStyleClass().add("search-icon");
        HBox searchBox = new HBox(4, magnifier, search);
        searchBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox.setHgrow(searchBox, Priority.ALWAYS);

        Button clear = new Button(null, Icons.icon(Icons.CLEAR_FILTERS, 16));
        clear.setId("clear-filters");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setTooltip(new Tooltip("Reset the filters: open failures, any reason, provider, assignee and age, no search"));
        clear.setOnAction(e -> {
            searchDebounce.stop();
            search.clear();
            vm.clearFilters();
        });

        for (ComboBox<?> combo : List.of(reason, provider, assignee, age)) {
            combo.setMinWidth(Region.USE_PREF_SIZE);
        }
        javafx.scene.control.CheckBox pastSla = new javafx.scene.control.CheckBox("Past _SLA");
        pastSla.setId("past-sla-filter");
        pastSla.setMinWidth(Region.USE_PREF_SIZE);
        pastSla.setTooltip(new Tooltip("Only open failures older than their queue's target (payment callbacks 30 min,"
                + " inventory syncs 2 h, fulfillment exports 4 h)"));
        pastSla.selectedProperty().bindBidirectional(vm.pastSlaProperty());
        // The Overview's chart opened one hour: say so, and let it go (the age filter then applies again).
        Button hourChip = new Button(null, Icons.icon(Icons.CLEAR_FILTERS, 14));
        hourChip.setId("hour-filter");
        hourChip.setMinWidth(Region.USE_PREF_SIZE);
        hourChip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.hourProperty().get() == null
                ? "" : "First seen " + Formats.hourRange(vm.hourProperty().get(), formats.zone()), vm.hourProperty()));
        hourChip.setTooltip(new Tooltip("Only failures first seen in this hour; click to show every age again"));
        hourChip.visibleProperty().bind(vm.hourProperty().isNotNull());
        hourChip.managedProperty().bind(hourChip.visibleProperty());
        hourChip.setOnAction(e -> vm.hourProperty().set(null));
        age.disableProperty().bind(vm.hourProperty().isNotNull());
        HBox bar = new HBox(8, searchBox, reason, provider, assignee, age, hourChip, pastSla, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(Styles.FILTER_BAR);
        bar.setId("filter-bar");
        return bar;
    }

    private static ComboBox<String> codeCombo(String id, String anyText, List<String> codes, Function<String, String> label) {
        ComboBox<String> combo = new ComboBox<>();
        combo.setId(id);
        combo.getItems().add(null);
        combo.getItems().addAll(codes);
        if (codes instanceof javafx.collections.ObservableList<String> live) {
            // The choices follow (the reasons of the selected queue); "any" stays first.
            live.addListener((javafx.collections.ListChangeListener<String>) c -> {
                String chosen = combo.getValue();
                List<String> items = new java.util.ArrayList<>();
                items.add(null);
                items.addAll(live);
                combo.getItems().setAll(items);
                combo.setValue(live.contains(chosen) ? chosen : null);
            });
        }
        combo.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? anyText : label.apply(item));
            }
        });
        combo.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null ? anyText : label.apply(item));
            }
        });
        return combo;
    }

    // --- table ---

    /** "Past SLA", "in 12 min", or "—" for a closed failure. */
    static String slaText(Failure f, Instant now) {
        if (f.slaDueAt() == null || !f.isOpen()) {
            return "—";
        }
        return f.isPastSla(now) ? "Past SLA" : "in " + Formats.age(now, f.slaDueAt());
    }

    private Node tablePane() {
        table.getStyleClass().add(Styles.FAILURE_TABLE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setFixedCellSize(30);

        ExportDataset<Failure> data = FailureExport.dataset();
        String you = vm.me().user().username();
        paged.columns(List.of(
                ColumnSpec.of(data, "id").width(92).hidden(),
                ColumnSpec.of(data, "queue").width(120).hidden(),
                ColumnSpec.of(data, "status").width(96).minWidth(90).graphic(() -> {
                    StatusBadge badge = new StatusBadge();
                    return f -> {
                        badge.show(f.status());
                        return badge;
                    };
                }),
                ColumnSpec.of(data, "reason").width(150).tooltip(Failure::message),
                // Hidden at first (the + menu shows them): at 1280 px the columns that stay fit without cut headers.
                ColumnSpec.of(data, "provider").width(68).hidden().text(f -> f.provider() == null ? "—"
                        : FailureTexts.provider(f.provider())),
                ColumnSpec.of(data, "subject").width(106).minWidth(94)
                        .tooltip(f -> f.paymentReference() != null ? "Payment " + f.paymentReference() : null),
                ColumnSpec.of(data, "orderNumber").width(106).hidden(),
                ColumnSpec.of(data, "paymentReference").width(140).hidden()
                        .text(f -> f.paymentReference() == null ? "—" : f.paymentReference()),
                ColumnSpec.of(data, "sku").width(100).hidden(),
                ColumnSpec.of(data, "warehouse").width(80).hidden(),
                ColumnSpec.of(data, "amount").width(82).minWidth(80), // money is never cut off
                ColumnSpec.of(data, "firstSeenAt").width(100).minWidth(98)
                        .text(f -> Formats.age(f.firstSeenAt(), vm.clock().instant()))
                        .tooltip(f -> "First seen " + formats.absolute(f.firstSeenAt())),
                ColumnSpec.of(data, "lastAttemptAt").width(96).minWidth(94).hidden()
                        .text(f -> Formats.age(lastAttemptAt(f), vm.clock().instant()))
                        .tooltip(f -> "Last attempt " + formats.absolute(lastAttemptAt(f))),
                ColumnSpec.of(data, "attempts").width(78).minWidth(76).hidden()
                        .tooltip(f -> f.lastAttemptAt() == null ? null : "Last attempt " + formats.absolute(f.lastAttemptAt())),
                ColumnSpec.of(data, "assignee").width(86).minWidth(84)
                        .text(f -> f.assignee() == null ? "—" : f.assignee().equals(you) ? "you" : f.assignee()),
                ColumnSpec.of(data, "message").width(220).hidden().tooltip(Failure::message),
                ColumnSpec.of(data, "slaDueAt").width(92).minWidth(90).text(f -> slaText(f, vm.clock().instant()))
                        .tooltip(f -> f.slaDueAt() == null ? "Closed: no SLA" : (f.isPastSla(vm.clock().instant())
                                ? "Past its queue's SLA target since " : "Due by ") + formats.absolute(f.slaDueAt()))),
                FailureRow::failureProperty, formats);
        serverSorting(table.getColumns().stream().filter(c -> FailureSort.COLUMNS.contains(c.getId())).toList());

        // A failure that left the filter (resolved while Open is shown) is marked until the next load.
        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            private final javafx.beans.value.ChangeListener<Boolean> leftChanged = (o, was, now) -> mark(now);
            private FailureRow watched;

            @Override
            protected void updateItem(FailureRow row, boolean empty) {
                super.updateItem(row, empty);
                if (watched != null) {
                    watched.leftProperty().removeListener(leftChanged);
                }
                watched = empty ? null : row;
                if (watched != null) {
                    watched.leftProperty().addListener(leftChanged);
                }
                mark(watched != null && watched.hasLeft());
            }

            private void mark(boolean left) {
                pseudoClassStateChanged(LEFT_FILTER, left);
                setTooltip(left ? LEFT_TIP : null);
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<FailureRow>) c ->
                vm.selection().setAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        vm.reselectProperty().addListener((obs, old, rows) -> reselect(rows));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> selectionSettle.playFromStart());
        selectionSettle.setOnFinished(e -> vm.select(table.getSelectionModel().getSelectedItem()));
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::tableKeys);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                selectionSettle.stop();
                vm.select(table.getSelectionModel().getSelectedItem());
                detailView.focusActions();
            }
        });

        VBox.setVgrow(table, Priority.ALWAYS);
        VBox pane = new VBox(0, newBanner(), exportAction.outcomeBar(), table, countLine());
        return pane;
    }

    /** After a change of sort: selects the failures that were selected again, and shows the first. */
    private void reselect(List<FailureRow> rows) {
        if (rows == null || rows.isEmpty()) {
            return;
        }
        table.getSelectionModel().clearSelection();
        for (FailureRow row : rows) {
            int index = vm.rows().indexOf(row);
            if (index >= 0) {
                table.getSelectionModel().select(index);
            }
        }
        int first = vm.rows().indexOf(rows.get(0));
        if (first >= 0) {
            table.getFocusModel().focus(first);
            table.scrollTo(Math.max(0, first - 3));
        }
    }

    /** The server's order when the last attempt was the first one (the server sorts the same way). */
    private static java.time.Instant lastAttemptAt(Failure f) {
        return f.lastAttemptAt() != null ? f.lastAttemptAt() : f.firstSeenAt();
    }

    /**
     * Makes {@code columns} sort through the server: a header click sets the view model's sort (which
     * loads the list again from the first page); the loaded rows are never re-sorted here. The
     * headers follow the view model's sort, whichever way it was chosen.
     */
    private void serverSorting(List<TableColumn<FailureRow, ?>> columns) {
        columns.forEach(c -> c.setSortable(true));
        table.setSortPolicy(t -> true);
        table.setOnSort(e -> {
            e.consume();
            if (showingSort) {
                return;
            }
            SortChoice wanted;
            if (table.getSortOrder().isEmpty()) {
                // A third click on the sorted header, or the sorted column was hidden.
                TableColumn<FailureRow, ?> sorted = columnOf(vm.sortProperty().get());
                if (sorted != null && !sorted.isVisible()) {
                    return;
                }
                wanted = SortChoice.NEWEST;
            } else {
                wanted = sortOf(table.getSortOrder().get(0));
            }
            if (wanted != null) {
                // After the header's own sort event: the reload clears the rows it is looking at.
                Platform.runLater(() -> {
                    if (vm.sortProperty().get() != wanted) {
                        vm.sortProperty().set(wanted);
                    } else {
                        showSort(wanted);
                    }
                });
            }
        });
        vm.sortProperty().addListener((obs, old, now) -> showSort(now));
        columns.forEach(c -> c.visibleProperty().addListener((obs, old, now) -> showSort(vm.sortProperty().get())));
        showSort(vm.sortProperty().get());
    }

    /** Ages count back from a time: the youngest first is the latest time first. */
    private static boolean showsAge(TableColumn<?, ?> c) {
        return "firstSeenAt".equals(c.getId()) || "lastAttemptAt".equals(c.getId());
    }

    /** The server sort a sorted header asks for; null for a column the server cannot sort by. */
    private static SortChoice sortOf(TableColumn<?, ?> c) {
        if (c.getId() == null || !dev.opsdesk.client.model.FailureSort.COLUMNS.contains(c.getId())) {
            return null;
        }
        boolean ascending = c.getSortType() == TableColumn.SortType.ASCENDING;
        return SortChoice.of(c.getId(), showsAge(c) == ascending);
    }

    private TableColumn<FailureRow, ?> columnOf(SortChoice choice) {
        if (choice == null) {
            return null;
        }
        return table.getColumns().stream().filter(c -> choice.sort().column().equals(c.getId())).findFirst().orElse(null);
    }

    /** The header arrow on the sorted column (none when that column is hidden). */
    private void showSort(SortChoice choice) {
        showingSort = true;
        try {
            TableColumn<FailureRow, ?> c = columnOf(choice);
            if (c == null || !c.isVisible()) {
                table.getSortOrder().clear();
                return;
            }
            boolean ascending = showsAge(c) == choice.sort().descending();
            c.setSortType(ascending ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
            if (table.getSortOrder().size() != 1 || table.getSortOrder().get(0) != c) {
                table.getSortOrder().setAll(List.of(c));
            }
        } finally {
            showingSort = false;
        }
    }


    private Node newBanner() {
        return paged.newBanner(vm.newCountProperty(), Integer.MAX_VALUE, vm::showNew);
    }

    private Node countLine() {
        paged.countLabel().setId("failure-count");
        Label zone = new Label(formats.zoneNote());
        zone.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);

        // The order, under the list it orders (the filter bar is full at 1280 px); for keyboard users,
        // since table headers take no focus. Tab from the list gets here.
        ComboBox<SortChoice> sort = new ComboBox<>();
        sort.setId("sort-choice");
        sort.getItems().setAll(SortChoice.values());
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        sort.setAccessibleText("Sort by");
        sort.getStyleClass().add(Styles.SMALL);
        sort.setMinWidth(Region.USE_PREF_SIZE);
        sort.setTooltip(new Tooltip("The order of the list. The server sorts it, so every failure is in order, not "
                + "only those loaded. The First seen, Last attempt, Attempts and Amount headers sort too."));
        Label sortLabel = new Label("Sort");
        sortLabel.setLabelFor(sort);
        sortLabel.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        sortLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setMargin(sortLabel, new javafx.geometry.Insets(0, 0, 0, 8));

        return paged.countLine(zone, sortLabel, sort);
    }

    // --- keyboard ---

    private void pageKeys(KeyEvent e) {
        if (SEARCH_KEY.match(e)) {
            focusSearch();
            e.consume();
        } else if (BULK_KEY.match(e)) {
            if (!vm.selection().isEmpty() && vm.permissions().mayReplayAnything()) {
                vm.bulkReplaySelection();
            }
            e.consume();
        } else if (REPLAY_KEY.match(e)) {
            replaySelected();
            e.consume();
        } else if (DISMISS_KEY.match(e)) {
            resolveSelected("DISMISSED");
            e.consume();
        }
    }

    private void tableKeys(KeyEvent e) {
        if (e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        switch (e.getCode()) {
            case ENTER -> {
                if (table.getSelectionModel().getSelectedItem() != null) {
                    selectionSettle.stop();
                    vm.select(table.getSelectionModel().getSelectedItem());
                    detailView.focusActions();
                }
            }
            case R -> replaySelected();
            case S -> resolveSelected("RESOLVED");
            case D, DELETE -> resolveSelected("DISMISSED");
            case A -> {
                if (vm.detail().assignPermitProperty().get().allowed()) {
                    if (vm.detail().assignedToMeProperty().get()) {
                        vm.detail().unassign();
                    } else {
                        vm.detail().assignToMe();
                    }
                }
            }
            case N -> detailView.focusNote();
            default -> {
                return;
            }
        }
        e.consume();
    }

    // --- actions ---

    private void settleSelection() {
        if (selectionSettle.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            selectionSettle.stop();
            vm.select(table.getSelectionModel().getSelectedItem());
        }
    }

    private void replaySelected() {
        settleSelection();
        if (vm.detail().replayPermitProperty().get().allowed()) {
            vm.detail().prepareReplay();
        }
    }

    private void resolveSelected(String status) {
        settleSelection();
        Failure f = vm.detail().failureProperty().get();
        if (f == null || !vm.detail().resolvePermitProperty().get().allowed()) {
            return;
        }
        ResolveDialog.ask(f, status, root).ifPresent(choice -> vm.detail().resolve(status, choice.code(), choice.note()));
    }

    private void confirmReplay(ReplayProposal proposal) {
        if (vm.detail().proposalProperty().get() != proposal) {
            return;
        }
        ReplayDialog.confirm(proposal, root).ifPresentOrElse(vm.detail()::confirmReplay, vm.detail()::cancelReplay);
    }

    /** Loads the list, the counts and the detail again. */
    public void refresh() {
        vm.reload();
        vm.refreshCounts();
        vm.detail().refresh();
    }

    /** Ctrl+F: the search field, with its text selected. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public Parent root() {
        return root;
    }

    public FailuresViewModel viewModel() {
        return vm;
    }

    TableView<FailureRow> table() {
        return table;
    }

    BulkReplayView bulkView() {
        return bulkView;
    }

    /** The Export action (tests answer its file chooser). */
    public ExportAction<FailureRow, Failure> exportAction() {
        return exportAction;
    }

    /** Stops the timers and live updates. */
    public void dispose() {
        heartbeat.stop();
        ageRefresh.stop();
        vm.dispose();
    }
}
