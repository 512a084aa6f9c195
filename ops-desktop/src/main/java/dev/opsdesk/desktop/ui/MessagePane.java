package dev.opsdesk.desktop.ui;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Shows a {@link UserMessage}: headline, reason, what to do, and the request id with a copy button.
 * Hidden (and taking no space) while the observed message is null.
 */
public final class MessagePane extends HBox {

    public enum Kind { ERROR, INFO }

    private final Label headline = new Label();
    private final Label reason = new Label();
    private final Label action = new Label();
    private final Label requestId = new Label();
    private final Button copy = new Button();
    private final VBox requestRow;
    private UserMessage current;

    public MessagePane(Kind kind, ObservableValue<UserMessage> message, Runnable onDismiss) {
        getStyleClass().addAll(Styles.MESSAGE, kind == Kind.ERROR ? Styles.MESSAGE_ERROR : Styles.MESSAGE_INFO);
        setSpacing(12);
        setAlignment(Pos.TOP_LEFT);

        var icon = Icons.icon(kind == Kind.ERROR ? Icons.ERROR : Icons.INFO, 22);
        icon.getStyleClass().add(Styles.MESSAGE_ICON);

        headline.getStyleClass().add(Styles.MESSAGE_HEADLINE);
        headline.setId(null);
        for (Label l : new Label[] {headline, reason, action}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        reason.getStyleClass().add("message-reason");
        action.getStyleClass().add("message-action");
        requestId.getStyleClass().addAll(Styles.MONO, Styles.SMALL);
        requestId.setWrapText(true);
        requestId.setMinHeight(Region.USE_PREF_SIZE);
        copy.setText("Copy details");
        copy.setGraphic(Icons.icon(Icons.COPY, 14));
        copy.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        copy.setTooltip(new Tooltip("Copy the message and request id, to send to support"));
        copy.setOnAction(e -> copyToClipboard());
        copy.setFocusTraversable(false);
        requestRow = new VBox(2, requestId, copy);

        VBox text = new VBox(4, headline, reason, action, requestRow);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(icon, text);

        if (onDismiss != null) {
            Button close = new Button();
            close.setGraphic(Icons.icon(Icons.CLOSE, 16));
            close.getStyleClass().add(Styles.FLAT);
            close.setTooltip(new Tooltip("Dismiss"));
            close.setOnAction(e -> onDismiss.run());
            close.setId("dismiss-message");
            getChildren().add(close);
        }

        message.addListener((obs, old, now) -> show(now));
        show(message.getValue());
    }

    private void show(UserMessage message) {
        current = message;
        boolean visible = message != null;
        setVisible(visible);
        setManaged(visible);
        if (!visible) {
            return;
        }
        headline.setText(message.headline());
        reason.setText(message.reason());
        action.setText(message.action());
        boolean hasId = message.requestId() != null;
        requestId.setText(hasId ? "Request id: " + message.requestId() : "");
        requestRow.setVisible(hasId);
        requestRow.setManaged(hasId);
    }

    private void copyToClipboard() {
        if (current != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(current.fullText());
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** The displayed texts, for tests: headline, reason, action. */
    public String text() {
        return current == null ? "" : current.fullText();
    }
}
