package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.model.FailureSummary;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;

/**
 * The Overview's live cards: one tile per queue (open now, new in the last hour, quarantined; a
 * click opens the queue in Failures) and the failures of the last 24 hours per hour and queue.
 */
public final class OverviewView {

    private final OverviewViewModel vm;
    private final Formats formats;
    private final VBox root = new VBox(16);
    private final StackedBarChart<String, Number> chart;
    private final Timeline heartbeat;

    public OverviewView(OverviewViewModel vm, Formats formats) {
        this.vm = vm;
        this.formats = formats;
        root.setId("overview-live");

        Label heading = new Label("Failure queues — live");
        heading.getStyleClass().add(Styles.SECTION_TITLE);
        Label updated = new Label();
        updated.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        updated.setId("overview-updated");
        updated.textProperty().bind(Bindings.createStringBinding(() -> vm.updatedAtProperty().get() == null
                        ? "Loading…" : "Updated " + formats.clock(vm.updatedAtProperty().get()) + " · refreshes by itself",
                vm.updatedAtProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(10, heading, grow, updated);
        head.setAlignment(Pos.BASELINE_LEFT);

        VBox tiles = new VBox(12);
        tiles.setId("queue-tiles");
        tiles.setMinWidth(250);
        tiles.setPrefWidth(260);
        for (OverviewViewModel.QueueTile tile : vm.tiles()) {
            tiles.getChildren().add(tile(tile));
        }
        Label hint = new Label("Click a queue to open its open failures.");
        hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        tiles.getChildren().add(hint);

        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.errorProperty(), null);
        error.setId("overview-error");

        CategoryAxis x = new CategoryAxis();
        x.setAnimated(false);
        x.setLabel("Hour first seen — " + formats.zoneName(java.time.Instant.now()));
        NumberAxis y = new NumberAxis();
        y.setLabel("Failures");
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        chart = new StackedBarChart<>(x, y);
        chart.setId("failure-chart");
        chart.getStyleClass().add(Styles.FAILURE_CHART);
        chart.setTitle("New failures per hour, last 24 hours");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setLegendSide(javafx.geometry.Side.TOP);
        chart.setCategoryGap(4);
        chart.setPrefHeight(330);
        chart.setMinHeight(260);
        chart.setMinWidth(360);
        vm.summaryProperty().addListener((obs, old, now) -> fillChart(now));

        HBox body = new HBox(18, tiles, chart);
        HBox.setHgrow(chart, Priority.ALWAYS);

        root.getChildren().addAll(head, error, body);

        heartbeat = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.heartbeat()));
        heartbeat.setCycleCount(Timeline.INDEFINITE);
        heartbeat.play();
    }

    /** "30 min", "2 h". */
    static String target(long minutes) {
        return minutes % 60 == 0 && minutes > 0 ? minutes / 60 + " h" : minutes + " min";
    }

    private Node tile(OverviewViewModel.QueueTile tile) {
        Label name = new Label(tile.label());
        name.getStyleClass().addAll(Styles.TILE_LABEL);
        Label open = new Label();
        open.getStyleClass().add(Styles.TILE_NUMBER);
        open.setId("tile-open-" + tile.queue().toLowerCase(java.util.Locale.ROOT));
        open.textProperty().bind(Bindings.createStringBinding(() -> tile.openProperty().get() < 0 ? "…"
                : Formats.count(tile.openProperty().get()), tile.openProperty()));
        Label openWord = new Label("open");
        openWord.getStyleClass().add(Styles.MUTED);
        HBox numberRow = new HBox(6, open, openWord);
        numberRow.setAlignment(Pos.BASELINE_LEFT);
        Label fresh = new Label();
        fresh.setId("tile-new-" + tile.queue().toLowerCase(java.util.Locale.ROOT));
        fresh.textProperty().bind(Bindings.createStringBinding(() -> tile.newLastHourProperty().get() < 0 ? ""
                : Formats.count(tile.newLastHourProperty().get()) + " new in the last hour", tile.newLastHourProperty()));
        Label quarantined = new Label();
        quarantined.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        quarantined.textProperty().bind(Bindings.createStringBinding(() -> tile.quarantinedProperty().get() <= 0 ? ""
                : Formats.count(tile.quarantinedProperty().get()) + " quarantined (never replayed)", tile.quarantinedProperty()));
        Label pastSla = new Label();
        pastSla.setId("tile-past-sla-" + tile.queue().toLowerCase(java.util.Locale.ROOT));
        pastSla.getStyleClass().add(Styles.STRONG);
        pastSla.setWrapText(true); // the tile is narrow: the target goes to the next line rather than being cut
        pastSla.textProperty().bind(Bindings.createStringBinding(() -> tile.pastSlaProperty().get() < 0 ? ""
                : Formats.count(tile.pastSlaProperty().get()) + " past SLA (older than "
                + target(tile.slaTargetMinutesProperty().get()) + ")",
                tile.pastSlaProperty(), tile.slaTargetMinutesProperty()));
        VBox box = new VBox(4, name, numberRow, fresh, pastSla, quarantined);
        box.getStyleClass().addAll(Styles.CARD, Styles.TILE);
        box.setId("tile-" + tile.queue().toLowerCase(java.util.Locale.ROOT));
        box.setCursor(Cursor.HAND);
        box.setFocusTraversable(true);
        box.setOnMouseClicked(e -> vm.open(tile));
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                vm.open(tile);
                e.consume();
            }
        });
        Tooltip.install(box, new Tooltip("Open the " + tile.label().toLowerCase(java.util.Locale.ROOT)
                + " queue in Failures (Enter)"));
        return box;
    }

    private void fillChart(FailureSummary summary) {
        if (summary == null) {
            return;
        }
        List<String> hours = summary.hourly().stream().map(b -> formats.clock(b.hour())).toList();
        CategoryAxis x = (CategoryAxis) chart.getXAxis();
        x.setAutoRanging(false);
        x.setCategories(javafx.collections.FXCollections.observableArrayList(hours));
        List<XYChart.Series<String, Number>> series = new ArrayList<>();
        for (OverviewViewModel.QueueTile tile : vm.tiles()) {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(tile.label());
            for (FailureSummary.HourBucket bucket : summary.hourly()) {
                long n = bucket.counts().getOrDefault(tile.queue(), 0L);
                XYChart.Data<String, Number> d = new XYChart.Data<>(formats.clock(bucket.hour()), n);
                // Each bar says its value and opens its hour's failures in the Failures section.
                d.nodeProperty().addListener((o, was, node) -> bar(node, tile, bucket.hour(), n));
                s.getData().add(d);
            }
            series.add(s);
        }
        chart.getData().setAll(series);
        // Whole failures on the axis: no 2.5 ticks.
        long max = summary.hourly().stream().mapToLong(b -> vm.tiles().stream()
                .mapToLong(t -> b.counts().getOrDefault(t.queue(), 0L)).sum()).max().orElse(0);
        long unit = Math.max(1, (long) Math.ceil(max / 5.0));
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setTickUnit(unit);
        y.setUpperBound(Math.max(unit, (long) Math.ceil((max + 1) / (double) unit) * unit));
    }

    private void bar(Node node, OverviewViewModel.QueueTile tile, java.time.Instant hour, long n) {
        if (node == null) {
            return;
        }
        node.setId("bar-" + tile.queue().toLowerCase(java.util.Locale.ROOT) + "-" + hour.getEpochSecond());
        Tooltip tip = new Tooltip(tile.label() + ", " + Formats.hourRange(hour, formats.zone()) + ": " + Formats.plural(n, "new failure", "new failures")
                + (n > 0 ? " — click to list them" : ""));
        tip.setShowDelay(javafx.util.Duration.millis(150));
        Tooltip.install(node, tip);
        if (n > 0) {
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> vm.openHour(tile.queue(), hour));
        }
    }

    public Node root() {
        return root;
    }

    public OverviewViewModel viewModel() {
        return vm;
    }

    public void dispose() {
        heartbeat.stop();
        vm.dispose();
    }
}
