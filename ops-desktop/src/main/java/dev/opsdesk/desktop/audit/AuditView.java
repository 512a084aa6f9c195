package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.desktop.export.ui.ExportAction;
import dev.opsdesk.desktop.ui.Dialogs;
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
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
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
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.List;
import java.util.Objects;

/**
 * The Audit section: a filter bar (one search box that opens the matching timeline, actor, action,
 * time), the events newest first in a lazily paged table, the selected event's detail, and the
 * integrity strip — "Verify integrity" with its result in words and colour, and a red warning when
 * the server no longer holds the checkpoint verified earlier.
 *
 * <p>Keyboard: Ctrl+F search; Enter applies the filters from any field (Esc clears the search,
 * ↓ goes to the list); Enter on a row goes to its links; Alt+V verify integrity, Alt+G verify a
 * range, Alt+E export, Alt+T actor, Alt+N action, Alt+W time, Alt+A apply; F5 refresh.
 */
public final class AuditView {

    static final KeyCombination SEARCH_KEY = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    /** Rows from the end at which the next page is fetched. */
    private static final javafx.css.PseudoClass SYSTEM_ACTOR = javafx.css.PseudoClass.getPseudoClass("system");
    private static final String STYLESHEET = "/dev/opsdesk/desktop/audit/audit.css";
    private static final List<String> STATE_CLASSES = List.of("integrity-neutral", "integrity-running", "integrity-ok",
            "integrity-broken", "integrity-unavailable");

    private final AuditViewModel vm;
    private final AuditIntegrityViewModel integrity;
    private final Formats formats;
    private final BorderPane root = new BorderPane();
    private final PagedTable<AuditEvent> paged;
    private final TableView<AuditEvent> table;
    private final TextField search = new TextField();
    private final ComboBox<String> action = new ComboBox<>();
    private final AuditDetailView detailView;
    private final PauseTransition selectionSettle = new PauseTransition(Duration.millis(120));
    /** Export of the events matching the filter; null when the user may not export the audit trail. */
    private final ExportAction<AuditEvent, AuditEvent> exportAction;
    private final TextField rangeFrom = new TextField();
    private final ToggleButton rangeToggle = new ToggleButton("Verify a ran_ge…");

    public AuditView(AuditViewModel vm, Formats formats) {
        this.vm = vm;
        this.integrity = vm.integrity();
        this.formats = formats;
        root.setId("page-audit");
        root.setUserData(this);
        root.getStyleClass().addAll(Styles.WORK_PAGE, "audit-page");
        root.getStylesheets().add(Objects.requireNonNull(AuditView.class.getResource(STYLESHEET), STYLESHEET)
                .toExternalForm());
        paged = new PagedTable<>(vm.list(), "audit-table", "No events match. Check the spelling (order numbers and "
                + "ids must match exactly), or clear the filters.");
        table = paged.table();
        exportAction = new ExportAction<>(vm.export(), table, e -> e, vm::exportRows)
                .allMatchingOnly("Every event matching the filter")
                .describedBy(vm.filterTextProperty()::get);
        detailView = new AuditDetailView(vm, vm::follow);

        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.list().errorProperty(), vm.list()::retry);
        error.setId("audit-error");
        MessagePane integrityError = new MessagePane(MessagePane.Kind.ERROR, integrity.errorProperty(),
                integrity::dismissError);
        integrityError.setId("audit-integrity-error");
        VBox top = new VBox(8, titleRow(), checkpointWarning(), integrityStrip(), integrityError, filterBar(), error);
        root.setTop(top);

