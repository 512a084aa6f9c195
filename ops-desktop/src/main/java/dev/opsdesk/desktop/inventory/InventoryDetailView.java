package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Inventory.StockSystem;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The selected pair: each system's number and its age, a chart of the three quantities over time
 * with adjustments marked, the recent syncs, adjustments and open sync failures, and its history.
 */
final class InventoryDetailView {

    private static final int LISTED = 8;

    private final InventoryViewModel vm;
    private final Formats formats;
    private final Runnable openFailures;
    private final Consumer<String> openHistory;
    private final VBox content = new VBox(8);
    private final ScrollPane root = new ScrollPane(content);

    InventoryDetailView(InventoryViewModel vm, Formats formats, Runnable openFailures, Consumer<String> openHistory) {
        this.vm = vm;
        this.formats = formats;
        this.openFailures = openFailures;
        this.openHistory = openHistory;
        root.setId("inventory-detail");
        root.setFitToWidth(true);
        root.setMinWidth(320);
        content.setPadding(new Insets(4, 8, 8, 10));
        vm.detailProperty().addListener((obs, old, now) -> show(now));
        vm.detailErrorProperty().addListener((obs, old, now) -> show(vm.detailProperty().get()));
        show(null);
    }

    Node root() {
        return root;
    }

    private void show(Inventory.StockDetail detail) {
        content.getChildren().clear();
        if (vm.detailErrorProperty().get() != null) {
            content.getChildren().add(new MessagePane(MessagePane.Kind.ERROR, vm.detailErrorProperty(), vm::refresh));
        }
        if (detail == null) {
            Label hint = new Label("Select a row to see what each system holds, how it changed, and its syncs.");
            hint.setWrapText(true);
            hint.getStyleClass().add(Styles.MUTED);
            content.getChildren().add(hint);
            return;
        }
        Inventory.StockPair p = detail.pair();
        Instant now = vm.now();
        Label title = new Label(p.sku() + " at " + p.warehouse());
        title.setId("inventory-detail-title");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label name = new Label(p.name() + " · EAN " + p.ean());
        name.getStyleClass().add(Styles.MUTED);
        name.setWrapText(true); // the pane is narrow: a long name goes on, it is not cut
        Label numbers = new Label("Platform " + p.platform().quantity() + " · ERP " + p.erp().quantity() + " · WMS "
                + p.wms().quantity() + " · drift " + p.drift() + " (" + InventoryTexts.state(p.state()) + ")"
                + (p.oversold() ? " · oversold" : ""));
        numbers.setId("inventory-detail-numbers");
        numbers.getStyleClass().add(Styles.STRONG);
        numbers.setWrapText(true);
        Label state = new Label(InventoryTexts.stateHint(p, now));
        state.setWrapText(true);
        VBox ages = new VBox(2);
        for (StockSystem s : StockSystem.values()) {
            Label age = new Label(InventoryTexts.numberTip(label(s), p.of(s), now, formats));
            age.setWrapText(true);
            age.getStyleClass().addAll("stock-number", Styles.SMALL);
            age.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stale"), p.of(s).stale());
            ages.getChildren().add(age);
        }
        javafx.scene.layout.Region grow = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(grow, javafx.scene.layout.Priority.ALWAYS);
        javafx.scene.layout.HBox header = new javafx.scene.layout.HBox(8, title, grow);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (openHistory != null) {
            // The pair's audit timeline: adjustments and resyncs, who and when.
            Button history = new Button("History");
            history.setId("inventory-history");
            history.setOnAction(e -> openHistory.accept("stock:" + p.key()));
            header.getChildren().add(history);
        }
        content.getChildren().addAll(header, name, numbers, state, ages, chart(detail));

        content.getChildren().add(heading("Adjustments"));
        if (detail.adjustments().isEmpty()) {
            content.getChildren().add(muted("None."));
        }
        detail.adjustments().stream().limit(LISTED).forEach(a -> content.getChildren().add(line(
                formats.shortTime(a.at()) + "  " + (a.delta() > 0 ? "+" : "") + a.delta() + " "
                        + InventoryTexts.reason(a.reason()) + " by " + a.actor() + " (" + a.quantityBefore() + " → "
                        + a.quantityAfter() + ")" + (a.note() == null ? "" : ": " + a.note()))));

        content.getChildren().add(heading("Recent syncs"));
        detail.syncs().stream().limit(LISTED).forEach(r -> content.getChildren().add(line(
                formats.shortTime(r.startedAt()) + "  " + r.integrationId() + "  " + r.status() + " · "
                        + Formats.plural(r.items(), "item", "items") + (r.errors() > 0 ? ", " + r.errors()
                        + " errors" : "") + (r.message() == null ? "" : " — " + r.message()))));

        content.getChildren().add(heading("Open sync failures"));
        if (detail.openFailures().isEmpty()) {
            content.getChildren().add(muted("None."));
        }
        for (Inventory.OpenSyncFailure f : detail.openFailures().stream().limit(LISTED).toList()) {
            content.getChildren().add(line(f.id() + "  " + f.reason() + ": " + f.message()));
        }
        if (!detail.openFailures().isEmpty() && openFailures != null) {
            Hyperlink open = new Hyperlink("Open the inventory sync failures");
            open.setId("inventory-detail-failures");
            open.setOnAction(e -> openFailures.run());
            content.getChildren().add(open);
        }
    }

    /** The three quantities over time; adjustments as markers on the platform's line. */
    private Node chart(Inventory.StockDetail detail) {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return formats.clock(Instant.ofEpochSecond(n.longValue()));
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("inventory-chart");
        chart.getStyleClass().add("stock-chart");
        chart.setAnimated(false);
        chart.setPrefHeight(200);
        chart.setCreateSymbols(true);
        long end = vm.now().getEpochSecond();
        for (StockSystem s : StockSystem.values()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(label(s));
            List<Inventory.StockPoint> points = detail.history().stream().filter(pt -> pt.system() == s).toList();
            Integer last = null;
            for (Inventory.StockPoint pt : points) {
                if (last != null) {
                    // A number holds until the next one: a step, not a slope.
                    series.getData().add(new XYChart.Data<>(pt.at().getEpochSecond() - 1, last));
                }
                series.getData().add(new XYChart.Data<>(pt.at().getEpochSecond(), pt.quantity()));
                last = pt.quantity();
            }
            series.getData().add(new XYChart.Data<>(end, detail.pair().of(s).quantity()));
            chart.getData().add(series);
        }
        XYChart.Series<Number, Number> adjustments = new XYChart.Series<>();
        adjustments.setName("Adjustments");
        for (Inventory.StockAdjustment a : detail.adjustments()) {
            adjustments.getData().add(new XYChart.Data<>(a.at().getEpochSecond(), a.quantityAfter()));
        }
        chart.getData().add(adjustments);
        return chart;
    }

    private static String label(StockSystem s) {
        return switch (s) {
            case PLATFORM -> "Platform";
            case ERP -> "ERP";
            case WMS -> "WMS";
        };
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.STRONG);
        l.setPadding(new Insets(6, 0, 0, 0));
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.MUTED, Styles.SMALL);
        return l;
    }

    private static Label line(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.SMALL);
        return l;
    }
}
