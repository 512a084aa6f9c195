package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.settings.SettingsAccess;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The main window while signed in: environment banner and header on top, section navigation on the
 * left, the selected section in the middle, the status bar at the bottom. The sections come from
 * the view model's {@link SectionRegistry}: each is built by its factory the first time it is shown
 * or linked to, told when it is shown, refreshed by F5, searched by Ctrl+F, and disposed at
 * sign-out or when the user may no longer see it.
 */
public final class MainView implements SectionHost {

    /** How often the view model's heartbeat runs. */
    static final Duration HEARTBEAT = Duration.seconds(5);

    public static final KeyCombination SIGN_OUT_KEY =
            new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final MainViewModel viewModel;
    private final SectionRegistry registry;
    private final SettingsAccess settings;
    private final BorderPane root = new BorderPane();
    private final VBox navigation = new VBox(2);
    private final ToggleGroup navGroup = new ToggleGroup();
    private final StackPane content = new StackPane();
    private final Map<Section, SectionInstance> instances = new LinkedHashMap<>();
    private final StatusBar statusBar;
    private final Timeline heartbeat;
    private final ListChangeListener<Section> sectionsListener = c -> {
        disposeHidden();
        rebuildNavigation();
    };
    private final Clock clock = Clock.systemUTC();
    private final Formats formats = Formats.systemDefault();

