package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.audit.AuditCheckpoints;
import dev.opsdesk.desktop.audit.AuditView;
import dev.opsdesk.desktop.audit.AuditViewModel;
import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.failures.FailuresViewModel;
import dev.opsdesk.desktop.overview.OverviewView;
import dev.opsdesk.desktop.overview.OverviewViewModel;
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

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The main window while signed in: environment banner and header on top, section navigation on the
 * left, the selected section in the middle, the status bar at the bottom.
 */
public final class MainView {

    /** How often the view model's heartbeat runs. */
    static final Duration HEARTBEAT = Duration.seconds(5);

    public static final KeyCombination SIGN_OUT_KEY =
            new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final MainViewModel viewModel;
    private final Supplier<Node> settingsPage;
    private final BorderPane root = new BorderPane();
    private final VBox navigation = new VBox(2);
    private final ToggleGroup navGroup = new ToggleGroup();
    private final StackPane content = new StackPane();
    private final Map<Section, Node> pages = new EnumMap<>(Section.class);
    private final StatusBar statusBar;
    private final Timeline heartbeat;
    private final ListChangeListener<Section> sectionsListener = c -> rebuildNavigation();
    private final Formats formats = Formats.systemDefault();
    private FailuresView failuresView;
    private OverviewView overviewView;
    private AuditView auditView;

    public MainView(MainViewModel viewModel, Supplier<Node> settingsPage) {
        this.viewModel = viewModel;
        this.settingsPage = settingsPage;
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
        signOut.setOnAction(e -> viewModel.signOut());

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
            var icon = Icons.icon(SectionPages.icon(section), 20);
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
        Label hint = new Label("Ctrl+1…6 switch sections");
        hint.getStyleClass().addAll(Styles.SMALL, Styles.MUTED, "nav-hint");
        navigation.getChildren().addAll(grow, hint);
    }

    private static String shortcutText(Section section) {
        return new KeyCodeCombination(digitKey(section.shortcutDigit()), KeyCombination.SHORTCUT_DOWN).getDisplayText();
    }

    private static KeyCode digitKey(int digit) {
        return KeyCode.valueOf("DIGIT" + digit);
    }

    private void showSection(Section section) {
        if (section == null) {
            content.getChildren().clear();
            return;
        }
        boolean shownBefore = pages.containsKey(section);
        Node page = pages.computeIfAbsent(section, this::createPage);
        if (section == Section.AUDIT && shownBefore && auditView != null) {
            auditView.shown(); // compare with the kept checkpoint again: the trail may have changed meanwhile
        }
        content.getChildren().setAll(page);
        navGroup.getToggles().stream()
                .filter(t -> t.getUserData() == section)
                .findFirst()
                .ifPresent(t -> {
                    if (!t.isSelected()) {
                        navGroup.selectToggle(t);
                    }
                    // Keyboard focus follows the selection when it was in the navigation (Ctrl+digit).
                    if (t instanceof ToggleButton button && navigation.getChildren().stream().anyMatch(Node::isFocused)) {
                        button.requestFocus();
                    }
                });
    }

    private Node createPage(Section section) {
        return switch (section) {
            case OVERVIEW -> SectionPages.overview(viewModel, overviewLive());
            case FAILURES -> failures().root();
            case AUDIT -> audit().root();
            case SETTINGS -> settingsPage.get();
            default -> SectionPages.placeholder(section, viewModel.permissionsFor(section));
        };
    }

    /** The Overview's live queue tiles and chart; null when the user may read no failure queue. */
    private Node overviewLive() {
        ActiveSession session = viewModel.session();
        OverviewViewModel overview = new OverviewViewModel(session.client(), viewModel.meProperty().get(),
                viewModel.tasks(), viewModel.errors(), session.server().baseUri(), java.time.Clock.systemUTC(),
                this::openFailures);
        if (!overview.hasQueues()) {
            return null;
        }
        overviewView = new OverviewView(overview, formats);
        overview.activate(viewModel.liveUpdates());
        return overviewView.root();
    }

