package dev.opsdesk.client.model;

import java.time.Instant;

/** A signed-in session. {@link #toString()} never shows the token. */
public record Session(String token, Instant expiresAt, Me user) {

    @Override
    public String toString() {
        return "Session[token=<redacted>, expiresAt=" + expiresAt + ", user="
                + (user == null || user.user() == null ? null : user.user().username()) + "]";
    }
}