    /**
     * @param settings the application's settings, for the sections that show or change them
     */
    public MainView(MainViewModel viewModel, SettingsAccess settings) {
        this.viewModel = viewModel;
        this.registry = viewModel.registry();
        this.settings = settings;
        root.getStyleClass().add(Styles.MAIN_ROOT);
        root.setId("main-view");
        root.setUserData(this);
        if (viewModel.banner().kind() == EnvironmentBanner.Kind.PRODUCTION) {
            root.getStyleClass().add(Styles.PRODUCTION_FRAME); // a red frame around everything, not just the banner
        }

        root.setTop(new VBox(banner(), header()));
        viewModel.startLiveUpdates();

        navigation.getStyleClass().add(Styles.NAVIGATION);
        navigation.setId("navigation");
        viewModel.sections().addListener(sectionsListener);
        rebuildNavigation();
        navGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                navGroup.selectToggle(old); // a section is always selected
            } else if (now != null) {
                viewModel.select((Section) now.getUserData());
            }
        });
        root.setLeft(navigation);

        content.getStyleClass().add(Styles.CONTENT);
        content.setId("content");
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, viewModel.errorProperty(), viewModel::dismissError);
        error.setId("main-error");
        BorderPane.setMargin(error, new javafx.geometry.Insets(12, 16, 0, 16));
        BorderPane center = new BorderPane(content);
        center.setTop(error);
        root.setCenter(center);
        viewModel.selectedSectionProperty().addListener((obs, old, now) -> showSection(now));
        showSection(viewModel.selectedSectionProperty().get());

        statusBar = new StatusBar(viewModel);
        root.setBottom(statusBar);

        heartbeat = new Timeline(new KeyFrame(HEARTBEAT, e -> viewModel.heartbeat()));
        heartbeat.setCycleCount(Timeline.INDEFINITE);
        heartbeat.play();
    }

    private Node banner() {
        EnvironmentBanner banner = viewModel.banner();
        var icon = Icons.icon(switch (banner.kind()) {
            case SANDBOX -> Icons.SANDBOX;
            case STAGING -> Icons.STAGING;
            case PRODUCTION, UNKNOWN -> Icons.PRODUCTION;
        }, 18);
        Label text = new Label(banner.text(), icon);
        text.setId("environment-text");
        HBox strip = new HBox(text);
        strip.setAlignment(Pos.CENTER);
        strip.setId("environment-banner");
        strip.getStyleClass().add(Styles.ENV_BANNER);
        Styles.setEnvironment(strip, switch (banner.kind()) {
            case SANDBOX -> Styles.ENV_SANDBOX;
            case STAGING -> Styles.ENV_STAGING;
            case PRODUCTION -> Styles.ENV_PRODUCTION;
            case UNKNOWN -> Styles.ENV_UNKNOWN;
        });
        return strip;
    }

    private Node header() {
        var mark = Icons.icon(Icons.APP, 22);
        mark.getStyleClass().add("brand-icon");
        Label app = new Label("Ops Desk", mark);
        app.getStyleClass().addAll(Styles.BRAND, Styles.STRONG);
        Label slash = new Label("/");
        slash.getStyleClass().add(Styles.MUTED);
        Label sectionTitle = new Label();
        sectionTitle.setId("section-title");
        sectionTitle.getStyleClass().add("header-section");
        sectionTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.selectedSectionProperty().get() == null ? "" : viewModel.selectedSectionProperty().get().title(),
                viewModel.selectedSectionProperty()));

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);

        Label name = new Label();
        name.setId("user-name");
        name.getStyleClass().add(Styles.USER_NAME);
        name.textProperty().bind(viewModel.displayNameProperty());
        Label roles = new Label();
        roles.setId("user-roles");
        roles.getStyleClass().add(Styles.ROLE_CHIP);
        roles.textProperty().bind(viewModel.rolesTextProperty());
        var userIcon = Icons.icon(Icons.USER, 26);
        userIcon.getStyleClass().add("user-icon");
        VBox who = new VBox(2, name, roles);
        who.setAlignment(Pos.CENTER_RIGHT);

        Button signOut = new Button("_Sign out", Icons.icon(Icons.SIGN_OUT, 16));
        signOut.setId("sign-out");
        signOut.setTooltip(new Tooltip("Sign out and revoke this session (" + SIGN_OUT_KEY.getDisplayText() + ")"));
        signOut.disableProperty().bind(viewModel.signingOutProperty());
        signOut.setOnAction(e -> signOutAsking());
        // Never reached by Tab, never the default: Space or Enter on a stray focus must not sign anyone
        // out. The keyboard way is its shortcut, which asks first when work is running.
        signOut.setFocusTraversable(false);
        signOut.setDefaultButton(false);

        HBox header = new HBox(10, app, slash, sectionTitle, grow, who, userIcon, signOut);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add(Styles.HEADER);
        return header;
    }

    private void rebuildNavigation() {
        navigation.getChildren().clear();
        navGroup.getToggles().clear();
        Label heading = new Label("SECTIONS");
        heading.getStyleClass().add("nav-heading");
        navigation.getChildren().add(heading);
        for (Section section : viewModel.sections()) {
            var icon = Icons.icon(section.icon(), 20);
            ToggleButton button = new ToggleButton(section.title(), icon);
            button.setId(section.navId());
            button.setUserData(section);
            button.setToggleGroup(navGroup);
            button.getStyleClass().add(Styles.NAV_BUTTON);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setMnemonicParsing(false);
            button.setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
            button.setTooltip(new Tooltip(section.title() + " (" + shortcutText(section) + ")\n" + section.description()));
            if (section == viewModel.selectedSectionProperty().get()) {
                button.setSelected(true);
            }
            navigation.getChildren().add(button);
        }
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        // The highest digit this user has (Administration, Ctrl+7, only for administrators).
        int last = viewModel.sections().stream().mapToInt(registry::shortcutDigit).max().orElse(registry.size());
        Label hint = new Label("Ctrl+1…" + last + " switch sections");
        hint.getStyleClass().addAll(Styles.SMALL, Styles.MUTED, "nav-hint");
        navigation.getChildren().addAll(grow, hint);
    }

    private String shortcutText(Section section) {
        return new KeyCodeCombination(digitKey(registry.shortcutDigit(section)), KeyCombination.SHORTCUT_DOWN).getDisplayText();
    }

    private static KeyCode digitKey(int digit) {
        return KeyCode.valueOf("DIGIT" + digit);
    }

    private void showSection(Section section) {
        if (section == null) {
            content.getChildren().clear();
            return;
        }
        boolean focusInNavigation = navigation.getChildren().stream().anyMatch(Node::isFocused);
        SectionInstance instance = instance(section);
        content.getChildren().setAll(instance.root());
        Optional<ToggleButton> button = navGroup.getToggles().stream()
                .filter(t -> section.equals(t.getUserData()))
                .findFirst()
                .map(t -> {
                    if (!t.isSelected()) {
                        navGroup.selectToggle(t);
                    }
                    return (ToggleButton) t;
                });
        instance.shown();
        if (root.getScene() == null) {
            return; // building the window: AppShell focuses the navigation once it shows
        }
        // Focus stays in the navigation when it was there (arrows, Ctrl+digit from the list);
        // otherwise it goes to the section, never to whatever comes first in the window (Sign out).
        if (focusInNavigation || !instance.focusFirstControl()) {
            button.ifPresent(ToggleButton::requestFocus);
        }
    }

    /** The section's instance, built on first use. */
    private SectionInstance instance(Section section) {
        SectionInstance instance = instances.get(section);
        if (instance == null) {
            SectionRegistry.Entry entry = registry.entry(section)
                    .orElseThrow(() -> new IllegalArgumentException("Not registered: " + section.id()));
            SectionContext context = new SectionContext(section, viewModel.session(), viewModel.meProperty(),
                    viewModel.tasks(), viewModel.errors(), viewModel.liveUpdates(), settings, clock, formats, this);
            instance = entry.isBuilt() ? entry.factory().create(context) : new ComingSoonSection(context);
            instances.put(section, instance);
        }
        return instance;
    }

    /** Sections the user may no longer see (their permissions changed) stop and are built afresh if they come back. */
    private void disposeHidden() {
        var it = instances.entrySet().iterator();
        while (it.hasNext()) {
            var next = it.next();
            if (!viewModel.sections().contains(next.getKey())) {
                next.getValue().dispose();
                it.remove();
            }
        }
    }

    @Override
    public boolean open(Section section, String target) {
        if (!isAvailable(section)) {
            return false;
        }
        SectionInstance instance = instance(section);
        viewModel.select(section);
        return target == null || instance.open(target);
    }

    @Override
    public boolean isAvailable(Section section) {
        return viewModel.sections().contains(section);
    }

    @Override
    public void recheckPermissions() {
        viewModel.recheckPermissions();
    }

    @Override
    public List<Section> allSections() {
        return registry.sections();
    }

    /** Opens the Failures section on one queue's open failures. */
    public void openFailures(String queue) {
        open(Section.FAILURES, queue);
    }

    /**
     * Opens the Audit section on an entity's timeline, e.g. {@code "order:ORD-100123"} (the order and
     * everything about it: payments, callbacks, failures, replays) or {@code "failure:F-0000042"}.
     *
     * @return false (and nothing changes) when the user may not read the audit trail
     */
    public boolean showAuditTimeline(String entity) {
        return open(Section.AUDIT, entity);
    }

    /** The section's instance, once it was built (for tests and tools). */
    public Optional<SectionInstance> section(Section section) {
        return Optional.ofNullable(instances.get(section));
    }

    /** F5: the permissions, and the section on show. */
    private void refreshAll() {
        viewModel.refresh();
        shownInstance().ifPresent(SectionInstance::refresh);
    }

    private Optional<SectionInstance> shownInstance() {
        Section shown = viewModel.selectedSectionProperty().get();
        return shown == null ? Optional.empty() : Optional.ofNullable(instances.get(shown));
    }

    /** Keyboard shortcuts the window installs while this view shows. */
    /** Signs out — after asking, when signing out would stop work in progress (an export, a bulk replay). */
    void signOutAsking() {
        java.util.List<String> running = viewModel.workInProgress();
        if (!running.isEmpty() && !confirmSignOut(running)) {
            return;
        }
        viewModel.signOut();
    }

    private boolean confirmSignOut(java.util.List<String> running) {
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> ask =
                dev.opsdesk.desktop.ui.Dialogs.themed(new javafx.scene.control.Dialog<>(), root);
        ask.setTitle("Sign out?");
        ask.getDialogPane().setId("sign-out-confirm");
        Label text = new Label("Signing out stops what is running:\n  • " + String.join("\n  • ", running)
                + "\n\nA server-side bulk replay goes on without you; a file being exported is not written.");
        text.setId("sign-out-work");
        text.setWrapText(true);
        text.setMaxWidth(440);
        ask.getDialogPane().setContent(text);
        javafx.scene.control.ButtonType out = new javafx.scene.control.ButtonType("Sign out",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType stay = new javafx.scene.control.ButtonType("Stay signed in",
                javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        ask.getDialogPane().getButtonTypes().setAll(out, stay);
        // Staying is the default: Enter or Space on the dialog keeps the work going.
        ((Button) ask.getDialogPane().lookupButton(out)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(stay)).setDefaultButton(true);
        return ask.showAndWait().filter(out::equals).isPresent();
    }

    public Map<KeyCombination, Runnable> accelerators() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        for (int d = 1; d <= registry.size(); d++) {
            int digit = d;
            keys.put(new KeyCodeCombination(digitKey(digit), KeyCombination.SHORTCUT_DOWN),
                    () -> viewModel.selectByShortcut(digit));
            keys.put(new KeyCodeCombination(KeyCode.valueOf("NUMPAD" + digit), KeyCombination.SHORTCUT_DOWN),
                    () -> viewModel.selectByShortcut(digit));
        }
        keys.put(SIGN_OUT_KEY, this::signOutAsking);
        keys.put(new KeyCodeCombination(KeyCode.F5), this::refreshAll);
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                () -> shownInstance().ifPresent(SectionInstance::focusSearch));
        return keys;
    }

    public Parent root() {
        return root;
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    /** Puts keyboard focus on the selected section's navigation button. */
    public void focusNavigation() {
        javafx.application.Platform.runLater(() -> {
            if (navGroup.getSelectedToggle() instanceof ToggleButton selected) {
                selected.requestFocus();
            }
        });
    }

    /** Stops the heartbeat and lets go of the view model's lists. */
    public void dispose() {
        heartbeat.stop();
        statusBar.dispose();
        instances.values().forEach(SectionInstance::dispose);
        instances.clear();
        viewModel.liveUpdates().close();
        viewModel.sections().removeListener(sectionsListener);
    }
}
