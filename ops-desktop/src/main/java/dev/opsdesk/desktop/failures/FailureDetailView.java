package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Attempt;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Note;
import dev.opsdesk.client.model.Order;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import dev.opsdesk.client.model.Assignee;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Function;

/**
 * The right-hand pane of the Failures section: what failed and why, the actions (each disabled with
 * the reason when not allowed), and tabs for the attempt timeline, the payload, the headers, the
 * related order and the notes.
 */
final class FailureDetailView extends StackPane {

    private final javafx.scene.control.ScrollPane scroll;

    private final FailureDetailViewModel vm;
    private final Formats formats;
    private final StatusBadge badge = new StatusBadge();
    private final Label reason = new Label();
    private final Label where = new Label();
    private final Label message = new Label();
    private final GridPane facts = new GridPane();
    private final Label orderLine = new Label();
    private final Button replay = new Button("_Replay…", Icons.icon(Icons.REPLAY, 16));
    private final Button resolve = new Button("Res_olve…", Icons.icon(Icons.RESOLVE, 16));
    private final Button dismiss = new Button("_Dismiss…", Icons.icon(Icons.DISMISS, 16));
    private final Button assign = new Button("_Assign to me", Icons.icon(Icons.ASSIGN, 16));
    private final MenuButton assignTo = new MenuButton("Assi_gn to…", Icons.icon(Icons.ASSIGN, 16));
    private final Button reopen = new Button("Reo_pen…", Icons.icon(Icons.REFRESH, 16));
    private final Label replayHint = new Label();
    private final Tab attemptsTab = new Tab();
    private final Tab notesTab = new Tab();
    private final TextArea payload = new TextArea();
    private final TextArea noteText = new TextArea();
    private final VBox orderBox = new VBox(8);
    private final VBox content;
    private final VBox empty;
    private final Actions actions;

    /** What the buttons open (dialogs are the owning view's business). */
    interface Actions {
        void replay();

        void resolve(String status);

        /** Opens the audit trail on {@code entity} ("failure:F-…"); null when the user may not read it. */
        default java.util.function.Consumer<String> auditTimeline() {
            return null;
        }
    }

