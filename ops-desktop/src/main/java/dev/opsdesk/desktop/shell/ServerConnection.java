package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.model.Health;

import java.net.URI;
import java.util.Objects;

/**
 * The server a session belongs to and what it said about itself.
 *
 * @param baseUri        the ops API's base address
 * @param health         its health answer (environment, version)
 * @param builtInSandbox whether it is the sandbox running inside this application
 */
public record ServerConnection(URI baseUri, Health health, boolean builtInSandbox) {

    public ServerConnection {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(health, "health");
    }

    /** {@code host:port} (port only when given), for compact display. */
    public String hostAndPort() {
        return baseUri.getPort() < 0 ? baseUri.getHost() : baseUri.getHost() + ":" + baseUri.getPort();
    }
}