        SplitPane split = new SplitPane(tablePane(), detailView);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.655);
        detailView.setMinWidth(330);
        SplitPane.setResizableWithParent(detailView, false);
        split.setId("audit-split");
        root.setCenter(split);
        BorderPane.setMargin(split, new Insets(10, 0, 0, 0));

        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (SEARCH_KEY.match(e)) {
                focusSearch();
                e.consume();
            }
        });
    }

    // --- top ---

    private Node titleRow() {
        Button verify = new Button("_Verify integrity", Icons.icon(MaterialDesignS.SHIELD_CHECK_OUTLINE, 16));
        verify.setId("audit-verify");
        verify.setOnAction(e -> integrity.verifyAll());
        verify.setMinWidth(Region.USE_PREF_SIZE);
        Node verifyNode = Gate.gate(verify, new javafx.beans.property.ReadOnlyObjectWrapper<>(integrity.mayVerify()
                        ? Permit.ALLOWED : Permit.no("Verify integrity is not available to you. " + integrity.whyNot())),
                integrity.runningProperty(), "Re-compute the hash chain of every event, #1 to the latest, in the "
                        + "background (progress and Cancel in the status bar), and compare it with the checkpoint verified "
                        + "earlier");
        return PageTitle.row(Icons.AUDIT, "Audit", "Who changed what, and when — in a hash-chained trail you can verify.",
                verifyNode, exportButton(), PageTitle.refreshButton("audit-refresh",
                        "Load the events again and compare with the kept checkpoint", this::refresh));
    }

    /**
     * Export: every event matching the filter, fetched through the server's export endpoint — which
     * records the export in the trail — as XLSX or CSV, with the visible columns in their order. There
     * is no "selected rows" choice: a copy of rows already on screen would leave no trace in the trail.
     */
    private Node exportButton() {
        return exportAction.gatedButton(vm.permits().permitOf(Permissions.AUDIT_EXPORT), "Write every event matching the filter to an Excel workbook or a "
                + "CSV file — the visible columns, in their order (the + at the right of the headers adds details, ids "
                + "and hashes). The server records each export in the trail.");
    }

    /** Red, and only there when the server's trail no longer holds the checkpoint verified earlier. */
    private Node checkpointWarning() {
        var icon = Icons.icon(MaterialDesignS.SHIELD_ALERT, 26);
        icon.getStyleClass().add("warning-icon");
        Label text = new Label();
        text.setId("audit-warning-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(integrity.warningProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button forget = new Button("Forget checkpoint…");
        forget.setId("audit-forget-checkpoint");
        forget.setMinWidth(Region.USE_PREF_SIZE);
        forget.setTooltip(new Tooltip("Once this has been looked into: stop comparing with the old checkpoint; the next "
                + "full verification keeps a new one"));
        forget.disableProperty().bind(integrity.runningProperty());
        forget.setOnAction(e -> confirmForget());
        HBox banner = new HBox(12, icon, text, forget);
        banner.setId("audit-checkpoint-warning");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("checkpoint-warning");
        banner.visibleProperty().bind(integrity.warningProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private void confirmForget() {
        var k = integrity.keptProperty().get();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The warning goes away, and the next full verification "
                + "keeps the server's trail as it is now as the new checkpoint. Do this only after the rewritten "
                + "history has been explained.", ButtonType.CANCEL, ButtonType.OK);
        Dialogs.themed(alert, root);
        alert.setTitle("Forget the audit checkpoint");
        alert.setHeaderText("Forget checkpoint #" + (k == null ? "" : Formats.count(k.sequence())) + "?");
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> integrity.forgetKept());
    }

    /** The integrity check's state in words and colour, with what can be done next. */
    private Node integrityStrip() {
        FontIcon icon = Icons.icon(MaterialDesignS.SHIELD_OUTLINE, 22);
        icon.getStyleClass().add("integrity-icon");
        Label text = new Label();
        text.setId("audit-integrity-text");
        text.getStyleClass().add("integrity-headline");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(integrity.textProperty());
        Label note = new Label();
        note.setId("audit-integrity-note");
        note.getStyleClass().add(Styles.SMALL);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.textProperty().bind(integrity.noteProperty());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox words = new VBox(2, text, note);
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);

        ProgressBar bar = new ProgressBar();
        bar.setId("audit-verify-progress");
        bar.setPrefWidth(120);
        bar.progressProperty().bind(integrity.progressProperty());
        bar.visibleProperty().bind(integrity.stateProperty().isEqualTo(AuditIntegrityViewModel.State.CHECKING));
        bar.managedProperty().bind(bar.visibleProperty());

        Button cancel = new Button("Cancel", Icons.icon(Icons.CANCEL, 14));
        cancel.setId("audit-verify-cancel");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> integrity.cancel());
        cancel.visibleProperty().bind(bar.visibleProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());

        Button showBroken = new Button();
        showBroken.setId("audit-show-broken");
        showBroken.getStyleClass().add(Styles.SMALL);
        showBroken.setMinWidth(Region.USE_PREF_SIZE);
        showBroken.textProperty().bind(Bindings.createStringBinding(() -> integrity.brokenAtProperty().get() == null ? ""
                : "Show event #" + Formats.count(integrity.brokenAtProperty().get()), integrity.brokenAtProperty()));
        showBroken.visibleProperty().bind(integrity.brokenAtProperty().isNotNull());
        showBroken.managedProperty().bind(showBroken.visibleProperty());
        showBroken.setOnAction(e -> {
            Long at = integrity.brokenAtProperty().get();
            if (at != null) {
                vm.showSequence(at);
            }
        });

        Button verifyNew = new Button();
        verifyNew.setId("audit-verify-new");
        verifyNew.getStyleClass().add(Styles.SMALL);
        verifyNew.setMinWidth(Region.USE_PREF_SIZE);
        verifyNew.textProperty().bind(Bindings.createStringBinding(() -> integrity.newSinceKeptProperty().get() == null
                ? "" : "Verify the " + Formats.plural(integrity.newSinceKeptProperty().get(), "new event", "new events"),
                integrity.newSinceKeptProperty()));
        verifyNew.setTooltip(new Tooltip("Only the events added since the checkpoint verified earlier (which is "
                + "compared first): quick on a long trail"));
        verifyNew.visibleProperty().bind(Bindings.createBooleanBinding(() -> integrity.mayVerify()
                        && !integrity.runningProperty().get() && integrity.newSinceKeptProperty().get() != null
                        && integrity.newSinceKeptProperty().get() > 0
                        && integrity.stateProperty().get() != AuditIntegrityViewModel.State.VERIFIED,
                integrity.runningProperty(), integrity.newSinceKeptProperty(), integrity.stateProperty()));
        verifyNew.managedProperty().bind(verifyNew.visibleProperty());
        verifyNew.setOnAction(e -> integrity.verifyNew());

        rangeToggle.setId("audit-range-toggle");
        rangeToggle.getStyleClass().add(Styles.SMALL);
        rangeToggle.setMinWidth(Region.USE_PREF_SIZE);
        rangeToggle.setTooltip(new Tooltip("Verify only some events, by number (from, to)"));
        rangeToggle.setVisible(integrity.mayVerify());
        rangeToggle.setManaged(integrity.mayVerify());
        rangeToggle.selectedProperty().addListener((obs, old, now) -> {
            if (now) {
                Platform.runLater(rangeFrom::requestFocus);
            }
        });

        HBox line = new HBox(10, icon, words, bar, cancel, showBroken, verifyNew, rangeToggle);
        line.setAlignment(Pos.CENTER_LEFT);

        VBox strip = new VBox(6, line, rangeRow());
        strip.setId("audit-integrity");
        strip.getStyleClass().add("audit-integrity");
        Runnable restyle = () -> {
            strip.getStyleClass().removeAll(STATE_CLASSES);
            AuditIntegrityViewModel.State s = integrity.stateProperty().get();
            strip.getStyleClass().add(switch (s) {
                case NOT_VERIFIED, CANCELLED -> "integrity-neutral";
                case CHECKING -> "integrity-running";
                case VERIFIED -> "integrity-ok";
                case BROKEN, FAILED -> "integrity-broken";
                case UNAVAILABLE -> "integrity-unavailable";
            });
            icon.setIconCode(switch (s) {
                case NOT_VERIFIED, CANCELLED -> MaterialDesignS.SHIELD_OUTLINE;
                case CHECKING -> MaterialDesignS.SHIELD_REFRESH;
                case VERIFIED -> MaterialDesignS.SHIELD_CHECK;
                case BROKEN, FAILED -> MaterialDesignS.SHIELD_ALERT;
                case UNAVAILABLE -> MaterialDesignS.SHIELD_OFF_OUTLINE;
            });
        };
        integrity.stateProperty().addListener((obs, old, now) -> restyle.run());
        restyle.run();
        return strip;
    }

    private Node rangeRow() {
        rangeFrom.setId("audit-range-from");
        rangeFrom.setPromptText("1");
        rangeFrom.setPrefColumnCount(8);
        rangeFrom.textProperty().bindBidirectional(integrity.rangeFromProperty());
        TextField rangeTo = new TextField();
        rangeTo.setId("audit-range-to");
        rangeTo.setPromptText("the latest");
        rangeTo.setPrefColumnCount(8);
        rangeTo.textProperty().bindBidirectional(integrity.rangeToProperty());
        Label from = new Label("From event #");
        from.setLabelFor(rangeFrom);
        Label to = new Label("to #");
        to.setLabelFor(rangeTo);
        Button run = new Button("Verify range", Icons.icon(MaterialDesignS.SHIELD_CHECK_OUTLINE, 14));
        run.setId("audit-verify-range");
        run.disableProperty().bind(integrity.runningProperty());
        run.setOnAction(e -> integrity.verifyRange());
        rangeFrom.setOnAction(e -> integrity.verifyRange());
        rangeTo.setOnAction(e -> integrity.verifyRange());
        Label error = new Label();
        error.setId("audit-range-error");
        error.getStyleClass().add(Styles.WARNING_TEXT);
        error.textProperty().bind(integrity.rangeErrorProperty());
        error.visibleProperty().bind(integrity.rangeErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        Label hint = new Label("Only a check that joins up with #1 (or the kept checkpoint) keeps a new checkpoint.");
        hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        hint.setWrapText(true);
        // The words keep their width; the fields give way, and the hint has a line of its own.
        for (javafx.scene.layout.Region r : List.of(from, to, run, error)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        rangeFrom.setMinWidth(70);
        rangeTo.setMinWidth(90);
        HBox fields = new HBox(8, from, rangeFrom, to, rangeTo, run, error);
        fields.setAlignment(Pos.CENTER_LEFT);
        VBox row = new VBox(4, fields, hint);
        row.setId("audit-range-row");
        row.setPadding(new Insets(0, 0, 0, 32));
        row.visibleProperty().bind(rangeToggle.selectedProperty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private Node filterBar() {
        search.setId("audit-search");
        search.getStyleClass().add(Styles.SEARCH_FIELD);
        search.setPromptText("Order no., failure id, payment ref., SKU, job id, username…");
        Tooltip searchTip = new Tooltip("ORD-… opens the order’s whole timeline (payments, callbacks, failures, replays); "
                + "F-… a failure’s events; J-… a bulk replay job’s; #1234 one event. Anything else must match exactly: "
                + "a payment reference, SKU, username or correlation id. Enter searches (Ctrl+F to get here, Esc clears, "
                + "↓ to the list).");
        searchTip.setWrapText(true);
        searchTip.setMaxWidth(420);
        search.setTooltip(searchTip);
        search.setPrefColumnCount(26);
        search.setMinWidth(200);
        search.textProperty().bindBidirectional(vm.searchTextProperty());
        search.setOnAction(e -> applyFilters());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                applyFilters();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN && !vm.rows().isEmpty()) {
                focusTable();
                e.consume();
            }
        });
        var magnifier = Icons.icon(Icons.SEARCH, 16);
        magnifier.getStyleClass().add("search-icon");
        HBox searchBox = new HBox(4, magnifier, search);
        searchBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox.setHgrow(searchBox, Priority.ALWAYS);

        TextField actor = new TextField();
        actor.setId("audit-actor");
        actor.setPromptText("anyone");
        actor.setPrefColumnCount(9);
        actor.setTooltip(new Tooltip("A username (e.g. support) or a part of the platform (system:webhooks); Enter "
                + "applies"));
        actor.textProperty().bindBidirectional(vm.actorProperty());
        actor.setOnAction(e -> applyFilters());

        action.setId("audit-action");
        action.setEditable(true);
        action.setPromptText("any action");
        action.setPrefWidth(175);
        action.getItems().setAll(AuditTexts.ACTIONS.keySet());
        action.setVisibleRowCount(14);
        action.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(item + "   — " + AuditTexts.ACTIONS.getOrDefault(item, ""));
                }
            }
        });
        action.valueProperty().bindBidirectional(vm.actionProperty());
        action.setTooltip(new Tooltip("An action like failure.replayed, or everything starting with a prefix: "
                + "failure.*; type or pick one, Enter applies"));
        action.setOnAction(e -> {
            if (action.isFocused() || action.getEditor().isFocused() || action.isShowing()) {
                applyFilters();
            }
        });

        ComboBox<TimeRange> time = new ComboBox<>();
        time.setId("audit-time");
        time.getItems().setAll(TimeRange.values());
        time.valueProperty().bindBidirectional(vm.timeRangeProperty());
        time.setTooltip(new Tooltip("When: a quick pick applies at once; a custom range takes a from and a to"));
        time.valueProperty().addListener((obs, old, now) -> {
            if (now == TimeRange.CUSTOM) {
                Platform.runLater(() -> root.lookup("#audit-from").requestFocus());
            }
        });

        Button apply = new Button("_Apply");
        apply.setId("audit-apply");
        apply.setTooltip(new Tooltip("Apply the filters (Enter in any field does the same)"));
        apply.setOnAction(e -> applyFilters());
        apply.setMinWidth(Region.USE_PREF_SIZE);

        Button clear = new Button(null, Icons.icon(Icons.CLEAR_FILTERS, 16));
        clear.setId("audit-clear");
        clear.getStyleClass().add(Styles.FLAT);
        clear.setAccessibleText("Clear the filters");
        clear.setTooltip(new Tooltip("Clear the filters: every event, any time"));
        clear.setOnAction(e -> vm.clearFilters());

        for (Node n : List.of(actor, action, time)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, searchBox, labelFor("Ac_tor", actor), actor, labelFor("Actio_n", action), action,
                labelFor("_When", time), time, apply, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add(Styles.FILTER_BAR);
        bar.setId("audit-filter-bar");

        TextField from = new TextField();
        from.setId("audit-from");
        from.setPromptText("2026-11-21 09:00");
        from.setPrefColumnCount(12);
        from.textProperty().bindBidirectional(vm.customFromProperty());
        from.setOnAction(e -> applyFilters());
        TextField to = new TextField();
        to.setId("audit-to");
        to.setPromptText("2026-11-21 17:00");
        to.setPrefColumnCount(12);
        to.textProperty().bindBidirectional(vm.customToProperty());
        to.setOnAction(e -> applyFilters());
        Label zone = new Label("In " + formats.zoneName(java.time.Instant.now()) + ", this computer’s time zone. A "
                + "date alone as “to” includes that day.");
        zone.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        zone.setMinWidth(0);
        HBox custom = new HBox(8, labelFor("_From", from), from, labelFor("T_o", to), to, zone);
        custom.setId("audit-custom-range");
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(vm.timeRangeProperty().isEqualTo(TimeRange.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());

        Label error = new Label();
        error.setId("audit-filter-error");
        error.getStyleClass().add(Styles.WARNING_TEXT);
        error.setWrapText(true);
        error.textProperty().bind(vm.filterErrorProperty());
        error.visibleProperty().bind(vm.filterErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());

        return new VBox(6, bar, custom, error);
    }

    private static Label labelFor(String text, Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.getStyleClass().add(Styles.MUTED);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** Enter in a field, or Apply: the action typed but not yet committed counts too. */
    private void applyFilters() {
        if (action.isEditable() && action.getEditor() != null
                && !Objects.equals(action.getEditor().getText(), action.getValue())) {
            action.setValue(action.getEditor().getText());
        }
        vm.apply();
    }

    // --- table ---

    private Node tablePane() {
        table.getStyleClass().add("audit-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setFixedCellSize(28);

        ExportDataset<AuditEvent> data = AuditExport.dataset();
        // What must stay readable when the window is narrow has a minimum; the summary gives way (its
        // tooltip has it all). More columns for a wide window and for exports are in the + menu.
        paged.columns(List.of(
                ColumnSpec.of(data, "sequence").width(86).minWidth(84),
                ColumnSpec.of(data, "at").width(112).minWidth(116).text(e -> formats.shortTime(e.at()))
                        .tooltip(e -> formats.absolute(e.at())),
                // A part of the platform shows as its name with a cog: "⚙ webhooks" rather than "system:webhooks".
                ColumnSpec.of(data, "actor").width(100).minWidth(80).graphic(AuditView::actorCell)
                        .tooltip(e -> e.bySystem() ? "The platform itself (" + e.actor() + ")" : "A person: " + e.actor()),
                ColumnSpec.of(data, "action").width(132).minWidth(98)
                        .tooltip(e -> e.action() + (AuditTexts.ACTIONS.containsKey(e.action())
                                ? ": " + AuditTexts.ACTIONS.get(e.action()) : "")),
                // The id only: the action already says what kind of record it is (the tooltip says it in full).
                ColumnSpec.of(data, "entity").width(96).minWidth(84).text(AuditEvent::entityId)
                        .tooltip(AuditTexts::entity),
                ColumnSpec.of(data, "orderNumber").width(94).minWidth(90),
                ColumnSpec.of(data, "summary").width(210).tooltip(AuditTexts::summary),
                ColumnSpec.of(data, "actorType").width(80).hidden(),
                ColumnSpec.of(data, "warehouse").width(80).hidden(),
                ColumnSpec.of(data, "sku").width(90).hidden(),
                ColumnSpec.of(data, "requestId").width(140).hidden().style(Styles.MONO),
                ColumnSpec.of(data, "correlationId").width(110).hidden(),
                ColumnSpec.of(data, "details").width(200).hidden().style(Styles.MONO),
                ColumnSpec.of(data, "prevHash").width(160).hidden().style(Styles.MONO),
                ColumnSpec.of(data, "hash").width(160).hidden().style(Styles.MONO)),
                ReadOnlyObjectWrapper::new, formats);

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> selectionSettle.playFromStart());
        selectionSettle.setOnFinished(e -> vm.select(table.getSelectionModel().getSelectedItem()));
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown() && !e.isAltDown()
                    && table.getSelectionModel().getSelectedItem() != null) {
                selectionSettle.stop();
                vm.select(table.getSelectionModel().getSelectedItem());
                detailView.focusLinks();
                e.consume();
            }
        });

        Label showing = new Label();
        showing.setId("audit-showing");
        showing.getStyleClass().addAll(Styles.STRONG, "audit-showing");
        showing.textProperty().bind(vm.filterTextProperty());
        showing.setMinHeight(Region.USE_PREF_SIZE);
        showing.setWrapText(true);

        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(6, showing, paged.newBanner(vm.newCountProperty(), AuditViewModel.NEW_EVENTS_COUNTED, vm::showNew),
                exportAction.outcomeBar(), table, countLine());
    }

    /** The actor's name, with a cog when it is a part of the platform rather than a person. */
    private static ColumnSpec.CellGraphic<AuditEvent> actorCell() {
        FontIcon cog = Icons.icon(MaterialDesignC.COG_OUTLINE, 13);
        Label name = new Label();
        name.getStyleClass().add("actor-name");
        return e -> {
            name.setText(e.bySystem() ? e.actor().substring("system:".length()) : e.actor());
            name.setGraphic(e.bySystem() ? cog : null);
            name.pseudoClassStateChanged(SYSTEM_ACTOR, e.bySystem());
            return name;
        };
    }

    private Node countLine() {
        paged.countLabel().setId("audit-count");
        Label zone = new Label(formats.zoneNote() + "  ·  newest first");
        zone.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        return paged.countLine(zone);
    }

    private void focusTable() {
        paged.focus();
    }

    // --- for the main window ---

    /** Ctrl+F: the search field, with its text selected. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Loads the events again and compares with the kept checkpoint (F5). */
    public void refresh() {
        vm.refresh();
    }

    /** The section was shown again: compare with the kept checkpoint (the trail may have changed meanwhile). */
    public void shown() {
        integrity.checkKept();
    }

    /** Opens an entity's timeline ({@code order:ORD-…}, {@code failure:F-…}). */
    public void showTimeline(String entity) {
        vm.showTimeline(entity);
    }

    public Parent root() {
        return root;
    }

    public AuditViewModel viewModel() {
        return vm;
    }

    TableView<AuditEvent> table() {
        return table;
    }

    /** The Export action (tests answer its file chooser). */
    public ExportAction<AuditEvent, AuditEvent> exportAction() {
        return exportAction;
    }

    /** Stops what is loading or verifying. */
    public void dispose() {
        selectionSettle.stop();
        vm.dispose();
    }
}
