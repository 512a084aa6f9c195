package dev.opsdesk.client;

/**
 * Told when the server stops accepting the client's session (a 401 on an authenticated request:
 * the token expired or was revoked). Called on the thread that made the request.
 */
@FunctionalInterface
public interface SessionListener {
    void sessionEnded(UnauthenticatedException cause);
}
