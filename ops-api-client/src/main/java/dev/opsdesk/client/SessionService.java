package dev.opsdesk.client;

import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Session;

import java.nio.CharBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Signing in and out. The client keeps the token of the current session and sends it on every request. */
public final class SessionService {

    private final ApiTransport transport;
    private final AtomicReference<Session> current = new AtomicReference<>();

    SessionService(ApiTransport transport) {
        this.transport = transport;
        transport.addSessionListener(cause -> current.set(null));
    }

    /**
     * {@code POST /v1/sessions}. Never retried: a repeated failed attempt would count twice towards
     * the server's lock-out.
     *
     * @throws UnauthenticatedException wrong username or password
     * @throws RateLimitedException     too many failed attempts; see {@link RateLimitedException#retryAfter()}
     */
    public Session signIn(String username, char[] password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        record Credentials(String username, String password) {
        }
        Session session = transport.post("/v1/sessions", new Credentials(username, CharBuffer.wrap(password).toString()),
                transport.mapper().constructType(Session.class), null, false);
        transport.token(session.token());
        current.set(session);
        return session;
    }

    /** Uses a token obtained elsewhere (e.g. from {@code OPS_DESK_TOKEN}); call {@code me()} to check it. */
    public void useToken(String token) {
        transport.token(Objects.requireNonNull(token, "token"));
        current.set(null);
    }

    /** {@code DELETE /v1/sessions/current}: revokes the token on the server and forgets it here, even if the server is unreachable. */
    public void signOut() {
        if (transport.token() == null) {
            return;
        }
        try {
            transport.delete("/v1/sessions/current", null, null);
        } catch (UnauthenticatedException alreadyGone) {
            // Expired or revoked already: signed out either way.
        } finally {
            transport.token(null);
            current.set(null);
        }
    }

    /** The session this client signed in with, if it is still believed valid. */
    public Optional<Session> current() {
        return Optional.ofNullable(current.get());
    }

    public boolean isSignedIn() {
        return transport.token() != null;
    }
}
