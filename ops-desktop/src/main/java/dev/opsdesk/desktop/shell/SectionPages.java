package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The pages of the sections that are not built yet, and the overview. */
final class SectionPages {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private SectionPages() {
    }

    static Ikon icon(Section section) {
        return switch (section) {
            case OVERVIEW -> Icons.OVERVIEW;
            case FAILURES -> Icons.FAILURES;
            case INVENTORY -> Icons.INVENTORY;
            case AUDIT -> Icons.AUDIT;
            case RECONCILIATION -> Icons.RECONCILIATION;
            case SETTINGS -> Icons.SETTINGS;
        };
    }

    static Node header(Section section) {
        var icon = Icons.icon(icon(section), 26);
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

    /** A section that is coming soon: what it will do, and what this user will be able to do there. */
    static Parent placeholder(Section section, List<PermissionLine> permissions) {
        var soonIcon = Icons.icon(Icons.COMING_SOON, 20);
        Label soon = new Label("Coming soon", soonIcon);
        soon.getStyleClass().add(Styles.COMING_SOON);
        Label what = new Label(section.comingSoon());
        what.setWrapText(true);
        VBox soonCard = card(soon, what);

        VBox page = new VBox(20, header(section), soonCard);
        if (!permissions.isEmpty()) {
            Label heading = new Label("What you will be able to do here");
            heading.getStyleClass().add(Styles.SECTION_TITLE);
            page.getChildren().add(card(heading, permissionGrid(permissions)));
        }
        return page(page, "page-" + section.name().toLowerCase(Locale.ROOT));
    }

    /** @param live the live queue tiles and chart; null when the user may read no failure queue */
    static Parent overview(MainViewModel viewModel, Node live) {
        var session = viewModel.session();
        Label who = new Label();
        who.getStyleClass().add(Styles.SECTION_TITLE);
        who.textProperty().bind(viewModel.displayNameProperty());
        Label detail = new Label();
        detail.getStyleClass().add(Styles.MUTED);
        detail.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var me = viewModel.meProperty().get();
            String warehouses = me.warehouseScope() == null || me.warehouseScope().isEmpty() ? "all warehouses"
                    : "warehouses " + String.join(", ", me.warehouseScope());
            return "Signed in as " + me.user().username() + "  ·  role: " + String.join(", ", me.roles())
                    + "  ·  " + warehouses;
        }, viewModel.meProperty()));
        String server = session.server().builtInSandbox()
                ? "Built-in training sandbox (" + session.server().hostAndPort() + ")"
                : session.server().baseUri().toString();
        String env = session.server().health().environmentName() != null ? session.server().health().environmentName()
                : session.server().health().environment();
        Label where = new Label("Server: " + server + "  ·  environment: " + env
                + (session.session().expiresAt() == null ? "" : "  ·  session valid until "
                + DATE_TIME.format(session.session().expiresAt().atZone(ZoneId.systemDefault()))));
        where.getStyleClass().add(Styles.MUTED);
        where.setWrapText(true);

        Button refresh = new Button("_Refresh", Icons.icon(Icons.REFRESH, 16));
        refresh.setId("overview-refresh");
        refresh.disableProperty().bind(viewModel.refreshingProperty());
        refresh.setOnAction(e -> viewModel.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox whoRow = new HBox(12, new VBox(4, who, detail, where), grow, refresh);
        whoRow.setAlignment(Pos.TOP_LEFT);

        Label permissionsHeading = new Label("What you can do");
        permissionsHeading.getStyleClass().add(Styles.SECTION_TITLE);
        VBox permissionsBox = new VBox();
        Runnable fill = () -> permissionsBox.getChildren().setAll(groupedPermissionGrid(viewModel.permissions()));
        viewModel.permissions().addListener((javafx.collections.ListChangeListener<PermissionLine>) c -> fill.run());
        fill.run();
        Label permissionsNote = new Label("The server decides; Ops Desk shows only the sections and actions these allow.");
        permissionsNote.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);

        VBox page = new VBox(20, header(Section.OVERVIEW), card(whoRow));
        if (live != null) {
            page.getChildren().add(card(live));
        } else {
            var soonIcon = Icons.icon(Icons.COMING_SOON, 20);
            Label soon = new Label("Stock drift and approvals at a glance: coming soon", soonIcon);
            soon.getStyleClass().add(Styles.COMING_SOON);
            Label what = new Label("The Overview will show drift per warehouse and reconciliations waiting for you, "
                    + "each one click away from the list behind it.");
            what.setWrapText(true);
            page.getChildren().add(card(soon, what));
        }
        page.getChildren().add(card(permissionsHeading, permissionsBox, permissionsNote));
        return page(page, "page-overview");
    }

    /** The permissions under the section they belong to ("General" for the rest), one row each. */
    private static GridPane groupedPermissionGrid(List<PermissionLine> lines) {
        java.util.Map<String, List<PermissionLine>> groups = new java.util.LinkedHashMap<>();
        for (Section section : Section.values()) {
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

    private static GridPane permissionGrid(List<PermissionLine> lines) {
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

    private static VBox card(Node... children) {
        VBox card = new VBox(10, children);
        card.getStyleClass().add(Styles.CARD);
        return card;
    }

    static Parent page(VBox content, String id) {
        content.getStyleClass().add(Styles.PAGE);
        content.setMaxWidth(1100);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId(id);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }
}
