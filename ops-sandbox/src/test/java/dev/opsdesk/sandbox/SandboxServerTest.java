package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process API: options, isolation, persistence, lifecycle. */
class SandboxServerTest {

    @Test
    void defaultsAreAsDocumented() {
        SandboxOptions d = SandboxOptions.defaults();
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.bind()).isEqualTo("127.0.0.1");
        assertThat(d.dataDir()).isNull();
        assertThat(d.seed()).isEqualTo(42L);
        assertThat(d.tokenTtl()).isEqualTo(Duration.ofHours(8));
        assertThat(d.demoPassword()).isNull();
        assertThat(d.clock()).isEqualTo(Clock.systemUTC());
        assertThat(d.withPort(0).withSeed(7).port()).isZero();
    }

    @Test
    void startsOnAFreePortWithOneDemoUserPerRoleAndReportsItsHealth() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(server.demoUsers()).extracting(DemoUser::role)
                    .containsExactly("warehouse", "ops", "support", "finance", "approver", "auditor", "admin");
            // What the server says it seeded is what signs in: each demo user, with the default password, as its role.
            Api api = new Api(server);
            for (DemoUser u : server.demoUsers()) {
                Api.Response signIn = api.signIn(u.username(), "sandbox");
                assertThat(signIn.status()).as(u.username()).isEqualTo(201);
                assertThat(signIn.json().at("/user/roles/0").asText()).isEqualTo(u.role());
            }
            JsonNode health = api.get("/v1/health", null).json();
            assertThat(health.get("service").asText()).isEqualTo("ops-api");
            assertThat(health.get("environment").asText()).isEqualTo("SANDBOX");
            assertThat(health.get("environmentName").asText()).isEqualTo("Training sandbox");
            assertThat(health.get("version").asText()).isEqualTo("dev");
        }
    }

    @Test
    void twoServersInOneJvmShareNothing() {
        try (SandboxServer a = SandboxServer.start(SandboxOptions.defaults().withPort(0).withDemoPassword("pw-a"));
             SandboxServer b = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
            Api apiA = new Api(a);
            Api apiB = new Api(b);
            String tokenA = apiA.token(TestSandboxes.demo(a, "admin"));
            assertThat(apiB.get("/v1/me", tokenA).status()).isEqualTo(401);
            assertThat(apiB.signIn("admin", "pw-a").status()).isEqualTo(401);
            String tokenB = apiB.token(TestSandboxes.demo(b, "admin"));
            a.revokeAllSessions();
            assertThat(apiA.get("/v1/me", tokenA).status()).isEqualTo(401);
            assertThat(apiB.get("/v1/me", tokenB).status()).isEqualTo(200);
        }
    }

    @Test
    void theSameSeedGivesTheSameUsersAndAnotherSeedOthers() {
        try (SandboxServer a = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(7));
             SandboxServer b = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(7));
             SandboxServer c = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(8))) {
            assertThat(users(a)).isEqualTo(users(b)).isNotEqualTo(users(c));
            assertThat(a.demoUsers()).isEqualTo(b.demoUsers());
        }
    }

    private static String users(SandboxServer server) {
        Api api = new Api(server);
        return api.get("/v1/users?limit=500", api.token(TestSandboxes.demo(server, "admin"))).json().toString();
    }

    @Test
    void aDataDirKeepsDataAcrossRestartsAndIsNotSeededAgain(@TempDir Path dir) throws Exception {
        String token;
        String before;
        List<String> ids = new ArrayList<>();
        String stuck;
        String jobId;
        try (SandboxServer first = SandboxServer.start(SandboxOptions.defaults().withPort(0).withDataDir(dir))) {
            Api api = new Api(first);
            token = api.token(TestSandboxes.demo(first, "admin"));
            before = users(first);
            // A bulk replay still running when the server stops, and a replay the process died in the middle of.
            for (int i = 0; i < 4; i++) {
                ids.add(Fixtures.capturable(first));
            }
            stuck = Fixtures.capturable(first);
            first.dsl().update(FAILURE).set(FAILURE.STATUS, "REPLAYING").where(FAILURE.ID.eq(stuck)).execute();
            String support = api.token(TestSandboxes.demo(first, "support"));
            jobId = api.postWithKey("/v1/replay-jobs", support, null, "{\"ids\":" + Fixtures.idsJson(ids)
                    + ",\"throttlePerSecond\":4}").json().get("id").asText();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.get("/v1/replay-jobs/" + jobId, support).json().get("processed").asInt() >= 1);
        }
        SandboxOptions again = SandboxOptions.defaults().withPort(0).withDataDir(dir).withSeed(99)
                .withDemoPassword("changed");
        try (SandboxServer second = SandboxServer.start(again)) {
            Api api = new Api(second);
            assertThat(api.get("/v1/me", token).status()).as("session survives a restart").isEqualTo(200);
            assertThat(users(second)).as("not re-seeded with the new seed").isEqualTo(before);
            assertThat(api.signIn("admin", "sandbox").status()).isEqualTo(401);
            assertThat(api.signIn("admin", "changed").status()).isEqualTo(201);

            assertThat(api.get("/v1/failures/" + stuck, token).json().get("status").asText())
                    .as("an interrupted replay is open again").isEqualTo("OPEN");
            JsonNode job = Fixtures.awaitJob(api, token, jobId, Duration.ofSeconds(20));
            assertThat(job.get("status").asText()).as("an interrupted job resumes").isEqualTo("COMPLETED");
            assertThat(job.get("succeeded").asInt()).isEqualTo(4);
            for (String id : ids) {
                assertThat(second.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(id)
                        .and(FAILURE_ATTEMPT.OUTCOME.eq("SUCCEEDED")))).as(id).isEqualTo(1);
            }
        }
    }

    @Test
    void closeStopsListeningAndCanBeCalledTwice() {
        SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        int port = server.port();
        server.close();
        server.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void theDefaultPasswordIsRefusedOffLoopback() {
        assertThatThrownBy(() -> SandboxServer.start(SandboxOptions.defaults().withPort(0).withBind("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo password");
    }

    @Test
    void allInterfacesWithAPasswordIsReachableOnLoopback() {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withBind("0.0.0.0")
                .withDemoPassword("s3cret-training"))) {
            assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(new Api(server).signIn("ops", "s3cret-training").status()).isEqualTo(201);
            assertThat(server.demoUsers()).allSatisfy(u -> assertThat(u.password()).isEqualTo("s3cret-training"));
        }
    }

    @Test
    void webhookSecretsAreDerivedFromTheSeedUnlessConfigured() {
        SandboxOptions d = SandboxOptions.defaults();
        assertThat(d.webhookSecret("stripe")).startsWith("whsec_")
                .isEqualTo(SandboxOptions.defaults().webhookSecret("stripe"))
                .isNotEqualTo(d.webhookSecret("adyen"))
                .isNotEqualTo(d.withSeed(7).webhookSecret("stripe"));
        String mine = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]);
        SandboxOptions custom = d.withWebhookSecret("Stripe", mine);
        assertThat(custom.webhookSecret("stripe")).isEqualTo(mine);
        assertThat(custom.webhookSecrets()).containsOnlyKeys("stripe");
        assertThat(custom.toString()).doesNotContain(mine).contains("webhookSecrets=***");
        assertThatThrownBy(() -> d.webhookSecret("klarna")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withWebhookSecret("stripe", "secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret\"");
        assertThat(d.traffic()).isFalse();
        assertThat(d.scale()).isEqualTo(Scale.SMALL);
        try (SandboxServer server = SandboxServer.start(d.withPort(0).withWebhookSecret("adyen", mine))) {
            assertThat(server.webhookSecret("adyen")).isEqualTo(mine);
            assertThat(server.webhookSecret("stripe")).isEqualTo(d.webhookSecret("stripe"));
            assertThat(server.webhookUri("paypal").toString()).isEqualTo(server.baseUri() + "/webhooks/payments/paypal");
        }
    }

    @Test
    void theTrafficSimulatorKeepsTheQueuesMovingUntilClosed() throws Exception {
        SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withTraffic(true));
        // Everything seeded is older than this.
        java.time.Instant started = java.time.Instant.now();
        int failuresBefore;
        try {
            failuresBefore = server.seeded().failures();
            await("traffic arrives").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> server.traffic().sent() >= 5
                            && server.dsl().fetchCount(dev.opsdesk.sandbox.db.Tables.FAILURE) > failuresBefore);
            assertThat(server.dsl().fetchCount(dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER,
                    dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER.CREATED_AT.gt(
                            java.time.OffsetDateTime.ofInstant(started, java.time.ZoneOffset.UTC))))
                    .as("orders placed by the simulated checkout").isPositive();
        } finally {
            server.close();
        }
        int sent = server.traffic().sent();
        // The simulator sends a few a second: in this time it would have, had it not stopped.
        await("stopped with the server").during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> server.traffic().sent() == sent);
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> SandboxOptions.defaults().withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.defaults().withTokenTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.defaults().withDemoPassword("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxOptions.defaults().withDemoPassword("x").toString()).doesNotContain("=x");
    }
}
