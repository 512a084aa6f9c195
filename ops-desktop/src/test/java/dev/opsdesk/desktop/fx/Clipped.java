package dev.opsdesk.desktop.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Finds the labels that are drawn cut ("Payment call…"): a {@link Labeled}'s skin draws its text in a child
 * {@code Text} node, which holds the shortened text when the label is too narrow. Call on the JavaFX thread.
 *
 * <p>A table or list cell's value may be shortened when its tooltip has the whole value; labels, buttons, chips,
 * tab titles and column headers may not.
 */
final class Clipped {

    private Clipped() {
    }

    /** What the skin draws of {@code labeled}: its text node's text (the ellipsis when cut), or null when none. */
    static String rendered(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }

    /** Visible with every parent (a hidden action's button is itself "visible"). */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    static String expected(Labeled labeled) {
        String text = labeled.getText() == null ? "" : labeled.getText();
        return labeled.isMnemonicParsing() ? text.replaceFirst("_(.)", "$1") : text;
    }

    /** The labels among {@code nodes} whose text is drawn cut, as "what → drawn". */
    static List<String> elided(List<? extends Node> nodes) {
        // A text set a moment ago is drawn at the next layout: lay out first, so that only a cut shows.
        nodes.stream().map(Node::getScene).filter(java.util.Objects::nonNull).distinct().forEach(scene -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        });
        List<String> cut = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof Labeled l && shown(l) && l.getText() != null && !l.getText().isEmpty()) {
                String drawn = rendered(l);
                if (drawn != null && !drawn.equals(expected(l)) && !explainedByTooltip(l)) {
                    cut.add(describe(l, drawn));
                }
            }
        }
        return cut;
    }

    /** Every label drawn cut under {@code root}, after CSS and layout. */
    static List<String> under(Parent root) {
        root.applyCss();
        root.layout();
        List<Node> all = new ArrayList<>();
        collect(root, all);
        return elided(all);
    }

    private static void collect(Node node, List<Node> into) {
        if (!node.isVisible()) {
            return;
        }
        into.add(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, into);
            }
        }
    }

    /**
     * Chips and badges in cells, and the stock matrix's numbers with their ages (what the Platform, ERP and WMS
     * columns are read for): never shortened, whatever the tooltip says.
     */
    private static final java.util.Set<String> CHIPS = java.util.Set.of("badge", "sync-state", "drift-badge", "run-state",
            "stock-number");

    /**
     * The tables whose visible columns do not fit their width, as "#id: …". A table that fits its columns to its
     * width shows no horizontal scroll bar: columns that cannot shrink further run out of sight, headers and all.
     */
    static List<String> scrolledSideways(Parent root) {
        List<String> wide = new ArrayList<>();
        for (Node n : root.lookupAll(".table-view")) {
            if (n instanceof javafx.scene.control.TableView<?> table && shown(table) && table.getWidth() > 0) {
                double vbar = table.lookupAll(".scroll-bar").stream()
                        .filter(b -> b instanceof javafx.scene.control.ScrollBar sb
                                && sb.getOrientation() == javafx.geometry.Orientation.VERTICAL && sb.isVisible())
                        .mapToDouble(b -> ((javafx.scene.control.ScrollBar) b).getWidth()).max().orElse(0);
                double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - vbar;
                double columns = table.getVisibleLeafColumns().stream().mapToDouble(c -> c.getWidth()).sum();
                if (columns > room + 1) {
                    wide.add("#" + table.getId() + ": its columns need " + Math.round(columns) + " of "
                            + Math.round(room) + ", some are out of sight " + table.getVisibleLeafColumns().stream()
                            .map(c -> c.getText() + " " + Math.round(c.getWidth())).toList());
                }
            }
        }
        return wide;
    }

    /** A cell's value (the cell's text, or a label in it), shortened, with the whole of it in the cell's tooltip. */
    private static boolean explainedByTooltip(Labeled l) {
        if (l.getStyleClass().stream().anyMatch(CHIPS::contains)) {
            return false;
        }
        Node n = l;
        while (n != null && !(n instanceof IndexedCell<?>)) {
            n = n.getParent();
        }
        if (!(n instanceof IndexedCell<?> cell)) {
            return false;
        }
        Tooltip tip = cell.getTooltip();
        return tip != null && tip.getText() != null && tip.getText().contains(expected(l));
    }

    private static String describe(Labeled l, String drawn) {
        StringBuilder where = new StringBuilder();
        for (Node n = l.getParent(); n != null && where.length() < 120; n = n.getParent()) {
            if (n.getId() != null) {
                where.append(" in #").append(n.getId());
                break;
            }
        }
        Bounds b = l.localToScene(l.getBoundsInLocal());
        return String.format("%s%s \"%s\" → \"%s\" (%.0f wide at %.0f,%.0f%s)", l.getClass().getSimpleName(),
                l.getId() == null ? "" : "#" + l.getId(), expected(l), drawn, l.getWidth(), b.getMinX(), b.getMinY(), where);
    }
}
