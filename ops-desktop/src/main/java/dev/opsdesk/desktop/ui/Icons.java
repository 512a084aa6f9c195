package dev.opsdesk.desktop.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The icons the application uses (Material Design Icons via Ikonli), named by meaning. */
public final class Icons {

    public static final Ikon APP = MaterialDesignC.CLIPBOARD_PULSE_OUTLINE;
    public static final Ikon OVERVIEW = MaterialDesignV.VIEW_DASHBOARD_OUTLINE;
    public static final Ikon FAILURES = MaterialDesignA.ALERT_CIRCLE_OUTLINE;
    public static final Ikon INVENTORY = MaterialDesignP.PACKAGE_VARIANT_CLOSED;
    public static final Ikon AUDIT = MaterialDesignC.CLIPBOARD_TEXT_CLOCK_OUTLINE;
    public static final Ikon RECONCILIATION = MaterialDesignS.SCALE_BALANCE;
    public static final Ikon SETTINGS = MaterialDesignC.COG_OUTLINE;
    public static final Ikon ADMIN = MaterialDesignA.ACCOUNT_MULTIPLE_OUTLINE;
    public static final Ikon UNLOCK = MaterialDesignA.ACCOUNT_LOCK_OPEN_OUTLINE;
    public static final Ikon SIGN_OUT = MaterialDesignL.LOGOUT;
    public static final Ikon SIGN_IN = MaterialDesignL.LOGIN;
    public static final Ikon USER = MaterialDesignA.ACCOUNT_CIRCLE_OUTLINE;
    public static final Ikon SANDBOX = MaterialDesignS.SCHOOL_OUTLINE;
    public static final Ikon PRODUCTION = MaterialDesignA.ALERT_OCTAGON_OUTLINE;
    public static final Ikon STAGING = MaterialDesignF.FLASK_OUTLINE;
    public static final Ikon ERROR = MaterialDesignA.ALERT_OCTAGON_OUTLINE;
    public static final Ikon INFO = MaterialDesignI.INFORMATION_OUTLINE;
    public static final Ikon CANCEL = MaterialDesignC.CLOSE;
    public static final Ikon CLOSE = MaterialDesignC.CLOSE;
    public static final Ikon REFRESH = MaterialDesignR.REFRESH;
    public static final Ikon COPY = MaterialDesignC.CONTENT_COPY;
    public static final Ikon LIGHT = MaterialDesignW.WHITE_BALANCE_SUNNY;
    public static final Ikon DARK = MaterialDesignW.WEATHER_NIGHT;
    public static final Ikon CHECK = MaterialDesignC.CHECK_CIRCLE_OUTLINE;
    public static final Ikon COMING_SOON = MaterialDesignP.PROGRESS_WRENCH;

    // Failures
    public static final Ikon REPLAY = MaterialDesignR.REPLAY;
    public static final Ikon BULK_REPLAY = MaterialDesignP.PLAY_BOX_MULTIPLE_OUTLINE;
    public static final Ikon RESOLVE = MaterialDesignA.ARCHIVE_CHECK_OUTLINE;
    public static final Ikon DISMISS = MaterialDesignC.CANCEL;
    public static final Ikon ASSIGN = MaterialDesignA.ACCOUNT_CHECK_OUTLINE;
    public static final Ikon UNASSIGN = MaterialDesignA.ACCOUNT_REMOVE_OUTLINE;
    public static final Ikon NOTE = MaterialDesignN.NOTE_TEXT_OUTLINE;
    public static final Ikon SEARCH = MaterialDesignM.MAGNIFY;
    public static final Ikon SUCCEEDED = MaterialDesignC.CHECK_CIRCLE;
    public static final Ikon FAILED = MaterialDesignC.CLOSE_CIRCLE;
    public static final Ikon SKIPPED = MaterialDesignS.SKIP_NEXT_CIRCLE_OUTLINE;
    public static final Ikon QUARANTINED = MaterialDesignS.SHIELD_ALERT_OUTLINE;
    public static final Ikon NEW_ITEMS = MaterialDesignB.BELL_RING_OUTLINE;
    public static final Ikon CLEAR_FILTERS = MaterialDesignF.FILTER_VARIANT_REMOVE;
    public static final Ikon ORDER = MaterialDesignC.CART_OUTLINE;
    public static final Ikon STOP = MaterialDesignS.STOP_CIRCLE_OUTLINE;

    private Icons() {
    }

    /** The window icon: the app mark in white on the accent colour, drawn at start (no image files to ship). */
    public static javafx.scene.image.Image appIcon(int size) {
        FontIcon mark = FontIcon.of(APP, (int) (size * 0.7));
        mark.setIconColor(javafx.scene.paint.Color.WHITE);
        javafx.scene.layout.StackPane tile = new javafx.scene.layout.StackPane(mark);
        tile.setStyle("-fx-background-color: #1f5fd6; -fx-background-radius: " + size / 5 + ";");
        tile.setPrefSize(size, size);
        tile.resize(size, size);
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        params.setFill(javafx.scene.paint.Color.TRANSPARENT);
        new javafx.scene.Scene(tile);
        tile.applyCss();
        tile.layout();
        return tile.snapshot(params, null);
    }

    public static FontIcon icon(Ikon ikon, int size) {
        FontIcon icon = FontIcon.of(ikon, size);
        icon.getStyleClass().add("icon");
        return icon;
    }
}
