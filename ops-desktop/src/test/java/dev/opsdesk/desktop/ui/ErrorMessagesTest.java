package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.ConflictException;
import dev.opsdesk.client.ForbiddenException;
import dev.opsdesk.client.NotFoundException;
import dev.opsdesk.client.RateLimitedException;
import dev.opsdesk.client.ServerException;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.UnauthenticatedException;
import dev.opsdesk.client.UnexpectedResponseException;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.Problem;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMessagesTest {

    private static final URI SERVER = URI.create("https://ops.example.com");
    private static final String URL = "https://ops.example.com/v1/me";

    private final ErrorMessages messages = new ErrorMessages(
            Clock.fixed(Instant.parse("2026-11-21T14:20:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

    private static Problem problem(String kind, int status, String detail, String requestId, List<Problem.FieldError> errors) {
        return new Problem("https://opsdesk.dev/problems/" + kind, kind, status, detail, null, requestId, errors);
    }

    @Test
    void wrongPasswordAtSignInSaysSoAndMentionsTheLockout() {
        var e = new UnauthenticatedException("401", 401, problem("unauthenticated", 401, null, "req-1", List.of()),
                "req-1", "POST", "https://ops.example.com/v1/sessions");

        UserMessage m = messages.signInFailed(e, SERVER);

        assertThat(m.headline()).isEqualTo("Sign-in failed");
        assertThat(m.reason()).isEqualTo("The username or password is not right.");
        assertThat(m.action()).contains("try again").contains("locked");
        assertThat(m.requestId()).isEqualTo("req-1");
    }

    @Test
    void lockedAccountSaysWhenToRetryFromRetryAfter() {
        var e = new RateLimitedException("429", problem("rate-limited", 429, null, "req-2", List.of()), "req-2",
                "POST", "https://ops.example.com/v1/sessions", Duration.ofSeconds(600));

        UserMessage m = messages.signInFailed(e, SERVER);

        assertThat(m.reason()).contains("locked");
        assertThat(m.action()).contains("at 14:30").contains("in 10 minutes");
    }

    @Test
    void lockedAccountWithoutRetryAfterStillSaysWhatToDo() {
        var e = new RateLimitedException("429", null, null, "POST", URL, null);

        assertThat(messages.signInFailed(e, SERVER).action()).contains("Wait a few minutes");
    }

    @Test
    void unreachableServerNamesTheUrl() {
        var e = new TransportException("refused", TransportException.Kind.CONNECT_FAILED, "GET",
                "https://ops.example.com/v1/health", new ConnectException("Connection refused"));

        UserMessage m = messages.signInFailed(e, SERVER);

        assertThat(m.reason()).isEqualTo("Could not reach https://ops.example.com: nothing answered there.");
        assertThat(m.action()).contains("Check the address");
        assertThat(m.requestId()).isNull();
    }

    @Test
    void unknownHostNamesTheHost() {
        var e = new TransportException("dns", TransportException.Kind.CONNECT_FAILED, "GET",
                "https://opz.example.com/v1/health", new UnknownHostException("opz.example.com"));

        assertThat(messages.describe("Sign-in failed", e).reason()).contains("“opz.example.com”").contains("could not be found");
    }

    @Test
    void timeoutSaysTheServerDidNotAnswer() {
        var e = new TransportException("timeout", TransportException.Kind.TIMEOUT, "GET", URL, null);

        UserMessage m = messages.describe("Could not load failures", e, SERVER);

        assertThat(m.headline()).isEqualTo("Could not load failures");
        assertThat(m.reason()).isEqualTo("https://ops.example.com did not answer in time.");
    }

    @Test
    void withoutAServerTheUrlOfTheRequestIsNamed() {
        var e = new TransportException("reset", TransportException.Kind.CONNECTION_RESET, "GET", URL, null);

        assertThat(messages.describe("Could not load", e).reason()).contains("https://ops.example.com");
    }

    @Test
    void tlsProblemIsCalledOut() {
        var e = new TransportException("tls", TransportException.Kind.OTHER, "GET", URL, new SSLHandshakeException("PKIX"));

        assertThat(messages.describe("Sign-in failed", e, SERVER).reason()).contains("secure connection");
    }

    @Test
    void notAnOpsApiNamesTheUrlAndWhatItSent() {
        var e = new UnexpectedResponseException("html", 200, "text/html; charset=utf-8", null, "GET",
                "http://intranet.local/v1/health", null);

        UserMessage m = messages.signInFailed(e, URI.create("http://intranet.local"));

        assertThat(m.reason()).isEqualTo("http://intranet.local answers, but it is not an ops API (it sent text/html, HTTP 200).");
        assertThat(m.action()).contains("Check the server address");
    }

    @Test
    void forbiddenExplainsPermissionAndWhoCanChangeIt() {
        var e = new ForbiddenException("403", 403, problem("forbidden", 403, "Needs failures.replay", "req-3", List.of()),
                "req-3", "POST", URL);

        UserMessage m = messages.describe("Could not replay the failure", e);

        assertThat(m.reason()).isEqualTo("You do not have permission for this: Needs failures.replay.");
        assertThat(m.action()).contains("administrator");
        assertThat(m.requestId()).isEqualTo("req-3");
    }

    @Test
    void expiredSessionOutsideSignInSaysSignInAgain() {
        var e = new UnauthenticatedException("401", 401, null, "req-4", "GET", URL);

        UserMessage m = messages.describe("Could not refresh", e);

        assertThat(m.reason()).contains("no longer accepts your sign-in");
        assertThat(m.action()).startsWith("Sign in again");
        assertThat(messages.sessionExpired().headline()).isEqualTo("Your session expired — sign in again");
    }

    @Test
    void serverErrorQuotesTheRequestId() {
        var e = new ServerException("500", 500, problem("server-error", 500, null, "req-5", List.of()), "req-5", "GET", URL);

        UserMessage m = messages.describe("Could not load failures", e);

        assertThat(m.reason()).contains("internal error (HTTP 500)");
        assertThat(m.action()).contains("quote request id req-5");
        assertThat(m.requestId()).isEqualTo("req-5");
        assertThat(m.fullText()).endsWith("Request id: req-5");
    }

    @Test
    void validationListsTheFields() {
        var e = new ValidationException("422", 422, problem("validation", 422, "Invalid", "req-6",
                List.of(new Problem.FieldError("quantity", "must be positive"), new Problem.FieldError("reason", "is required"))),
                "req-6", "POST", URL);

        UserMessage m = messages.describe("Could not adjust stock", e);

        assertThat(m.reason()).isEqualTo("The server rejected these fields — quantity: must be positive; reason: is required.");
    }

    @Test
    void notFoundAndConflictSuggestRefreshing() {
        var notFound = new NotFoundException("404", 404, null, "r", "GET", URL);
        var conflict = new ConflictException("409", 409, problem("conflict", 409, "Already resolved by ana", "r", List.of()),
                "r", "POST", URL);

        assertThat(messages.describe("x", notFound).action()).contains("Refresh");
        assertThat(messages.describe("x", conflict).reason()).isEqualTo("Already resolved by ana.");
    }

    @Test
    void malformedServerAddressQuotesWhatWasTyped() {
        var e = new InvalidServerAddressException("http://exa mple.com", "bad", null);

        UserMessage m = messages.signInFailed(e, null);

        assertThat(m.reason()).isEqualTo("“http://exa mple.com” is not a valid server address.");
        assertThat(m.action()).contains("https://ops.example.com");
    }

    @Test
    void wrappersAreUnwrapped() {
        var inner = new TransportException("timeout", TransportException.Kind.TIMEOUT, "GET", URL, null);

        assertThat(messages.describe("x", new CompletionException(inner), SERVER).reason()).contains("did not answer in time");
    }

    @Test
    void cancellationAndFileAndUnknownProblemsGetPlainWords() {
        assertThat(messages.describe("Export", new CancellationException()).reason()).contains("cancelled");
        assertThat(messages.describe("Import", new NoSuchFileException("/tmp/x.csv")).reason()).contains("/tmp/x.csv");
        assertThat(messages.describe("Import", new IOException("disk full")).reason()).contains("disk full");
        UserMessage unknown = messages.describe("Export", new IllegalStateException("boom"));
        assertThat(unknown.reason()).contains("boom");
        assertThat(unknown.action()).contains("log file");
    }
}