    private FailuresView failures() {
        if (failuresView == null) {
            ActiveSession session = viewModel.session();
            FailuresViewModel failures = new FailuresViewModel(session.client(), viewModel.meProperty().get(),
                    viewModel.tasks(), viewModel.errors(), session.server().baseUri(), java.time.Clock.systemUTC());
            failuresView = new FailuresView(failures, formats,
                    viewModel.sections().contains(Section.AUDIT) ? this::showAuditTimeline : null);
            failures.activate(viewModel.liveUpdates());
        }
        return failuresView;
    }

    /** Opens the Failures section on one queue's open failures (from the Overview's tiles). */
    public void openFailures(String queue) {
        if (!viewModel.sections().contains(Section.FAILURES)) {
            return;
        }
        failures();
        viewModel.select(Section.FAILURES);
        failuresView.viewModel().showQueue(queue);
    }

    private AuditView audit() {
        if (auditView == null) {
            ActiveSession session = viewModel.session();
            AuditViewModel audit = new AuditViewModel(session.client(), viewModel.meProperty().get(),
                    viewModel.tasks(), viewModel.errors(), session.server().baseUri(), java.time.Clock.systemUTC(),
                    formats.zone(), AuditCheckpoints.standard(session.server().builtInSandbox()),
                    FolderMemory.preferences());
            auditView = new AuditView(audit, formats);
            audit.activate();
        }
        return auditView;
    }

    /**
     * Opens the Audit section on an entity's timeline, e.g. {@code "order:ORD-100123"} (the order and
     * everything about it: payments, callbacks, failures, replays) or {@code "failure:F-0000042"}.
     *
     * @return false (and nothing changes) when the user may not read the audit trail
     */
    public boolean showAuditTimeline(String entity) {
        if (!viewModel.sections().contains(Section.AUDIT)) {
            return false;
        }
        audit();
        viewModel.select(Section.AUDIT);
        auditView.showTimeline(entity);
        return true;
    }

    /** The Audit page, once it was shown (for tests and tools). */
    public java.util.Optional<AuditView> auditView() {
        return java.util.Optional.ofNullable(auditView);
    }

    /** The Failures page, once it was shown (for tests and tools). */
    public java.util.Optional<FailuresView> failuresView() {
        return java.util.Optional.ofNullable(failuresView);
    }

    /** F5: the permissions, and the section on show. */
    private void refreshAll() {
        viewModel.refresh();
        Section shown = viewModel.selectedSectionProperty().get();
        if (shown == Section.FAILURES && failuresView != null) {
            failuresView.refresh();
        } else if (shown == Section.OVERVIEW && overviewView != null) {
            overviewView.viewModel().refresh();
        } else if (shown == Section.AUDIT && auditView != null) {
            auditView.refresh();
        }
    }

    /** Keyboard shortcuts the window installs while this view shows. */
    public Map<KeyCombination, Runnable> accelerators() {
        Map<KeyCombination, Runnable> keys = new LinkedHashMap<>();
        for (Section section : Section.values()) {
            int digit = section.shortcutDigit();
            keys.put(new KeyCodeCombination(digitKey(digit), KeyCombination.SHORTCUT_DOWN),
                    () -> viewModel.selectByShortcut(digit));
            keys.put(new KeyCodeCombination(KeyCode.valueOf("NUMPAD" + digit), KeyCombination.SHORTCUT_DOWN),
                    () -> viewModel.selectByShortcut(digit));
        }
        keys.put(SIGN_OUT_KEY, viewModel::signOut);
        keys.put(new KeyCodeCombination(KeyCode.F5), this::refreshAll);
        keys.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            if (viewModel.selectedSectionProperty().get() == Section.FAILURES && failuresView != null) {
                failuresView.focusSearch();
            } else if (viewModel.selectedSectionProperty().get() == Section.AUDIT && auditView != null) {
                auditView.focusSearch();
            }
        });
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
        if (failuresView != null) {
            failuresView.dispose();
        }
        if (overviewView != null) {
            overviewView.dispose();
        }
        if (auditView != null) {
            auditView.dispose();
        }
        viewModel.liveUpdates().close();
        viewModel.sections().removeListener(sectionsListener);
    }
}
