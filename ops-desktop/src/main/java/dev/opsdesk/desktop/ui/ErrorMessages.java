package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.ConflictException;
import dev.opsdesk.client.ForbiddenException;
import dev.opsdesk.client.NotFoundException;
import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.RateLimitedException;
import dev.opsdesk.client.ServerException;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.UnauthenticatedException;
import dev.opsdesk.client.UnexpectedResponseException;
import dev.opsdesk.client.ValidationException;

import javax.net.ssl.SSLException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The one place that turns an exception into a {@link UserMessage}: what failed, why, what to do,
 * and the request id to quote to support. Views never build error texts themselves.
 */
public final class ErrorMessages {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Clock clock;
    private final ZoneId zone;

    public ErrorMessages(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The workstation's clock and time zone. */
    public static ErrorMessages systemDefault() {
        return new ErrorMessages(Clock.systemUTC(), ZoneId.systemDefault());
    }

    /** The notice shown on the sign-in view after the server ended the session. */
    public UserMessage sessionExpired() {
        return new UserMessage("Your session expired — sign in again",
                "The server no longer accepts your sign-in: it timed out or was ended (for example by an administrator).",
                "Enter your password to continue. Nothing you had finished is lost.", null);
    }

    /** For a failed sign-in: here a 401 means wrong credentials, not an expired session. */
    public UserMessage signInFailed(Throwable error, URI server) {
        Throwable cause = unwrap(error);
        String headline = "Sign-in failed";
        if (cause instanceof UnauthenticatedException e) {
            return new UserMessage(headline, "The username or password is not right.",
                    "Check both (passwords are case-sensitive) and try again. "
                            + "After 5 failed attempts in 15 minutes the account is locked for a while.",
                    e.requestId());
        }
        if (cause instanceof RateLimitedException e) {
            return new UserMessage(headline, "Too many failed sign-in attempts: this account is locked for now.",
                    e.retryAfter().map(after -> "Try again " + when(after) + ", with the right password.")
                            .orElse("Wait a few minutes, then try again with the right password."),
                    e.requestId());
        }
        return describe(headline, cause, server);
    }

    /** Any failure, without a particular server to name. */
    public UserMessage describe(String headline, Throwable error) {
        return describe(headline, error, null);
    }

    /**
     * Any failure.
     *
     * @param headline what failed, e.g. "Could not load failures"
     * @param server   the server the request went to, named in connection problems; may be null
     */
    public UserMessage describe(String headline, Throwable error, URI server) {
        Objects.requireNonNull(headline, "headline");
        Throwable cause = unwrap(error);
        if (cause instanceof OpsApiException api) {
            return describeApi(headline, api, server);
        }
        if (cause instanceof InvalidServerAddressException e) {
            return new UserMessage(headline, "“" + e.input() + "” is not a valid server address.",
                    "Type the address of the ops API, for example https://ops.example.com or localhost:8080.", null);
        }
        if (cause instanceof CancellationException || cause instanceof InterruptedException) {
            return new UserMessage(headline, "It was cancelled before it finished.", "Start it again when you are ready.", null);
        }
        if (cause instanceof NoSuchFileException e) {
            return new UserMessage(headline, "The file " + e.getFile() + " does not exist.",
                    "Check the file name and folder, then try again.", null);
        }
        if (cause instanceof AccessDeniedException e) {
            return new UserMessage(headline, "You may not read or write " + e.getFile() + ".",
                    "Choose another folder, or ask your IT support for access.", null);
        }
        if (cause instanceof java.io.IOException e) {
            return new UserMessage(headline, "A file or network operation failed: " + messageOf(e),
                    "Try again. If it keeps happening, send the log file to support.", null);
        }
        return new UserMessage(headline, "Something unexpected went wrong (" + messageOf(cause) + ").",
                "Try again. If it keeps happening, send the log file to support.", null);
    }

    private UserMessage describeApi(String headline, OpsApiException e, URI server) {
        String where = server != null ? server.toString() : baseOf(e.url());
        String id = e.requestId();
        if (e instanceof TransportException t) {
            return describeTransport(headline, t, where);
        }
        if (e instanceof UnexpectedResponseException u) {
            String sent = u.contentType() != null && !u.contentType().isBlank()
                    ? " (it sent " + shortContentType(u.contentType()) + (u.status() > 0 ? ", HTTP " + u.status() : "") + ")"
                    : u.status() > 0 ? " (HTTP " + u.status() + ")" : "";
            return new UserMessage(headline, where + " answers, but it is not an ops API" + sent + ".",
                    "Check the server address: it must be the ops API itself, e.g. https://ops.example.com, "
                            + "not a web page or another service.", id);
        }
        if (e instanceof UnauthenticatedException) {
            UserMessage expired = sessionExpired();
            return new UserMessage(headline, expired.reason(), "Sign in again, then repeat what you were doing.", id);
        }
        if (e instanceof ForbiddenException) {
            return new UserMessage(headline,
                    "You do not have permission for this" + sentence(e.detail(), ": "),
                    "If your work needs it, ask an administrator to change your role.", id);
        }
        if (e instanceof NotFoundException) {
            return new UserMessage(headline, "It does not exist any more, or you may not see it" + sentence(e.detail(), ": "),
                    "Refresh the list and try again.", id);
        }
        if (e instanceof ConflictException) {
            String kind = e.problemKind() == null ? "" : e.problemKind();
            switch (kind) {
                case "replay-in-progress" -> {
                    return new UserMessage(headline,
                            "Someone else — or a bulk replay — is replaying it right now" + sentence(e.detail(), ": "),
                            "Wait a moment: the list updates by itself when that replay finishes. Nothing was run twice.", id);
                }
                case "failure-not-replayable" -> {
                    return new UserMessage(headline,
                            "It cannot be replayed any more" + sentence(e.detail(), ": "),
                            "Nothing was changed. Look at its status and attempts to see what happened.", id);
                }
                case "idempotency-key-in-use" -> {
                    return new UserMessage(headline,
                            "The server is still working on this same action from a moment ago.",
                            "Wait a few seconds, then refresh to see whether it took effect before trying again.", id);
                }
                default -> {
                    // a plain conflict below
                }
            }
            return new UserMessage(headline,
                    e.detail() != null ? ensurePeriod(e.detail()) : "Someone else changed it in the meantime.",
                    "Refresh to see its current state, then decide whether to try again.", id);
        }
        if (e instanceof ValidationException && "idempotency-key-mismatch".equals(e.problemKind())) {
            return new UserMessage(headline, "The server already received a different request under this action's key.",
                    "Start the action again from the beginning (close the dialog and open it anew).", id);
        }
        if (e instanceof ValidationException v) {
            String fields = v.fieldErrors().stream()
                    .map(f -> f.field() + ": " + f.message())
                    .collect(Collectors.joining("; "));
            String reason = fields.isEmpty()
                    ? "The server rejected the input" + sentence(e.detail(), ": ")
                    : "The server rejected these fields — " + fields + ".";
            return new UserMessage(headline, reason, "Correct them and try again.", id);
        }
        if (e instanceof RateLimitedException r) {
            return new UserMessage(headline, "The server is receiving too many requests right now.",
                    r.retryAfter().map(after -> "Try again " + when(after) + ".").orElse("Wait a minute, then try again."), id);
        }
        if (e instanceof ServerException) {
            return new UserMessage(headline, "The server ran into an internal error (HTTP " + e.status() + ").",
                    id != null ? "Try again later. If it keeps failing, contact support and quote request id " + id + "."
                            : "Try again later. If it keeps failing, contact support.", id);
        }
        String reason = e.title() != null ? ensurePeriod(e.title()) + sentence(e.detail(), " ") : messageOf(e);
        return new UserMessage(headline, reason, "Try again. If it keeps failing, contact support"
                + (id != null ? " and quote request id " + id : "") + ".", id);
    }

    private UserMessage describeTransport(String headline, TransportException t, String where) {
        String server = where == null ? "the server" : where;
        return switch (t.kind()) {
            case CONNECT_FAILED -> {
                if (hasCause(t, UnknownHostException.class)) {
                    String host = hostOf(where);
                    yield new UserMessage(headline, "The server name " + (host != null ? "“" + host + "” " : "")
                            + "could not be found.",
                            "Check the address for typos, and that you are on the right network (VPN?).", null);
                }
                yield new UserMessage(headline, "Could not reach " + server + ": nothing answered there.",
                        "Check the address and your network connection. If both are right, the server may be down — try again in a moment.",
                        null);
            }
            case TIMEOUT -> new UserMessage(headline, server + " did not answer in time.",
                    "Try again in a moment. If it keeps happening, the server or the network is overloaded.", null);
            case CONNECTION_RESET -> new UserMessage(headline, "The connection to " + server + " broke before the answer arrived.",
                    "Try again. If you were changing something, check whether it took effect before repeating it.", null);
            case INTERRUPTED -> new UserMessage(headline, "It was cancelled before it finished.",
                    "Start it again when you are ready.", null);
            default -> hasCause(t, SSLException.class)
                    ? new UserMessage(headline, "A secure connection to " + server + " could not be set up (certificate or TLS problem).",
                    "Check that the address is right. If it is, ask your IT support about the server's certificate.", null)
                    : new UserMessage(headline, "Talking to " + server + " failed: " + messageOf(t),
                    "Try again. If it keeps happening, send the log file to support.", null);
        };
    }

    /** "at 14:32 (in 12 minutes)" in the workstation's time. */
    private String when(Duration after) {
        long seconds = Math.max(0, after.getSeconds());
        if (seconds < 60) {
            return "in " + Math.max(1, seconds) + " second" + (seconds == 1 ? "" : "s");
        }
        long minutes = (seconds + 59) / 60;
        String at = CLOCK_TIME.format(clock.instant().plusSeconds(seconds).atZone(zone));
        return "at " + at + " (in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ")";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = Objects.requireNonNull(error, "error");
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof InvocationTargetException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String baseOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shortContentType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static String messageOf(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static String sentence(String detail, String prefix) {
        return detail == null || detail.isBlank() ? "." : prefix + ensurePeriod(detail.trim());
    }

    private static String ensurePeriod(String text) {
        String t = text.trim();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}
