package dev.opsdesk.desktop.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;

/**
 * The title row of a section's page: icon, title, a one-line hint of what the page is for, then
 * the page's actions at the right (ending with Refresh). Every section's page starts the same way.
 */
public final class PageTitle {

    private PageTitle() {
    }

    /** @param actions the page's buttons, left to right (the hint gives way first when the window is narrow) */
    public static HBox row(Ikon icon, String title, String hint, Node... actions) {
        var glyph = Icons.icon(icon, 22);
        glyph.getStyleClass().add("page-icon");
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add(Styles.TITLE);
        titleLabel.setMinWidth(Region.USE_PREF_SIZE);
        titleLabel.setTooltip(new Tooltip(hint));
        Label hintLabel = new Label(hint);
        hintLabel.getStyleClass().add(Styles.MUTED);
        hintLabel.setMinWidth(0);
        // The hint gives way to the actions: whole or not at all (then the title's tooltip has it), never "per SKU an…".
        hintLabel.widthProperty().addListener((obs, old, now) ->
                hintLabel.setVisible(now.doubleValue() + 0.5 >= hintLabel.prefWidth(-1)));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(10, glyph, titleLabel, hintLabel, grow);
        for (Node action : actions) {
            if (action instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE); // "Count…", not "Co…"
            }
            row.getChildren().add(action);
        }
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add(Styles.PAGE_TITLE_ROW);
        return row;
    }

    /** Refresh (F5): {@code what} says what it loads again. */
    public static Button refreshButton(String id, String what, Runnable refresh) {
        Button button = new Button("Refresh", Icons.icon(Icons.REFRESH, 16));
        button.setId(id);
        button.setTooltip(new Tooltip(what + " (F5)"));
        button.setOnAction(e -> refresh.run());
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
