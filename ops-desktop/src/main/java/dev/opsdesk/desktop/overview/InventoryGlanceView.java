package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The Overview's stock card: a tile per warehouse (drifting and stuck pairs, the worst integration; Enter or a click
 * opens the warehouse in Inventory) and the drift of the last 14 days.
 */
public final class InventoryGlanceView {

    private static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final InventoryGlanceViewModel vm;
    private final VBox root = new VBox(12);
    private final HBox tiles = new HBox(12);
    private final LineChart<Number, Number> chart;
    private final Timeline heartbeat;
    private final ZoneId zone;

    public InventoryGlanceView(InventoryGlanceViewModel vm, Formats formats) {
        this.vm = vm;
        this.zone = formats.zone();
        root.setId("overview-inventory");
        Label heading = new Label("Stock drift");
        heading.getStyleClass().add(Styles.SECTION_TITLE);
        Label hint = new Label("Pairs whose platform, ERP and WMS numbers disagree; stuck = the sync that should have"
                + " closed it did not come. Click a warehouse to open its drifting pairs.");
        hint.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        hint.setWrapText(true);
        tiles.setId("warehouse-tiles");
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.errorProperty(), null);
        error.setId("overview-inventory-error");

        NumberAxis x = new NumberAxis();
        x.setAutoRanging(true);
        x.setForceZeroInRange(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSecond) {
                return DAY.format(Instant.ofEpochSecond(epochSecond.longValue()).atZone(zone));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("Pairs");
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        chart = new LineChart<>(x, y);
        chart.setId("drift-trend-chart");
        chart.setTitle("Drifting and stuck pairs, last " + InventoryGlanceViewModel.TREND_DAYS + " days");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendSide(javafx.geometry.Side.TOP);
        chart.setPrefHeight(260);
        chart.setMinHeight(200);

        vm.summaryProperty().addListener((obs, old, now) -> fillTiles(now));
        vm.trendProperty().addListener((obs, old, now) -> fillChart(now));
        HBox.setHgrow(chart, Priority.ALWAYS);
        root.getChildren().addAll(heading, hint, error, tiles, chart);

        heartbeat = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.heartbeat()));
        heartbeat.setCycleCount(Timeline.INDEFINITE);
        heartbeat.play();
    }

    private void fillTiles(Inventory.DriftSummary summary) {
        tiles.getChildren().clear();
        if (summary == null) {
            return;
        }
        for (Inventory.WarehouseDrift w : summary.warehouses()) {
            tiles.getChildren().add(tile(w));
        }
    }

    private Node tile(Inventory.WarehouseDrift w) {
        String id = w.warehouse().toLowerCase(Locale.ROOT);
        Label name = new Label(w.warehouse() + (w.name() == null ? "" : " · " + w.name()));
        name.getStyleClass().add(Styles.TILE_LABEL);
        Label drifting = new Label(Formats.count(w.driftingPairs()));
        drifting.getStyleClass().add(Styles.TILE_NUMBER);
        drifting.setId("warehouse-drifting-" + id);
        Label driftingWord = new Label("drifting of " + Formats.count(w.pairs()));
        driftingWord.getStyleClass().add(Styles.MUTED);
        HBox numberRow = new HBox(6, drifting, driftingWord);
        numberRow.setAlignment(Pos.BASELINE_LEFT);
        Label stuck = new Label(Formats.plural(w.stuckPairs(), "stuck pair", "stuck pairs")
                + (w.oversoldPairs() > 0 ? " · " + Formats.plural(w.oversoldPairs(), "oversold", "oversold") : ""));
        stuck.setId("warehouse-stuck-" + id);
        stuck.pseudoClassStateChanged(ALERT, w.stuckPairs() > 0);
        stuck.getStyleClass().add("glance-stuck");
        Label worst = new Label(w.worstIntegration() == null ? "every integration OK"
                : w.worstIntegration() + ": " + (w.worstStatus() == null ? "?" : w.worstStatus().toLowerCase(Locale.ROOT)));
        worst.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        worst.setId("warehouse-worst-" + id);
        VBox box = new VBox(4, name, numberRow, stuck, worst);
        box.getStyleClass().addAll(Styles.CARD, Styles.TILE);
        box.setId("warehouse-tile-" + id);
        box.setMinWidth(200);
        box.setCursor(Cursor.HAND);
        box.setFocusTraversable(true);
        box.setOnMouseClicked(e -> vm.open(w));
        box.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                vm.open(w);
                e.consume();
            }
        });
        Tooltip.install(box, new Tooltip("Open " + w.warehouse() + "'s drifting pairs in Inventory (Enter)"));
        return box;
    }

    private void fillChart(Inventory.DriftTrend trend) {
        if (trend == null) {
            return;
        }
        XYChart.Series<Number, Number> drifting = new XYChart.Series<>();
        drifting.setName("Drifting pairs");
        XYChart.Series<Number, Number> stuck = new XYChart.Series<>();
        stuck.setName("Stuck pairs");
        for (Inventory.DriftPoint p : trend.points()) {
            drifting.getData().add(new XYChart.Data<>(p.at().getEpochSecond(), p.driftingPairs()));
            stuck.getData().add(new XYChart.Data<>(p.at().getEpochSecond(), p.stuckPairs()));
        }
        chart.getData().setAll(java.util.List.of(drifting, stuck));
        if (!trend.points().isEmpty()) {
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setAutoRanging(false);
            long from = trend.points().get(0).at().getEpochSecond();
            long to = trend.points().get(trend.points().size() - 1).at().getEpochSecond();
            x.setLowerBound(from);
            x.setUpperBound(Math.max(to, from + 1));
            x.setTickUnit(Math.max(3600, (to - from) / 7.0));
        }
    }

    public Node root() {
        return root;
    }

    public InventoryGlanceViewModel viewModel() {
        return vm;
    }

    public void dispose() {
        heartbeat.stop();
        vm.dispose();
    }
}
