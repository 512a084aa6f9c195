package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The building blocks every section page shares: its header (icon, title, what it is for), cards,
 * the permission lists, the "coming soon" page of a section that is not built yet, and the scroll
 * pane a page sits in.
 */
public final class SectionPages {

    private SectionPages() {
    }

    /** The icon, title and one-line description at the top of a section's page. */
    public static Node header(Section section) {
        var icon = Icons.icon(section.icon(), 26);
        icon.getStyleClass().add("page-icon");
        Label title = new Label(section.title());
        title.getStyleClass().add(Styles.TITLE);
        Label description = new Label(section.description());
        description.getStyleClass().add(Styles.SUBTITLE);
        description.setWrapText(true);
        VBox text = new VBox(4, title, description);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox header = new HBox(14, icon, text);
        header.setAlignment(Pos.TOP_LEFT);
        header.getStyleClass().add(Styles.PAGE_HEADER);
        return header;
    }

    /** The permissions under the section they belong to ("General" for the rest), one row each. */
    public static GridPane groupedPermissionGrid(List<PermissionLine> lines, List<Section> sections) {
        java.util.Map<String, List<PermissionLine>> groups = new java.util.LinkedHashMap<>();
        for (Section section : sections) {
            List<PermissionLine> inSection = lines.stream()
                    .filter(l -> section.relatedPermissions().contains(l.permission())).toList();
            if (!inSection.isEmpty()) {
                groups.put(section.title(), inSection);
            }
        }
        List<PermissionLine> rest = lines.stream()
                .filter(l -> groups.values().stream().noneMatch(g -> g.contains(l))).toList();
        if (!rest.isEmpty()) {
            groups.put("General", rest);
        }
        GridPane grid = new GridPane();
        grid.setId("permission-list");
        grid.getStyleClass().add(Styles.PERMISSION_LIST);
        grid.setHgap(24);
        grid.setVgap(5);
        int row = 0;
        for (var group : groups.entrySet()) {
            boolean first = true;
            for (PermissionLine line : group.getValue()) {
                Label section = new Label(first ? group.getKey() : "");
                section.getStyleClass().addAll("permission-group", Styles.MUTED);
                if (first && row > 0) {
                    javafx.scene.layout.GridPane.setMargin(section, new javafx.geometry.Insets(8, 0, 0, 0));
                }
                Node[] cells = permissionCells(line);
                if (first && row > 0) {
                    for (Node cell : cells) {
                        javafx.scene.layout.GridPane.setMargin(cell, new javafx.geometry.Insets(8, 0, 0, 0));
                    }
                }
                grid.addRow(row++, section, cells[0], cells[1], cells[2]);
                first = false;
            }
        }
        return grid;
    }

    private static Node[] permissionCells(PermissionLine line) {
        var check = Icons.icon(Icons.CHECK, 16);
        check.getStyleClass().add("ok-icon");
        Label label = new Label(line.label(), check);
        label.getStyleClass().add(Styles.STRONG);
        Label scope = new Label(line.scope());
        scope.getStyleClass().add("everywhere".equals(line.scope()) ? Styles.MUTED : "scope-limited");
        Label name = new Label(line.permission());
        name.getStyleClass().addAll(Styles.MONO, Styles.SMALL, Styles.MUTED);
        return new Node[] {label, scope, name};
    }

    public static GridPane permissionGrid(List<PermissionLine> lines) {
        GridPane grid = new GridPane();
        grid.setId("permission-list");
        grid.getStyleClass().add(Styles.PERMISSION_LIST);
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (PermissionLine line : lines) {
            grid.addRow(row++, permissionCells(line));
        }
        return grid;
    }

    /** A card: a raised box holding part of a page. */
    public static VBox card(Node... children) {
        VBox card = new VBox(10, children);
        card.getStyleClass().add(Styles.CARD);
        return card;
    }

    /** The page around {@code content}: the page style, a readable width, and a scroll pane with the page's id. */
    public static Parent page(VBox content, String id) {
        content.getStyleClass().add(Styles.PAGE);
        content.setMaxWidth(1100);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId(id);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    /**
     * Focuses the first control under {@code root} that takes keyboard focus (visible, enabled, in
     * traversal order as laid out in the scene graph).
     *
     * @return false when there is none
     */
    public static boolean focusFirstControl(Node root) {
        Node first = firstFocusable(root);
        if (first == null) {
            return false;
        }
        first.requestFocus();
        return true;
    }

    private static Node firstFocusable(Node node) {
        if (!node.isVisible() || node.isDisabled()) {
            return null;
        }
        if (node instanceof ScrollPane scroll) { // the page's scroll pane: what it holds, not the pane
            return scroll.getContent() == null ? null : firstFocusable(scroll.getContent());
        }
        if (node.isFocusTraversable()) {
            return node;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Node found = firstFocusable(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