    FailureDetailView(FailureDetailViewModel vm, Formats formats, Actions actions) {
        this.vm = vm;
        this.formats = formats;
        this.actions = actions;
        getStyleClass().add(Styles.DETAIL_PANE);
        setId("failure-detail");

        Label emptyText = new Label("Select a failure to see why it failed, its payload, every attempt and the order.");
        emptyText.setWrapText(true);
        emptyText.getStyleClass().add(Styles.MUTED);
        empty = new VBox(emptyText);
        empty.getStyleClass().add(Styles.DETAIL_EMPTY);
        empty.setAlignment(Pos.CENTER);

        Node tabs = tabs();
        content = new VBox(10, header(), actionBar(), messages(), tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        content.setFillWidth(true);
        // On a small screen the whole pane scrolls, so the attempts never shrink to nothing.
        scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setId("failure-detail-scroll");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("page-scroll");
        scroll.visibleProperty().bind(content.visibleProperty());

        getChildren().addAll(empty, scroll);
        vm.failureProperty().addListener((obs, old, now) -> {
            // Another failure starts at its title, not where the previous one was scrolled to.
            if (now == null || old == null || !now.id().equals(old.id())) {
                scroll.setVvalue(0);
            }
            showFailure(now);
        });
        showFailure(vm.failureProperty().get());
    }

    private Node header() {
        badge.setId("detail-status");
        reason.getStyleClass().addAll(Styles.SECTION_TITLE);
        reason.setId("detail-reason");
        // The pane is narrow: a long reason or origin goes on to the next line rather than being cut.
        reason.setWrapText(true);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(reason, Priority.SOMETIMES);
        where.getStyleClass().addAll(Styles.MUTED);
        where.setWrapText(true);
        where.setMinHeight(Region.USE_PREF_SIZE);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(vm.loadingProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, badge, reason, grow, spinner);
        top.setAlignment(Pos.CENTER_LEFT);

        message.setWrapText(true);
        message.setId("detail-message");
        message.getStyleClass().add(Styles.DETAIL_MESSAGE);
        message.setMinHeight(Region.USE_PREF_SIZE);

        facts.getStyleClass().add(Styles.FACTS);
        facts.setHgap(10);
        facts.setVgap(3);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().addAll(names, values);

        orderLine.setId("detail-order-line");
        orderLine.setWrapText(true);
        orderLine.setGraphic(Icons.icon(Icons.ORDER, 15));
        orderLine.getStyleClass().add(Styles.STRONG);

        return new VBox(6, top, where, message, orderLine, facts);
    }

    private Node actionBar() {
        replay.setId("replay");
        resolve.setId("resolve");
        dismiss.setId("dismiss");
        assign.setId("assign");
        replay.getStyleClass().add(Styles.ACCENT);
        replay.setOnAction(e -> actions.replay());
        resolve.setOnAction(e -> actions.resolve("RESOLVED"));
        dismiss.setOnAction(e -> actions.resolve("DISMISSED"));
        assign.setOnAction(e -> {
            if (vm.assignedToMeProperty().get()) {
                vm.unassign();
            } else {
                vm.assignToMe();
            }
        });
        assign.textProperty().bind(Bindings.when(vm.assignedToMeProperty()).then("Un_assign").otherwise("_Assign to me"));
        assign.graphicProperty().bind(Bindings.createObjectBinding(
                () -> Icons.icon(vm.assignedToMeProperty().get() ? Icons.UNASSIGN : Icons.ASSIGN, 16),
                vm.assignedToMeProperty()));

        Node replayBox = gated(replay, vm.replayPermitProperty(), "Replay it now (R)");
        Node resolveBox = gated(resolve, vm.resolvePermitProperty(), "Close it as resolved, with a reason (S)");
        Node dismissBox = gated(dismiss, vm.resolvePermitProperty(), "Close it without effect, with a reason (D)");
        Node assignBox = gated(assign, vm.assignPermitProperty(), "Show colleagues you are on it (A)");

        // A colleague from the people who may act on it (replay or resolve in its queue), loaded when opened.
        assignTo.setId("assign-to");
        assignTo.setOnShowing(e -> vm.loadAssignees());
        vm.assignees().addListener((javafx.collections.ListChangeListener<Assignee>) c -> rebuildAssignees());
        rebuildAssignees();
        Node assignToBox = Gate.gate(assignTo, vm.assignPermitProperty(), vm.busyProperty(),
                "Give it to a colleague who may replay or resolve it");
        reopen.setId("reopen");
        reopen.setOnAction(e -> {
            var f = vm.failureProperty().get();
            if (f != null) {
                ReopenDialog.ask(f, this).ifPresent(vm::reopen);
            }
        });
        Node reopenBox = gated(reopen, vm.reopenPermitProperty(), "Open it again, with the reason");
        // Only where it applies: a closed failure's one action besides the history.
        reopenBox.visibleProperty().bind(Bindings.createBooleanBinding(() -> {
            var f = vm.failureProperty().get();
            return f != null && ("RESOLVED".equals(f.status()) || "DISMISSED".equals(f.status()));
        }, vm.failureProperty()));
        reopenBox.managedProperty().bind(reopenBox.visibleProperty());

        replayHint.setId("replay-unavailable");
        replayHint.getStyleClass().addAll(Styles.ACTION_HINT, Styles.SMALL);
        replayHint.setWrapText(true);
        replayHint.setMinHeight(Region.USE_PREF_SIZE);
        replayHint.textProperty().bind(Bindings.createStringBinding(() -> {
            Permit p = vm.replayPermitProperty().get();
            return p == null || p.allowed() || vm.failureProperty().get() == null ? "" : "Replay unavailable: " + p.whyNot();
        }, vm.replayPermitProperty(), vm.failureProperty()));
        replayHint.visibleProperty().bind(replayHint.textProperty().isNotEmpty());
        replayHint.managedProperty().bind(replayHint.visibleProperty());

        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(8, 6, replayBox, resolveBox, dismissBox, assignBox,
                assignToBox, reopenBox);
        java.util.function.Consumer<String> audit = actions.auditTimeline();
        if (audit != null) {
            // Who did what to this failure (and its order), in the verifiable trail.
            Button history = new Button("_History", Icons.icon(Icons.AUDIT, 16));
            history.setId("failure-history");
            history.setTooltip(new Tooltip("Open this failure's audit trail: every attempt, note and change, by whom"));
            history.setOnAction(e -> {
                var f = vm.failureProperty().get();
                if (f != null) {
                    audit.accept("failure:" + f.id());
                }
            });
            bar.getChildren().add(history);
        }
        bar.getStyleClass().add(Styles.ACTION_BAR);
        return new VBox(4, bar, replayHint);
    }

    private void rebuildAssignees() {
        if (vm.assignees().isEmpty()) {
            MenuItem loading = new MenuItem("Finding who may act on it…");
            loading.setDisable(true);
            assignTo.getItems().setAll(loading);
            return;
        }
        java.util.List<MenuItem> items = new java.util.ArrayList<>();
        for (Assignee a : vm.assignees()) {
            String can = a.mayReplay() && a.mayResolve() ? "replay, resolve" : a.mayReplay() ? "replay" : "resolve";
            MenuItem item = new MenuItem(a.displayName() + " (" + a.username() + ") — " + can);
            item.setMnemonicParsing(false);
            item.setId("assign-to-" + a.username());
            item.setOnAction(e -> vm.assignTo(a.username()));
            items.add(item);
        }
        assignTo.getItems().setAll(items);
    }

    private Node gated(Button button, ObservableValue<Permit> permit, String enabledTip) {
        return Gate.gate(button, permit, vm.busyProperty(), enabledTip);
    }

    private Node messages() {
        MessagePane outcome = new MessagePane(MessagePane.Kind.INFO, vm.outcomeProperty(), vm::dismissOutcome);
        outcome.setId("detail-outcome");
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.errorProperty(), vm::dismissError);
        error.setId("detail-error");
        Button retry = new Button("_Try again", Icons.icon(Icons.REFRESH, 14));
        retry.setId("detail-retry");
        retry.setTooltip(new Tooltip("Repeats the same action with the same key: if it already went through, nothing happens twice"));
        retry.visibleProperty().bind(vm.retryAvailableProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.disableProperty().bind(vm.busyProperty());
        retry.setOnAction(e -> vm.retry());
        return new VBox(6, outcome, error, retry);
    }

    private Node tabs() {
        TabPane tabs = new TabPane();
        tabs.setId("detail-tabs");
        tabs.setMinHeight(280);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        attemptsTab.setContent(attempts());
        attemptsTab.textProperty().bind(Bindings.size(vm.attempts()).asString("Attempts (%d)"));
        attemptsTab.setId("tab-attempts");

        Tab payloadTab = new Tab("Payload", payloadPane());
        payloadTab.setId("tab-payload");
        Tab headersTab = new Tab("Headers", headersTable());
        headersTab.setId("tab-headers");
        Tab orderTab = new Tab("Order", orderPane());
        orderTab.setId("tab-order");
        notesTab.setContent(notesPane());
        notesTab.textProperty().bind(Bindings.size(vm.notes()).asString("Notes (%d)"));
        notesTab.setId("tab-notes");

        // Notes second: they are read more often than the raw headers, and at 1280 px the last tab is the one
        // that goes into the overflow menu.
        tabs.getTabs().addAll(attemptsTab, notesTab, payloadTab, orderTab, headersTab);
        return tabs;
    }

    private Node attempts() {
        ListView<Attempt> list = new ListView<>(vm.attempts());
        list.setId("detail-attempts"); // not "attempts": that is the Attempts column header's id
        list.getStyleClass().add(Styles.TIMELINE);
        list.setPlaceholder(new Label("No attempts yet."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Attempt a, boolean isEmpty) {
                super.updateItem(a, isEmpty);
                if (isEmpty || a == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(null);
                setPrefWidth(0);
                setGraphic(attemptEntry(a));
            }
        });
        return list;
    }

    private Node attemptEntry(Attempt a) {
        var icon = Icons.icon(switch (a.outcome()) {
            case "SUCCEEDED" -> Icons.SUCCEEDED;
            case "SKIPPED" -> Icons.SKIPPED;
            default -> Icons.FAILED;
        }, 18);
        icon.getStyleClass().add(switch (a.outcome()) {
            case "SUCCEEDED" -> Styles.OUTCOME_SUCCEEDED;
            case "SKIPPED" -> Styles.OUTCOME_SKIPPED;
            default -> Styles.OUTCOME_FAILED;
        });
        boolean sayEffect = a.effect() != null && !"FAIL_AGAIN".equals(a.effect());
        Label title = new Label("#" + a.number() + "  " + FailureTexts.outcome(a.outcome())
                + (sayEffect ? " — " + FailureTexts.effect(a.effect()) : ""));
        title.getStyleClass().add(Styles.STRONG);
        Label when = new Label(formats.shortTime(a.at()) + "  ·  " + FailureTexts.trigger(a.trigger()) + " by "
                + a.actor() + "  ·  " + Formats.duration(a.durationMs())
                + (a.statusCode() != null ? "  ·  HTTP " + a.statusCode() : ""));
        when.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        when.setWrapText(true);
        Tooltip.install(when, new Tooltip(formats.absolute(a.at())));
        VBox text = new VBox(2, title, when);
        if (a.error() != null && !a.error().isBlank()) {
            Label error = new Label(a.error());
            error.setWrapText(true);
            error.getStyleClass().add(Styles.WARNING_TEXT);
            text.getChildren().add(error);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        HBox entry = new HBox(8, icon, text);
        entry.setAlignment(Pos.TOP_LEFT);
        return entry;
    }

    private Node payloadPane() {
        payload.setEditable(false);
        payload.setWrapText(false);
        payload.setId("payload");
        payload.getStyleClass().addAll(Styles.PAYLOAD, Styles.MONO);
        payload.textProperty().bind(vm.payloadProperty());
        Button copy = new Button("Copy payload", Icons.icon(Icons.COPY, 14));
        copy.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        copy.setOnAction(e -> copy(vm.payloadProperty().get()));
        Label note = new Label("As received, pretty-printed.");
        note.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, note, grow, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, payload);
        VBox.setVgrow(payload, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private Node headersTable() {
        TableView<FailureDetailViewModel.HeaderLine> table = new TableView<>(vm.headers());
        table.setId("headers");
        table.setPlaceholder(new Label("No headers were stored."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(textColumn("Header", 150, FailureDetailViewModel.HeaderLine::name));
        TableColumn<FailureDetailViewModel.HeaderLine, String> value = textColumn("Value (secrets redacted)", 260,
                FailureDetailViewModel.HeaderLine::value);
        value.getStyleClass().add(Styles.MONO);
        table.getColumns().add(value);
        return table;
    }

    private static <T> TableColumn<T, String> textColumn(String title, double width, Function<T, String> text) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        return c;
    }

    private Node orderPane() {
        orderBox.setId("order");
        orderBox.setPadding(new Insets(10, 4, 4, 4));
        vm.orderProperty().addListener((obs, old, now) -> fillOrder(now));
        vm.detailProperty().addListener((obs, old, now) -> fillOrder(vm.orderProperty().get()));
        fillOrder(null);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(orderBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private void fillOrder(Order order) {
        orderBox.getChildren().clear();
        Failure f = vm.failureProperty().get();
        if (order == null) {
            String why = f == null ? "" : f.orderNumber() == null ? "This failure is not about an order."
                    : vm.detailProperty().get() == null ? "Loading…"
                    : "Order " + f.orderNumber() + " does not exist on the platform (yet).";
            Label none = new Label(why);
            none.setWrapText(true);
            none.getStyleClass().add(Styles.MUTED);
            orderBox.getChildren().add(none);
            return;
        }
        Label title = new Label("Order " + order.orderNumber() + " — " + orderStatus(order.status()));
        title.getStyleClass().add(Styles.SECTION_TITLE);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        int row = 0;
        row = fact(grid, row, "Total", Formats.money(order.total()));
        if (order.customerEmail() != null) {
            row = fact(grid, row, "Customer", order.customerEmail());
        }
        fact(grid, row, "Placed", formats.shortTime(order.createdAt()));
        Label paymentsTitle = new Label(order.payments().isEmpty() ? "No payments" : "Payments");
        paymentsTitle.getStyleClass().add(Styles.STRONG);
        VBox payments = new VBox(4);
        for (Order.Payment p : order.payments()) {
            Label line = new Label(FailureTexts.provider(p.provider()) + "  " + p.reference() + "  ·  "
                    + Formats.money(p.amount()) + "  ·  " + paymentState(p.state())
                    + (p.capturedAt() != null ? " " + formats.shortTime(p.capturedAt()) : ""));
            line.getStyleClass().add("CAPTURED".equals(p.state()) ? Styles.OUTCOME_SUCCEEDED : Styles.MUTED);
            line.setWrapText(true);
            payments.getChildren().add(line);
        }
        orderBox.getChildren().addAll(title, grid, paymentsTitle, payments);
    }

    static String orderStatus(String status) {
        return switch (status == null ? "" : status) {
            case "PENDING_PAYMENT" -> "waiting for payment";
            case "PAID" -> "paid";
            case "PAYMENT_FAILED" -> "payment failed";
            case "REFUNDED" -> "refunded";
            case "CANCELLED" -> "cancelled";
            default -> FailureTexts.humanize(status).toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String paymentState(String state) {
        return switch (state == null ? "" : state) {
            case "AUTHORIZED" -> "authorized, not captured";
            case "CAPTURED" -> "captured";
            case "FAILED" -> "failed";
            case "REFUNDED" -> "refunded";
            default -> FailureTexts.humanize(state).toLowerCase(java.util.Locale.ROOT);
        };
    }

    private Node notesPane() {
        ListView<Note> list = new ListView<>(vm.notes());
        list.setId("notes");
        list.setPlaceholder(new Label("No notes yet."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Note n, boolean isEmpty) {
                super.updateItem(n, isEmpty);
                if (isEmpty || n == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label who = new Label(n.author() + "  ·  " + formats.shortTime(n.at()));
                who.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
                Label text = new Label(n.text());
                text.setWrapText(true);
                setText(null);
                setPrefWidth(0);
                setGraphic(new VBox(2, who, text));
            }
        });
        noteText.setId("note-text");
        noteText.setPromptText("Add a note for colleagues (what you checked, who you called)…");
        noteText.setPrefRowCount(2);
        noteText.setWrapText(true);
        Button add = new Button("Add _note", Icons.icon(Icons.NOTE, 14));
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setId("add-note");
        add.disableProperty().bind(noteText.textProperty().isEmpty().or(vm.busyProperty())
                .or(Bindings.createBooleanBinding(() -> vm.notePermitProperty().get() == null
                        || !vm.notePermitProperty().get().allowed(), vm.notePermitProperty())));
        add.setOnAction(e -> {
            vm.addNote(noteText.getText());
            noteText.clear();
        });
        HBox addRow = new HBox(8, noteText, add);
        HBox.setHgrow(noteText, Priority.ALWAYS);
        addRow.setAlignment(Pos.BOTTOM_LEFT);
        VBox box = new VBox(8, list, addRow);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private void showFailure(Failure f) {
        boolean has = f != null;
        content.setVisible(has);
        empty.setVisible(!has);
        if (!has) {
            return;
        }
        badge.show(f.status());
        reason.setText(FailureTexts.reason(f.reason()));
        where.setText(FailureTexts.queue(f.queue())
                + (f.provider() != null ? "  ·  " + FailureTexts.provider(f.provider()) : "")
                + (f.eventType() != null ? "  ·  " + f.eventType() : ""));
        message.setText(f.message());
        if (f.orderNumber() != null) {
            orderLine.setText("Order " + f.orderNumber() + (f.amount() != null ? "  ·  " + Formats.money(f.amount()) : ""));
        } else if (f.sku() != null) {
            orderLine.setText("SKU " + f.sku() + (f.warehouse() != null ? " at " + f.warehouse() : ""));
        } else {
            orderLine.setText("");
        }
        orderLine.setVisible(!orderLine.getText().isEmpty());
        orderLine.setManaged(orderLine.isVisible());

        facts.getChildren().clear();
        int row = 0;
        row = factCopy(facts, row, "Failure id", f.id());
        if (f.eventId() != null) {
            row = factCopy(facts, row, "Event id", f.eventId());
        }
        if (f.paymentReference() != null) {
            row = factCopy(facts, row, "Payment ref.", f.paymentReference());
        }
        row = fact(facts, row, "First seen", formats.shortTime(f.firstSeenAt()) + "  (" + Formats.ago(f.firstSeenAt(),
                vmNow()) + ")");
        row = fact(facts, row, "Attempts", f.attemptCount() + (f.lastAttemptAt() != null
                ? ", last " + Formats.ago(f.lastAttemptAt(), vmNow()) : ""));
        row = fact(facts, row, "Assignee", f.assignee() == null ? "nobody" : f.assignee());
        if (f.resolution() != null) {
            fact(facts, row, FailureTexts.status(f.status()), FailureTexts.resolution(f.resolution().code()) + " by "
                    + f.resolution().by() + ", " + formats.shortTime(f.resolution().at())
                    + (f.resolution().note() != null && !f.resolution().note().isBlank() ? " — “" + f.resolution().note() + "”" : ""));
        }
        fillOrder(vm.orderProperty().get());
    }

    private static java.time.Instant vmNow() {
        return java.time.Instant.now();
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().addAll(Styles.FACT_NAME, Styles.MUTED);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        grid.addRow(row, n, v);
        return row + 1;
    }

    private static int factCopy(GridPane grid, int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().addAll(Styles.FACT_NAME, Styles.MUTED);
        Label v = new Label(value);
        v.getStyleClass().addAll(Styles.MONO, Styles.SMALL);
        v.setWrapText(true); // a long id breaks onto the next line, whole, rather than "msg_zIN…"
        v.setMinWidth(0);
        v.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(v, Priority.SOMETIMES);
        Button copy = new Button(null, Icons.icon(Icons.COPY, 12));
        copy.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        copy.setTooltip(new Tooltip("Copy " + name.toLowerCase(java.util.Locale.ROOT)));
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> copy(value));
        HBox box = new HBox(4, v, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row, n, box);
        return row + 1;
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text == null ? "" : text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Keyboard focus to the first action that is available. */
    void focusActions() {
        for (Button b : new Button[] {replay, resolve, dismiss, assign, reopen}) {
            if (!b.isDisabled()) {
                b.requestFocus();
                return;
            }
        }
        noteText.requestFocus();
    }

    /** Puts the caret in the note field (N). */
    void focusNote() {
        TabPane tabs = (TabPane) lookup("#detail-tabs");
        if (tabs != null) {
            tabs.getSelectionModel().select(notesTab);
        }
        noteText.requestFocus();
    }

    Button replayButton() {
        return replay;
    }

    Button assignButton() {
        return assign;
    }
}
