package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.db.tables.records.AuditEventRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The desktop's built-in sandbox serves sign-in before its demo data is seeded ({@link SandboxServer#startEarly}):
 * a person signs in at once, and whatever they ask for next waits for the data instead of seeing part of it; the
 * sign-in's audit event takes its place after the seeded history, and the chain verifies. One that seeds when asked
 * (the desktop's) begins the seed for the first request that needs the data.
 */
class EarlyStartTest {

    private final CountDownLatch seedingMayBegin = new CountDownLatch(1);
    private SandboxServer server;

    @AfterEach
    void stop() {
        seedingMayBegin.countDown();
        if (server != null) {
            server.close();
        }
    }

    /** A sandbox whose seeding waits until the test lets it begin. */
    private SandboxServer startHeld(long seed) {
        server = SandboxServer.startEarly(SandboxOptions.defaults().withPort(0).withSeed(seed), List.of(), () -> {
            try {
                seedingMayBegin.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return server;
    }

    @Test
    void aPersonSignsInWhileSeedingAndTheirFirstListIsTheWholeSeededOne() throws Exception {
        long expected;
        try (SandboxServer full = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(21))) {
            Api api = new Api(full);
            expected = api.get("/v1/failures/count", api.token(TestSandboxes.demo(full, "admin"))).json()
                    .get("count").asLong();
        }
        startHeld(21);
        Api api = new Api(server);
        assertThat(api.get("/v1/health", null).status()).isEqualTo(200);
        String token = api.token(TestSandboxes.demo(server, "admin"));
        assertThat(api.get("/v1/me", token).json().get("user").get("username").asText()).isEqualTo("admin");
        assertThat(server.isSeeded()).isFalse();

        CompletableFuture<Api.Response> count = CompletableFuture.supplyAsync(
                () -> api.get("/v1/failures/count", token));
        Thread.sleep(300);
        assertThat(count).as("a data request waits for the seed").isNotDone();
        seedingMayBegin.countDown();
        Api.Response answer = count.get(60, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("count").asLong()).as("the seeded failures, all of them").isEqualTo(expected)
                .isPositive();
        assertThat(server.isSeeded()).isTrue();
    }

    @Test
    void aSignInDuringSeedingIsAuditedAfterTheSeededHistoryAndTheChainVerifies() throws Exception {
        startHeld(22);
        Api api = new Api(server);
        Api.Response signIn = api.request("POST", "/v1/sessions").header("X-Request-Id", "req-early-sign-in")
                .header("Content-Type", "application/json")
                .body("{\"username\":\"auditor\",\"password\":\"sandbox\"}").send();
        assertThat(signIn.status()).isEqualTo(201);
        assertThat(api.signIn("auditor", "wrong").status()).isEqualTo(401);
        assertThat(server.dsl().fetchCount(AUDIT_EVENT)).as("held, not yet in the chain").isZero();

        seedingMayBegin.countDown();
        server.awaitSeeded();

        List<AuditEventRecord> all = server.dsl().selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQUENCE).fetch();
        AuditChains.assertVerifies(all);
        List<AuditEventRecord> lastTwo = all.subList(all.size() - 2, all.size());
        assertThat(lastTwo).extracting(AuditEventRecord::getAction)
                .containsExactly("session.signed_in", "session.sign_in_failed");
        assertThat(lastTwo.get(0).getRequestId()).isEqualTo("req-early-sign-in");
        assertThat(all.subList(0, all.size() - 2)).extracting(AuditEventRecord::getAction)
                .as("the seeded history, which ends with the seeded stock counts").isNotEmpty();

        String token = signIn.json().get("token").asText();
        JsonNode checkpoint = api.get("/v1/audit/checkpoint", token).json();
        assertThat(checkpoint.get("sequence").asLong()).isEqualTo(all.size());
        assertThat(checkpoint.get("hash").asText()).isEqualTo(all.get(all.size() - 1).getHash());
    }

    @Test
    void aSandboxThatSeedsWhenAskedSeedsForTheFirstDataRequestAndAnswersItWhole() {
        long expected;
        try (SandboxServer full = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(23))) {
            Api api = new Api(full);
            expected = api.get("/v1/failures/count", api.token(TestSandboxes.demo(full, "ops"))).json()
                    .get("count").asLong();
        }
        server = SandboxServer.startEarly(SandboxOptions.defaults().withPort(0).withSeed(23), List.of(), () -> { },
                SandboxServer.SeedStart.WHEN_ASKED);
        Api api = new Api(server);
        String token = api.token(TestSandboxes.demo(server, "ops"));
        assertThat(api.get("/v1/me", token).status()).isEqualTo(200);
        assertThat(server.isSeeded()).as("nobody asked for data yet").isFalse();

        Api.Response answer = api.get("/v1/failures/count", token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("count").asLong()).as("the seeded failures, all of them").isEqualTo(expected)
                .isPositive();
        assertThat(server.isSeeded()).isTrue();
    }

    @Test
    void whenSeedingFailsDataRequestsSaySoAndSignInStillWorks() {
        server = SandboxServer.startEarly(SandboxOptions.defaults().withPort(0), List.of(), () -> {
            throw new IllegalStateException("disk full (simulated)");
        });
        Api api = new Api(server);
        String token = api.token(TestSandboxes.demo(server, "admin"));
        Api.Response r = api.get("/v1/failures/count", token);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("detail").asText()).contains("could not load its demo data");
        assertThat(server.isSeeded()).isFalse();
    }
}
