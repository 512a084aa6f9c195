package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Session;

import java.util.Objects;

/**
 * A signed-in session: the client that holds its token, the server, and who signed in.
 * Whoever ends the session closes the client.
 */
public record ActiveSession(OpsClient client, ServerConnection server, Session session) {

    public ActiveSession {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(session, "session");
    }

    public Me me() {
        return session.user();
    }

    public String username() {
        return me().user().username();
    }
}
