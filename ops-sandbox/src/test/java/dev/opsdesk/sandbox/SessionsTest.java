package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.APP_USER;
import static dev.opsdesk.sandbox.db.Tables.AUTH_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Tokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in, throttling, expiry and sign-out, on a sandbox whose clock the tests move. */
class SessionsTest {

    private static MutableClock clock;
    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        clock = TestSandboxes.clock();
        server = TestSandboxes.withClock(clock);
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static DemoUser demo(String role) {
        return TestSandboxes.demo(server, role);
    }

    @Test
    void signInReturnsATokenItsExpiryAndWhoIsSignedIn() {
        DemoUser warehouse = demo("warehouse");
        Api.Response r = api.signIn(warehouse.username(), warehouse.password());
        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(body.get("expiresAt").asText()))
                .isEqualTo(clock.instant().plus(server.options().tokenTtl()));
        assertThat(body.at("/user/user/username").asText()).isEqualTo("warehouse");
        assertThat(body.at("/user/roles/0").asText()).isEqualTo("warehouse");
        assertThat(body.at("/user/warehouseScope").toString()).isEqualTo("[\"WH-1\",\"WH-2\"]");
        assertThat(body.at("/user/scopes/inventory.read/warehouses").toString()).isEqualTo("[\"WH-1\",\"WH-2\"]");
        assertThat(body.at("/user/scopes/audit.read/audit").asText()).isEqualTo("OWN");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Api.Response wrongPassword = api.signIn("auditor", "not-the-password");
        Api.Response unknownUser = api.signIn("no-such-user", "whatever");
        for (Api.Response r : new Api.Response[] {wrongPassword, unknownUser}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo("unauthenticated");
            assertThat(r.json().get("detail").asText()).isEqualTo("Wrong username or password.");
        }
        JsonNode a = wrongPassword.json();
        JsonNode b = unknownUser.json();
        assertThat(a.get("title")).isEqualTo(b.get("title"));
        assertThat(a.get("detail")).isEqualTo(b.get("detail"));
    }

    @Test
    void signInRequestIsValidated() {
        Api.Response missing = api.post("/v1/sessions", null, "{\"username\":\"admin\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problemType()).isEqualTo("validation");
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("password");

        Api.Response wrongTypes = api.post("/v1/sessions", null, "{\"username\":42,\"password\":\"\",\"x\":1}");
        assertThat(wrongTypes.status()).isEqualTo(400);
        assertThat(wrongTypes.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("username", "password", "x");

        Api.Response tooLong = api.signIn("a".repeat(65), "pw");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/0/field").asText()).isEqualTo("username");
    }

    @Test
    void fiveFailuresFromOneSourceLockTheUsernameThereEvenForTheRightPasswordUntilTheWindowPasses() {
        DemoUser finance = demo("finance");
        for (int i = 0; i < 5; i++) {
            assertThat(api.signIn(finance.username(), "wrong-" + i).status()).isEqualTo(401);
        }
        Api.Response locked = api.signIn(finance.username(), finance.password());
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.problemType()).isEqualTo("rate-limited");
        // All five failed at the same (frozen) instant: the window frees 15 minutes later.
        assertThat(locked.header("Retry-After")).isEqualTo("900");

        clock.advance(Duration.ofMinutes(10));
        Api.Response stillLocked = api.signIn(finance.username(), finance.password());
        assertThat(stillLocked.status()).isEqualTo(429);
        assertThat(stillLocked.header("Retry-After")).isEqualTo("300");

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(api.signIn(finance.username(), finance.password()).status()).isEqualTo(201);
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() {
        DemoUser approver = demo("approver");
        for (int i = 0; i < 4; i++) {
            api.signIn(approver.username(), "wrong");
        }
        assertThat(api.signIn(approver.username(), approver.password()).status()).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            assertThat(api.signIn(approver.username(), "wrong").status()).isEqualTo(401);
        }
        assertThat(api.signIn(approver.username(), approver.password()).status()).isEqualTo(201);
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = api.token(demo("support"));
        clock.advance(server.options().tokenTtl().minusSeconds(1));
        assertThat(api.get("/v1/me", token).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        Api.Response expired = api.get("/v1/me", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.problemType()).isEqualTo("unauthenticated");
        assertThat(expired.json().get("detail").asText()).isEqualTo("The session has expired; sign in again.");
    }

    @Test
    void signingOutRevokesOnlyThatToken() {
        DemoUser ops = demo("ops");
        String first = api.token(ops);
        String second = api.token(ops);
        assertThat(api.delete("/v1/sessions/current", first).status()).isEqualTo(204);

        Api.Response afterSignOut = api.get("/v1/me", first);
        assertThat(afterSignOut.status()).isEqualTo(401);
        assertThat(afterSignOut.json().get("detail").asText()).contains("signed out");
        assertThat(api.delete("/v1/sessions/current", first).status()).isEqualTo(401);
        assertThat(api.get("/v1/me", second).status()).isEqualTo(200);
    }

    @Test
    void missingMalformedAndUnknownTokensSayWhich() {
        assertThat(api.get("/v1/me", null).json().get("detail").asText()).contains("No bearer token");
        assertThat(api.request("GET", "/v1/me").header("Authorization", "Basic YWRtaW46c2FuZGJveA==").send()
                .json().get("detail").asText()).contains("must be 'Bearer <token>'");
        assertThat(api.get("/v1/me", "made-up-token").json().get("detail").asText())
                .isEqualTo("The token is not valid; sign in again.");
    }

    @Test
    void revokeAllSessionsInvalidatesEveryToken() {
        String admin = api.token(demo("admin"));
        String auditor = api.token(demo("auditor"));
        server.revokeAllSessions();
        assertThat(api.get("/v1/me", admin).status()).isEqualTo(401);
        assertThat(api.get("/v1/me", auditor).status()).isEqualTo(401);
        // Signing in again works.
        assertThat(api.get("/v1/me", api.token(demo("admin"))).status()).isEqualTo(200);
    }

    @Test
    void passwordsAndTokensAreStoredOnlyAsHashes() {
        String token = api.token(demo("admin"));
        var users = server.dsl().selectFrom(APP_USER).fetch();
        assertThat(users).hasSizeGreaterThan(60);
        for (var user : users) {
            assertThat(user.getPasswordHash()).matches("[0-9a-f]{64}").doesNotContain("sandbox");
            assertThat(user.getPasswordSalt()).matches("[0-9a-f]{32}");
            assertThat(user.getPasswordIterations()).isGreaterThanOrEqualTo(10_000);
        }
        assertThat(users.stream().map(u -> u.getPasswordSalt()).distinct()).hasSameSizeAs(users);
        assertThat(users.stream().map(u -> u.getPasswordHash()).distinct()).hasSameSizeAs(users);

        var sessions = server.dsl().selectFrom(AUTH_SESSION).fetch();
        assertThat(sessions).extracting(s -> s.getTokenHash()).doesNotContain(token).contains(Tokens.sha256Hex(token));
    }
}
