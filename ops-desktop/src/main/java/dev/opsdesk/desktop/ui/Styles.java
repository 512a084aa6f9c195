package dev.opsdesk.desktop.ui;

import javafx.scene.Node;
import javafx.scene.Scene;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * Style-class names of {@code ops-desk.css}, the application's one stylesheet, and how a scene gets it.
 * Colours are looked-up colours on {@code .root}; the dark theme overrides them under {@link #DARK}.
 */
public final class Styles {

    public static final String STYLESHEET = "/dev/opsdesk/desktop/ui/ops-desk.css";

    // Themes (on the scene root)
    public static final String APP_ROOT = "app-root";
    public static final String DARK = "theme-dark";

    // Typography
    public static final String TITLE = "title";
    public static final String SUBTITLE = "subtitle";
    public static final String SECTION_TITLE = "section-title";
    public static final String MUTED = "muted";
    public static final String SMALL = "small";
    public static final String STRONG = "strong";
    public static final String MONO = "mono";

    // Surfaces
    public static final String CARD = "card";
    public static final String ACCENT = "accent";
    public static final String FLAT = "flat";

    // Sign-in
    public static final String SIGN_IN_ROOT = "sign-in-root";
    public static final String SIGN_IN_CARD = "sign-in-card";
    public static final String BRAND = "brand";
    public static final String BRAND_MARK = "brand-mark";
    public static final String OPTION_HINT = "option-hint";
    public static final String DEMO_USERS = "demo-users";
    public static final String FIELD_LABEL = "field-label";

    // Messages
    public static final String MESSAGE = "message";
    public static final String MESSAGE_ERROR = "message-error";
    public static final String MESSAGE_INFO = "message-info";
    public static final String MESSAGE_HEADLINE = "message-headline";
    public static final String MESSAGE_ICON = "message-icon";

    // Main window
    public static final String MAIN_ROOT = "main-root";
    public static final String HEADER = "header";
    public static final String NAVIGATION = "navigation";
    public static final String NAV_BUTTON = "nav-button";
    public static final String CONTENT = "content";
    public static final String PAGE = "page";
    public static final String PAGE_HEADER = "page-header";
    public static final String COMING_SOON = "coming-soon";
    public static final String PERMISSION_LIST = "permission-list";
    public static final String USER_NAME = "user-name";
    public static final String ROLE_CHIP = "role-chip";

    // Environment banner
    public static final String ENV_BANNER = "env-banner";
    public static final String ENV_SANDBOX = "env-sandbox";
    public static final String ENV_STAGING = "env-staging";
    public static final String ENV_PRODUCTION = "env-production";
    public static final String ENV_UNKNOWN = "env-unknown";
    public static final String PRODUCTION_FRAME = "production-frame";

    // Status bar
    public static final String STATUS_BAR = "status-bar";
    public static final String STATUS_CONNECTED = "status-connected";
    public static final String STATUS_RECONNECTING = "status-reconnecting";
    public static final String STATUS_EXPIRED = "status-expired";
    public static final String STATUS_DOT = "status-dot";
    public static final String TASK_ITEM = "task-item";

    // Live updates (status bar)
    public static final String LIVE_ON = "live-on";
    public static final String LIVE_PAUSED = "live-paused";
    public static final String LIVE_OFF = "live-off";

    // Work pages (Failures): toolbars, chips, tables, detail pane
    public static final String WORK_PAGE = "work-page";
    public static final String PAGE_TITLE_ROW = "page-title-row";
    public static final String QUEUE_BAR = "queue-bar";
    public static final String QUEUE_BUTTON = "queue-button";
    public static final String QUEUE_COUNT = "queue-count";
    public static final String FILTER_BAR = "filter-bar";
    public static final String CHIP = "chip";
    public static final String SEARCH_FIELD = "search-field";
    public static final String NEW_BANNER = "new-banner";
    public static final String COUNT_LINE = "count-line";
    public static final String FAILURE_TABLE = "failure-table";
    public static final String AMOUNT = "amount";
    public static final String NUMBER = "number";
    public static final String DETAIL_PANE = "detail-pane";
    public static final String DETAIL_EMPTY = "detail-empty";
    public static final String DETAIL_MESSAGE = "detail-message";
    public static final String FACTS = "facts";
    public static final String FACT_NAME = "fact-name";
    public static final String ACTION_BAR = "action-bar";
    public static final String ACTION_HINT = "action-hint";
    public static final String PAYLOAD = "payload";
    public static final String TIMELINE = "timeline";
    public static final String DIALOG_HEADLINE = "dialog-headline";
    public static final String WARNING_TEXT = "warning-text";

    // Failure status badges and attempt outcomes
    public static final String BADGE = "badge";
    public static final String BADGE_OPEN = "badge-open";
    public static final String BADGE_REPLAYING = "badge-replaying";
    public static final String BADGE_RESOLVED = "badge-resolved";
    public static final String BADGE_DISMISSED = "badge-dismissed";
    public static final String BADGE_QUARANTINED = "badge-quarantined";
    public static final String OUTCOME_SUCCEEDED = "outcome-succeeded";
    public static final String OUTCOME_FAILED = "outcome-failed";
    public static final String OUTCOME_SKIPPED = "outcome-skipped";

    // Overview
    public static final String TILE = "tile";
    public static final String TILE_NUMBER = "tile-number";
    public static final String TILE_LABEL = "tile-label";
    public static final String FAILURE_CHART = "failure-chart";

    private static final List<String> BADGE_CLASSES = List.of(BADGE_OPEN, BADGE_REPLAYING, BADGE_RESOLVED,
            BADGE_DISMISSED, BADGE_QUARANTINED);
    private static final List<String> LIVE_CLASSES = List.of(LIVE_ON, LIVE_PAUSED, LIVE_OFF);

    private static final List<String> ENV_CLASSES = List.of(ENV_SANDBOX, ENV_STAGING, ENV_PRODUCTION, ENV_UNKNOWN);
    private static final List<String> STATUS_CLASSES = List.of(STATUS_CONNECTED, STATUS_RECONNECTING, STATUS_EXPIRED);

    private Styles() {
    }

    /** Gives the scene the stylesheet (once) and the theme's root style class. */
    public static void applyTheme(Scene scene, Theme theme) {
        String css = stylesheetUrl();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
        if (scene.getRoot() != null) {
            var classes = scene.getRoot().getStyleClass();
            if (!classes.contains(APP_ROOT)) {
                classes.add(APP_ROOT);
            }
            if (theme == Theme.DARK) {
                if (!classes.contains(DARK)) {
                    classes.add(DARK);
                }
            } else {
                classes.remove(DARK);
            }
        }
    }

    public static String stylesheetUrl() {
        URL url = Objects.requireNonNull(Styles.class.getResource(STYLESHEET), STYLESHEET);
        return url.toExternalForm();
    }

    /** Replaces whichever environment class the node had. */
    public static void setEnvironment(Node node, String envClass) {
        node.getStyleClass().removeAll(ENV_CLASSES);
        node.getStyleClass().add(envClass);
    }

    /** Replaces whichever failure-status badge class the node had (status as the API says it). */
    public static void setBadge(Node node, String status) {
        node.getStyleClass().removeAll(BADGE_CLASSES);
        if (status == null) {
            return;
        }
        node.getStyleClass().add(switch (status) {
            case "OPEN" -> BADGE_OPEN;
            case "REPLAYING" -> BADGE_REPLAYING;
            case "RESOLVED" -> BADGE_RESOLVED;
            case "DEAD" -> BADGE_QUARANTINED;
            default -> BADGE_DISMISSED;
        });
    }

    /** Replaces whichever live-updates class the node had. */
    public static void setLive(Node node, String liveClass) {
        node.getStyleClass().removeAll(LIVE_CLASSES);
        node.getStyleClass().add(liveClass);
    }

    /** Replaces whichever connection-state class the node had. */
    public static void setStatus(Node node, String statusClass) {
        node.getStyleClass().removeAll(STATUS_CLASSES);
        node.getStyleClass().add(statusClass);
    }
}
