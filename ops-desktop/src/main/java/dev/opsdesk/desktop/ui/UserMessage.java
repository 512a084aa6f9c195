package dev.opsdesk.desktop.ui;

import java.util.Objects;

/**
 * What a person is told when something went wrong.
 *
 * @param headline  what failed ("Sign-in failed")
 * @param reason    why, in plain words ("The username or password is not right.")
 * @param action    what to do about it
 * @param requestId the request id to quote to support; null when no server request was involved
 */
public record UserMessage(String headline, String reason, String action, String requestId) {

    public UserMessage {
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(action, "action");
    }

    /** All of it as one text, e.g. for copying to the clipboard or a log line. */
    public String fullText() {
        StringBuilder text = new StringBuilder(headline).append('\n').append(reason).append('\n').append(action);
        if (requestId != null) {
            text.append("\nRequest id: ").append(requestId);
        }
        return text.toString();
    }
}
