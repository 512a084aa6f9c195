package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.Styles;
import dev.opsdesk.desktop.ui.Theme;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Settings section's content (the shell adds the page header around it). */
public final class SettingsView {

    private final VBox root;

    public SettingsView(SettingsViewModel viewModel, Node header) {
        Label themeTitle = new Label("Theme");
        themeTitle.getStyleClass().add(Styles.SECTION_TITLE);
        ToggleGroup themes = new ToggleGroup();
        ToggleButton light = themeButton(Theme.LIGHT, "_Light", Icons.LIGHT, "theme-light", themes);
        ToggleButton dark = themeButton(Theme.DARK, "_Dark", Icons.DARK, "theme-dark", themes);
        themes.selectToggle(viewModel.themeProperty().get() == Theme.DARK ? dark : light);
        themes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                themes.selectToggle(old);
            } else {
                viewModel.setTheme((Theme) now.getUserData());
            }
        });
        viewModel.themeProperty().addListener((obs, old, now) -> themes.selectToggle(now == Theme.DARK ? dark : light));
        HBox themeRow = new HBox(0, light, dark);
        themeRow.getStyleClass().add("segmented");
        Label themeHint = new Label("Applies at once and is remembered. The environment banner keeps its colours in both themes.");
        themeHint.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);
        themeHint.setWrapText(true);

        Label serversTitle = new Label("Remembered servers");
        serversTitle.getStyleClass().add(Styles.SECTION_TITLE);
        ListView<String> servers = new ListView<>(viewModel.servers());
        servers.setId("remembered-servers");
        servers.setPrefHeight(120);
        servers.setPlaceholder(new Label("None yet. Servers you sign in to by address are listed here."));
        Button forget = new Button("_Forget all");
        forget.setId("forget-servers");
        forget.disableProperty().bind(Bindings.isEmpty(viewModel.servers()));
        forget.setOnAction(e -> viewModel.forgetServers());

        Label whereTitle = new Label("Where settings are kept");
        whereTitle.getStyleClass().add(Styles.SECTION_TITLE);
        TextField where = new TextField(viewModel.location());
        where.setEditable(false);
        where.setId("settings-location");
        where.getStyleClass().add(Styles.MONO);
        Label whereHint = new Label("Theme, recent servers, last username and window position. Never passwords or tokens.");
        whereHint.getStyleClass().addAll(Styles.SMALL, Styles.MUTED);

        root = new VBox(20, header,
                card(themeTitle, themeRow, themeHint),
                card(serversTitle, servers, forget),
                card(whereTitle, where, whereHint));
    }

    private static ToggleButton themeButton(Theme theme, String text, org.kordamp.ikonli.Ikon icon, String id,
                                            ToggleGroup group) {
        ToggleButton button = new ToggleButton(text, Icons.icon(icon, 16));
        button.setId(id);
        button.setUserData(theme);
        button.setToggleGroup(group);
        button.setMinWidth(110);
        button.setAlignment(Pos.CENTER);
        return button;
    }

    private static VBox card(Node... children) {
        VBox card = new VBox(10, children);
        card.getStyleClass().add(Styles.CARD);
        return card;
    }

    /** The page content; the caller wraps it in a scroll pane. */
    public VBox content() {
        return root;
    }

    public Parent root() {
        return root;
    }
}
