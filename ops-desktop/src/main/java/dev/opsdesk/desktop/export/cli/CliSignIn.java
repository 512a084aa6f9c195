package dev.opsdesk.desktop.export.cli;

import dev.opsdesk.client.ForbiddenException;
import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RateLimitedException;
import dev.opsdesk.client.ServerException;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.UnauthenticatedException;
import dev.opsdesk.client.UnexpectedResponseException;
import dev.opsdesk.client.model.Me;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Signing in from a command line ({@code export}, {@code reconcile import}): credentials from the environment, never
 * from the arguments; the sign-in itself; and a failure of the server turned into one message and its
 * {@link ExitCode}. One place, so every command says the same thing the same way.
 */
public final class CliSignIn {

    public static final String PASSWORD_ENV = "OPS_DESK_PASSWORD";
    public static final String TOKEN_ENV = "OPS_DESK_TOKEN";

    /** A user and their password, or a token (the user then optional, checked against the token's owner). */
    public record Credentials(String user, char[] password, String token) {
    }

    /** The credentials are missing; the message says which variable to set. */
    public static final class MissingCredentials extends Exception {
        MissingCredentials(String message) {
            super(message);
        }
    }

    /** The token belongs to another user than {@code --user} names. */
    public static final class TokenOfAnotherUser extends Exception {
        TokenOfAnotherUser(String owner, String named) {
            super("the token in " + TOKEN_ENV + " belongs to " + owner + ", not " + named);
        }
    }

    /** The signed-in user, and whether a session was opened (to be signed out at the end). */
    public record SignedIn(Me me, boolean session) {
    }

    private CliSignIn() {
    }

    /** {@code user} with {@code OPS_DESK_PASSWORD}, else {@code OPS_DESK_TOKEN}. */
    public static Credentials credentials(String user, Map<String, String> env) throws MissingCredentials {
        String password = env.get(PASSWORD_ENV);
        String token = env.get(TOKEN_ENV);
        if (user != null && password != null && !password.isEmpty()) {
            return new Credentials(user, password.toCharArray(), null);
        }
        if (token != null && !token.isBlank()) {
            return new Credentials(user, null, token.trim());
        }
        if (user != null) {
            throw new MissingCredentials("no password for " + user + ": set the environment variable " + PASSWORD_ENV
                    + " (or " + TOKEN_ENV + " to use a token)");
        }
        throw new MissingCredentials("no credentials: give --user NAME and set " + PASSWORD_ENV + ", or set " + TOKEN_ENV);
    }

    /** Checks the server answers, then signs in (the password is wiped after) or adopts the token. */
    public static SignedIn signIn(OpsClient client, Credentials credentials) throws TokenOfAnotherUser {
        client.health();
        if (credentials.password() != null) {
            try {
                return new SignedIn(client.sessions().signIn(credentials.user(), credentials.password()).user(), true);
            } finally {
                Arrays.fill(credentials.password(), '\0');
            }
        }
        client.sessions().useToken(credentials.token());
        Me me = client.me();
        if (credentials.user() != null && me.user() != null && !credentials.user().equals(me.user().username())) {
            throw new TokenOfAnotherUser(me.user().username(), credentials.user());
        }
        return new SignedIn(me, false);
    }

    /** Signs out a session {@link #signIn} opened: a scheduled job leaves no live session behind. */
    public static void signOut(OpsClient client, SignedIn signedIn) {
        if (signedIn != null && signedIn.session()) {
            try {
                client.sessions().signOut();
            } catch (OpsApiException ignored) {
                // the token expires on its own
            }
        }
    }

    /**
     * Says on {@code err} what went wrong with the server and returns the exit code: unreachable or not an ops API
     * {@link ExitCode#SERVER_UNREACHABLE}, credentials refused {@link ExitCode#NOT_SIGNED_IN}, not allowed
     * {@link ExitCode#FORBIDDEN}, the server failing {@link ExitCode#SERVER_ERROR}, cancelled {@link ExitCode#CANCELLED}.
     *
     * @param prefix      "ops-desktop export: "
     * @param nothingDone what did not happen, for a refusal: "nothing was exported"
     * @param notFinished what did not happen, for a failure part-way: "no file was written"
     */
    public static int failure(OpsApiException e, String server, Credentials credentials, PrintStream err, String prefix,
                              String nothingDone, String notFinished) {
        String requestId = e.requestId() == null ? "" : " (request id " + e.requestId() + ")";
        if (e instanceof TransportException t) {
            if (t.kind() == TransportException.Kind.INTERRUPTED) {
                err.println(prefix + "cancelled; " + notFinished);
                return ExitCode.CANCELLED;
            }
            err.println(prefix + "cannot reach the server at " + server + ": " + e.getMessage()
                    + ". Check --server and that the server is running.");
            return ExitCode.SERVER_UNREACHABLE;
        }
        if (e instanceof UnexpectedResponseException) {
            err.println(prefix + server + " is not an ops API: " + e.getMessage() + ". Check --server.");
            return ExitCode.SERVER_UNREACHABLE;
        }
        if (e instanceof RateLimitedException r && credentials.password() != null && "POST".equals(e.method())
                && e.url() != null && e.url().endsWith("/v1/sessions")) {
            err.println(prefix + "too many failed sign-ins for " + credentials.user() + "; try again"
                    + r.retryAfter().map(d -> " in " + d.toSeconds() + " s").orElse(" later") + requestId);
            return ExitCode.NOT_SIGNED_IN;
        }
        if (e instanceof UnauthenticatedException) {
            err.println(prefix + (credentials.password() != null
                    ? "wrong user name or password for " + credentials.user() + " (from " + PASSWORD_ENV + ")"
                    : "the token in " + TOKEN_ENV + " was not accepted: it has expired or was revoked; create a new one")
                    + requestId);
            return ExitCode.NOT_SIGNED_IN;
        }
        if (e instanceof ForbiddenException) {
            err.println(prefix + "not allowed: " + e.getMessage() + requestId + "; " + nothingDone);
            return ExitCode.FORBIDDEN;
        }
        if (e instanceof ServerException || e instanceof RateLimitedException) {
            err.println(prefix + "the server failed: " + e.getMessage() + requestId + "; " + notFinished + ". Try again"
                    + " later, or quote the request id to support.");
            return ExitCode.SERVER_ERROR;
        }
        err.println(prefix + e.getMessage() + requestId);
        return ExitCode.FAILED;
    }
}
