package dev.opsdesk.desktop.list;

import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The table of a {@link PagedList}: its rows, the next page fetched as the user nears the end
 * (scrolling, End, Page Down — whatever moves the view), a placeholder that says whether the list is
 * loading, failed, was stopped or matches nothing, and the count line under it. Its columns come
 * from {@link ColumnSpec}s, so they are those of the dataset the export writes.
 *
 * @param <T> a row of the table
 */
public final class PagedTable<T> {

    /** Rows from the end at which the next page is fetched. */
    static final int PREFETCH_ROWS = 60;

    private final PagedList<T, ?> list;
    private final TableView<T> table = new TableView<>();
    private final Label count = new Label();

    /**
     * @param id        the table's node id (the count line's is {@code id + "-count"})
     * @param emptyText what to say when nothing matches, and what to try instead
     */
    public PagedTable(PagedList<T, ?> list, String id, String emptyText) {
        this.list = Objects.requireNonNull(list, "list");
        table.setId(id);
        table.setItems(list.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setTableMenuButtonVisible(true);
        count.setId(id + "-count");

        table.skinProperty().addListener((obs, old, skin) -> {
            if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.positionProperty().addListener((o, before, now) -> loadMoreIfNearTheEnd(flow));
                list.rows().addListener((ListChangeListener<T>) c -> Platform.runLater(() -> loadMoreIfNearTheEnd(flow)));
            }
        });

        String many = list.nouns().many();
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> list.loadingProperty().get()
                        ? "Loading " + many + "…"
                        : list.errorProperty().get() != null ? "The " + many + " could not be loaded (see above)."
                        : list.stoppedProperty().get() ? "Loading was stopped. Press F5 to load the " + many + " again."
                        : emptyText,
                list.loadingProperty(), list.errorProperty(), list.stoppedProperty()));
        table.setPlaceholder(placeholder);
        count.textProperty().bind(list.countTextProperty());
        count.setMinWidth(Region.USE_PREF_SIZE);
    }

    private void loadMoreIfNearTheEnd(VirtualFlow<?> flow) {
        if (list.endReachedProperty().get() || list.rows().isEmpty()) {
            return;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last != null && last.getIndex() >= list.rows().size() - PREFETCH_ROWS) {
            list.loadMore();
        }
    }

    /**
     * Adds the columns, in this order (hidden ones are in the table's + menu). Sorting is the
     * server's: no column sorts the loaded rows here.
     *
     * @param value the value a row carries (a row may update it in place)
     */
    public <R> List<TableColumn<T, R>> columns(List<ColumnSpec<R>> specs, Function<T, ObservableValue<R>> value,
                                               Formats formats) {
        ColumnSpec.requireDistinct(specs);
        List<TableColumn<T, R>> made = specs.stream().map(spec -> column(spec, value, formats)).toList();
        table.getColumns().addAll(made);
        return made;
    }

    private static <T, R> TableColumn<T, R> column(ColumnSpec<R> spec, Function<T, ObservableValue<R>> value,
                                                   Formats formats) {
        TableColumn<T, R> c = new TableColumn<>(spec.header());
        c.setId(spec.id());
        c.setPrefWidth(spec.preferredWidth());
        // A header is never cut: the column is at least as wide as its header (the table scrolls sideways
        // before a header turns into "Sta…").
        c.setMinWidth(Math.max(spec.minimumWidth(), headerWidth(spec.header())));
        c.setPrefWidth(Math.max(c.getPrefWidth(), c.getMinWidth()));
        c.setVisible(spec.shownByDefault());
        c.setSortable(false); // only the server sorts (a section may opt in by column id)
        c.getStyleClass().addAll(spec.styleClasses());
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();
            private final ColumnSpec.CellGraphic<R> graphic = spec.newGraphic();
            private String specTip;

            {
                tip.setWrapText(true);
                tip.setMaxWidth(480);
            }

            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                if (graphic != null) {
                    setText(null);
                    setGraphic(graphic.show(row));
                } else {
                    setGraphic(null);
                    setText(spec.textOf(row, formats));
                }
                specTip = spec.tooltipOf(row);
                showTooltip(null);
            }

            /** A value drawn shortened ("Downstream ti…") is in the tooltip whole, before the column's own tip. */
            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                if (getGraphic() instanceof javafx.scene.Parent g) {
                    g.layout(); // its labels' shortened texts are known only after their own layout
                }
                if (!isEmpty()) {
                    showTooltip(CutText.whole(this));
                }
            }

            private void showTooltip(String whole) {
                String t = whole == null ? specTip
                        : specTip == null || specTip.contains(whole) ? (specTip == null ? whole : specTip)
                        : whole + "\n" + specTip;
                if (t == null) {
                    setTooltip(null);
                } else {
                    if (!t.equals(tip.getText())) {
                        tip.setText(t);
                    }
                    if (getTooltip() != tip) {
                        setTooltip(tip);
                    }
                }
            }
        });
        return c;
    }

    /** How wide a column must be for its header to show whole (bold, the table's 13 px, with the header's padding). */
    static double headerWidth(String header) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(header);
        text.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, 13));
        return Math.ceil(text.getLayoutBounds().getWidth()) + 14; // the label's padding and the cell borders
    }

    /** The count line: "1,234 failures match · 200 loaded", then {@code trailing} at the right. */
    public HBox countLine(Node... trailing) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox line = new HBox(8, count, grow);
        line.getChildren().addAll(trailing);
        // A note after the count (the time zone, the order) wraps rather than being cut when the count is long.
        for (Node n : trailing) {
            if (n instanceof Label note && note.getMinWidth() != Region.USE_PREF_SIZE) {
                note.setWrapText(true);
            }
        }
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add(Styles.COUNT_LINE);
        return line;
    }

    /**
     * "12 new failures since you loaded the list — Show them": new rows are counted, not pushed into
     * the list while someone reads it; Show loads the list again. Hidden while there are none.
     *
     * @param count how many new rows match (at least; {@code atLeast} when the count is capped)
     */
    public Node newBanner(ObservableValue<Number> count, int atLeast, Runnable show) {
        String one = "new " + list.nouns().one();
        String many = "new " + list.nouns().many();
        Label text = new Label();
        text.setGraphic(Icons.icon(Icons.NEW_ITEMS, 16));
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = count.getValue().intValue();
            return (n >= atLeast ? Formats.count(atLeast) + " or more " + many : Formats.plural(n, one, many))
                    + " since you loaded the list";
        }, count));
        Button showThem = new Button("S_how them");
        showThem.setId("show-new");
        showThem.getStyleClass().add(Styles.SMALL);
        showThem.setOnAction(e -> show.run());
        HBox banner = new HBox(10, text, showThem);
        banner.setId("new-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add(Styles.NEW_BANNER);
        banner.visibleProperty().bind(Bindings.createBooleanBinding(() -> count.getValue().intValue() > 0, count));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** Puts the keyboard in the list, on its first row when none is selected. */
    public void focus() {
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && !list.rows().isEmpty()) {
            table.getSelectionModel().clearAndSelect(0);
            table.getFocusModel().focus(0);
        }
    }

    public TableView<T> table() {
        return table;
    }

    public Label countLabel() {
        return count;
    }
}
