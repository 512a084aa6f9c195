package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a caller who has not signed in can do to others: not lock them out, not flood the trail or the database.
 * Other clients are other loopback addresses (127.0.0.2, 127.0.0.3), which reach the server as other sources.
 */
class AnonymousAbuseTest {

    private static final String ATTACKER = "127.0.0.2";
    private static final String COLLEAGUE = "127.0.0.3";

    private static RawHttp.Response signIn(SandboxServer server, String source, String username, String password) {
        return RawHttp.postJson(server, source, "/v1/sessions",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void wrongPasswordsFromOneSourceLockOnlyThatSourceAndSlowDownTheOthers() {
        MutableClock clock = TestSandboxes.clock();
        try (SandboxServer server = TestSandboxes.withClock(clock)) {
            DemoUser admin = TestSandboxes.demo(server, "admin");
            for (int i = 0; i < 5; i++) {
                assertThat(signIn(server, ATTACKER, admin.username(), "guess-" + i).status()).isEqualTo(401);
            }
            RawHttp.Response locked = signIn(server, ATTACKER, admin.username(), admin.password());
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After")).isEqualTo("900");

            // The admin at their own desk gets in: slowed down while the name is under attack, not refused.
            long started = System.nanoTime();
            RawHttp.Response own = signIn(server, COLLEAGUE, admin.username(), admin.password());
            assertThat(own.status()).as("%s", own).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

            // Five guesses are two events in the trail: the first, and the one that locked.
            assertThat(server.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("session.sign_in_failed")
                    .and(AUDIT_EVENT.ENTITY_ID.eq(admin.username())))).isEqualTo(2);

            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            assertThat(signIn(server, ATTACKER, admin.username(), admin.password()).status()).isEqualTo(201);
        }
    }

    @Test
    void writesWithoutSignInAreLimitedPerSourceReadsAndOtherSourcesAreNot() {
        SandboxOptions.Limits limits = new SandboxOptions.Limits(4, 16, Duration.ofSeconds(15), 5, 0.2);
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withLimits(limits))) {
            for (int i = 0; i < 5; i++) {
                assertThat(signIn(server, ATTACKER, "nobody-" + i, "x").status()).isEqualTo(401);
            }
            RawHttp.Response limited = signIn(server, ATTACKER, "nobody", "x");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("type").asText()).endsWith("/rate-limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
            RawHttp.Response callback = RawHttp.send(server, ATTACKER, "POST /webhooks/payments/stripe HTTP/1.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2", "{}".getBytes());
            assertThat(callback.status()).isEqualTo(429);

            assertThat(RawHttp.send(server, ATTACKER, "GET /v1/health HTTP/1.1", null).status()).isEqualTo(200);
            assertThat(signIn(server, COLLEAGUE, "nobody", "x").status()).isEqualTo(401);
        }
    }
}
