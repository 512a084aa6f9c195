package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Bottom of the main window: connection state, running background tasks (with cancel), session. */
final class StatusBar extends HBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final HBox taskBox = new HBox(14);
    private final ListChangeListener<BackgroundTask<?>> tasksListener = change -> rebuildTasks();
    private final MainViewModel viewModel;

    StatusBar(MainViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add(Styles.STATUS_BAR);
        setId("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        Region dot = new Region();
        dot.getStyleClass().add(Styles.STATUS_DOT);
        Label connection = new Label();
        connection.setId("connection-state");
        connection.setGraphic(dot);
        connection.textProperty().bind(viewModel.connectionTextProperty());
        viewModel.connectionStateProperty().addListener((obs, old, now) -> applyState(connection, now));
        applyState(connection, viewModel.connectionStateProperty().get());

        Region liveDot = new Region();
        liveDot.getStyleClass().add(Styles.STATUS_DOT);
        Label live = new Label();
        live.setId("live-state");
        live.setGraphic(liveDot);
        live.textProperty().bind(viewModel.liveUpdates().textProperty());
        live.setTooltip(new Tooltip("Changes made by others and by the server show up by themselves while live updates are on; "
                + "after a break they catch up where they stopped."));
        viewModel.liveUpdates().statusProperty().addListener((obs, old, now) -> applyLive(live, now));
        applyLive(live, viewModel.liveUpdates().statusProperty().get());
        Node liveSeparator = separator();
        liveSeparator.visibleProperty().bind(live.textProperty().isNotEmpty());
        liveSeparator.managedProperty().bind(liveSeparator.visibleProperty());
        // Hidden, not only left out of the layout: an unmanaged label is still drawn where it last was (or
        // at the bar's corner before its first layout), and its dot was a stray dot at the window's bottom left.
        live.visibleProperty().bind(live.textProperty().isNotEmpty());
        live.managedProperty().bind(live.visibleProperty());

        taskBox.setId("running-tasks");
        taskBox.setAlignment(Pos.CENTER_LEFT);
        viewModel.tasks().running().addListener(tasksListener);
        rebuildTasks();

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);

        Label session = new Label();
        session.setId("session-info");
        session.getStyleClass().add(Styles.MUTED);
        String until = viewModel.sessionExpiresAt() == null ? ""
                : "  ·  session valid until " + TIME.format(viewModel.sessionExpiresAt().atZone(ZoneId.systemDefault()));
        session.textProperty().bind(Bindings.concat("Signed in as ", viewModel.username(), until));
        String version = viewModel.session().server().health().version();
        Label server = new Label(version == null ? "" : "server " + version);
        server.getStyleClass().add(Styles.MUTED);

        getChildren().addAll(connection, liveSeparator, live, separator(), taskBox, grow, session, separator(), server);
    }

    private static Node separator() {
        Separator s = new Separator(Orientation.VERTICAL);
        s.setPrefHeight(16);
        return s;
    }

    private static void applyState(Label label, ConnectionState state) {
        Styles.setStatus(label, switch (state) {
            case CONNECTED -> Styles.STATUS_CONNECTED;
            case RECONNECTING -> Styles.STATUS_RECONNECTING;
            case SESSION_EXPIRED -> Styles.STATUS_EXPIRED;
        });
    }

    private static void applyLive(Label label, dev.opsdesk.desktop.ui.LiveUpdates.Status status) {
        Styles.setLive(label, switch (status) {
            case LIVE -> Styles.LIVE_ON;
            case CONNECTING, RECONNECTING -> Styles.LIVE_PAUSED;
            case OFF, STOPPED -> Styles.LIVE_OFF;
        });
    }

    private void rebuildTasks() {
        taskBox.getChildren().clear();
        var running = viewModel.tasks().running();
        if (running.isEmpty()) {
            Label idle = new Label("No background tasks");
            idle.getStyleClass().add(Styles.MUTED);
            taskBox.getChildren().add(idle);
            return;
        }
        for (BackgroundTask<?> task : running) {
            taskBox.getChildren().add(taskItem(task));
        }
    }

    private static Node taskItem(BackgroundTask<?> task) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(90);
        bar.progressProperty().bind(task.progressProperty());
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(
                () -> task.messageProperty().get().isBlank() ? task.title() : task.title() + " — " + task.messageProperty().get(),
                task.messageProperty()));
        HBox item = new HBox(6, bar, title);
        item.setAlignment(Pos.CENTER_LEFT);
        item.getStyleClass().add(Styles.TASK_ITEM);
        if (task.isCancellable()) {
            Button cancel = new Button(null, Icons.icon(Icons.CANCEL, 14));
            cancel.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            cancel.setId("task-cancel");
            cancel.setTooltip(new Tooltip("Cancel: " + task.title()));
            cancel.setOnAction(e -> task.cancel());
            item.getChildren().add(cancel);
        }
        return item;
    }

    void dispose() {
        viewModel.tasks().running().removeListener(tasksListener);
    }
}
