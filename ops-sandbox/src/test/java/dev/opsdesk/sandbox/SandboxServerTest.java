package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
            assertThat(server.demoUsers()).allSatisfy(u -> assertThat(u.password()).isEqualTo("sandbox"));
            JsonNode health = new Api(server).get("/v1/health", null).json();
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
    void aDataDirKeepsDataAcrossRestartsAndIsNotSeededAgain(@TempDir Path dir) {
        String token;
        String before;
        try (SandboxServer first = SandboxServer.start(SandboxOptions.defaults().withPort(0).withDataDir(dir))) {
            token = new Api(first).token(TestSandboxes.demo(first, "admin"));
            before = users(first);
        }
        SandboxOptions again = SandboxOptions.defaults().withPort(0).withDataDir(dir).withSeed(99)
                .withDemoPassword("changed");
        try (SandboxServer second = SandboxServer.start(again)) {
            Api api = new Api(second);
            assertThat(api.get("/v1/me", token).status()).as("session survives a restart").isEqualTo(200);
            assertThat(users(second)).as("not re-seeded with the new seed").isEqualTo(before);
            assertThat(api.signIn("admin", "sandbox").status()).isEqualTo(401);
            assertThat(api.signIn("admin", "changed").status()).isEqualTo(201);
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
    void optionsAreChecked() {
        assertThatThrownBy(() -> SandboxOptions.defaults().withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.defaults().withTokenTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.defaults().withDemoPassword("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SandboxOptions.defaults().withDemoPassword("x").toString()).doesNotContain("=x");
    }
}
