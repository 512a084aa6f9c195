package dev.opsdesk.desktop.failures;

import dev.opsdesk.desktop.ui.Styles;
import javafx.scene.control.Label;

/** A failure's status as a coloured badge: Open, Replaying, Resolved, Dismissed, Quarantined. */
final class StatusBadge extends Label {

    StatusBadge() {
        getStyleClass().add(Styles.BADGE);
        setMinWidth(USE_PREF_SIZE);
    }

    StatusBadge(String status) {
        this();
        show(status);
    }

    void show(String status) {
        setText(status == null ? "" : FailureTexts.status(status));
        Styles.setBadge(this, status);
        setVisible(status != null);
    }
}
