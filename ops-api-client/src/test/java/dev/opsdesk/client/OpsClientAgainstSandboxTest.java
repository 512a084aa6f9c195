package dev.opsdesk.client;

import com.sun.net.httpserver.HttpServer;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Role;
import dev.opsdesk.client.model.Session;
import dev.opsdesk.client.model.User;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the real sandbox, started in-process, over real HTTP and a real database. */
class OpsClientAgainstSandboxTest {

    private static final char[] PASSWORD = "sandbox".toCharArray();
    private static final Duration TTL = Duration.ofHours(8);

    private static MutableClock clock;
    private static SandboxServer sandbox;

    @BeforeAll
    static void startSandbox() {
        clock = new MutableClock(Instant.now());
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0).withClock(clock).withTokenTtl(TTL));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static OpsClient client() {
        return client(null);
    }

    private static OpsClient client(java.util.function.Consumer<String> log) {
        return OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).noRetries().httpLog(log).build());
    }

    @Test
    void healthIdentifiesTheSandboxAsAnOpsApi() {
        try (OpsClient client = client()) {
            Health health = client.health();
            assertThat(health.isOpsApi()).isTrue();
            assertThat(health.isSandbox()).isTrue();
        }
    }

    @Test
    void signInReturnsTheUserWithPermissionsAndMeAgrees() {
        try (OpsClient client = client()) {
            Session session = client.sessions().signIn("support", PASSWORD);
            assertThat(session.token()).isNotBlank();
            assertThat(session.expiresAt()).isAfter(clock.instant());
            assertThat(session.toString()).doesNotContain(session.token());
            Me me = client.me();
            assertThat(me.user().username()).isEqualTo("support");
            assertThat(me.roles()).containsExactly("support");
            assertThat(me.has(Permissions.FAILURES_READ)).isTrue();
            assertThat(me.has(Permissions.INVENTORY_READ)).isFalse();
            assertThat(me.scopeOf(Permissions.FAILURES_REPLAY)).hasValueSatisfying(
                    scope -> assertThat(scope.queues()).containsExactly("PAYMENT_CALLBACK"));
            assertThat(me).isEqualTo(session.user());
        }
    }

    @Test
    void warehouseUserIsScopedToTheirWarehouses() {
        try (OpsClient client = client()) {
            client.sessions().signIn("warehouse", PASSWORD);
            Me me = client.me();
            assertThat(me.warehouseScope()).containsExactlyInAnyOrder("WH-1", "WH-2");
            assertThat(me.scopeOf(Permissions.INVENTORY_READ)).hasValueSatisfying(
                    scope -> assertThat(scope.warehouses()).containsExactlyInAnyOrder("WH-1", "WH-2"));
            assertThat(me.has(Permissions.FAILURES_READ)).isFalse();
        }
    }

    @Test
    void wrongPasswordIsUnauthenticatedWithProblemTypeAndRequestId() {
        try (OpsClient client = client()) {
            assertThatThrownBy(() -> client.sessions().signIn("finance", "not-the-password".toCharArray()))
                    .isInstanceOfSatisfying(UnauthenticatedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.problemType()).isEqualTo("https://opsdesk.dev/problems/unauthenticated");
                        assertThat(e.problemKind()).isEqualTo("unauthenticated");
                        assertThat(e.requestId()).isNotBlank();
                        assertThat(e.detail()).isNotBlank();
                    });
            assertThat(client.sessions().isSignedIn()).isFalse();
        }
    }

    @Test
    void forbiddenCarriesTheRequestIdTheClientSent() {
        try (OpsClient client = client()) {
            client.sessions().signIn("support", PASSWORD);
            assertThatThrownBy(() -> client.users().list(PageRequest.first(10)))
                    .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                        assertThat(e.problemKind()).isEqualTo("forbidden");
                        assertThat(e.requestId()).startsWith("odc-");
                        assertThat(e.url()).endsWith("/v1/users");
                    });
        }
    }

    @Test
    void signOutRevokesTheTokenOnTheServer() {
        try (OpsClient client = client()) {
            Session session = client.sessions().signIn("ops", PASSWORD);
            client.sessions().signOut();
            assertThat(client.sessions().isSignedIn()).isFalse();
            try (OpsClient other = client()) {
                other.sessions().useToken(session.token());
                assertThatThrownBy(other::me).isInstanceOf(UnauthenticatedException.class);
            }
        }
    }

    @Test
    void expiredTokenEndsTheSessionAndTellsTheListener() {
        List<UnauthenticatedException> ended = new CopyOnWriteArrayList<>();
        try (OpsClient client = client()) {
            client.addSessionListener(ended::add);
            client.sessions().signIn("auditor", PASSWORD);
            client.me();
            clock.advance(TTL.plusMinutes(1));
            try {
                assertThatThrownBy(client::me).isInstanceOfSatisfying(UnauthenticatedException.class,
                        e -> assertThat(e.detail()).containsIgnoringCase("expired"));
            } finally {
                clock.advance(TTL.plusMinutes(1).negated());
            }
            assertThat(ended).hasSize(1);
            assertThat(client.sessions().isSignedIn()).isFalse();
            assertThat(client.sessions().current()).isEmpty();
        }
    }

    @Test
    void autoPagingVisitsEveryUserExactlyOnce() {
        try (OpsClient client = client()) {
            client.sessions().signIn("admin", PASSWORD);
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                Page<User> page = client.users().list(new PageRequest(7, cursor));
                page.items().forEach(u -> paged.add(u.username()));
                cursor = page.nextCursor();
            } while (cursor != null);
            List<String> auto = new ArrayList<>();
            for (User user : client.users().all()) {
                auto.add(user.username());
            }
            assertThat(paged).hasSizeGreaterThan(7 * 3).doesNotHaveDuplicates();
            assertThat(auto).containsExactlyElementsOf(paged);
            assertThat(new HashSet<>(paged)).contains("warehouse", "ops", "support", "finance", "approver", "auditor", "admin");
        }
    }

    @Test
    void rolesTableMatchesWhatEachRoleIsTold() {
        try (OpsClient admin = client()) {
            admin.sessions().signIn("admin", PASSWORD);
            List<Role> roles = admin.users().roles();
            assertThat(roles).extracting(Role::name)
                    .containsExactlyInAnyOrder("warehouse", "ops", "support", "finance", "approver", "auditor", "admin");
            Role support = roles.stream().filter(r -> r.name().equals("support")).findFirst().orElseThrow();
            try (OpsClient client = client()) {
                Me me = client.sessions().signIn("support", PASSWORD).user();
                assertThat(Set.copyOf(me.permissions())).isEqualTo(Set.copyOf(support.permissions()));
            }
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountWithRetryAfter() {
        try (OpsClient client = client()) {
            String user = "user-lockout-probe";
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> client.sessions().signIn(user, "wrong".toCharArray()))
                        .isInstanceOf(UnauthenticatedException.class);
            }
            assertThatThrownBy(() -> client.sessions().signIn(user, "wrong".toCharArray()))
                    .isInstanceOfSatisfying(RateLimitedException.class,
                            e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()));
        }
    }

    @Test
    void logsNeverShowThePasswordOrTheToken() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (OpsClient client = client(lines::add)) {
            Session session = client.sessions().signIn("approver", PASSWORD);
            client.me();
            assertThat(lines).isNotEmpty();
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Authorization:"));
            assertThat(String.join("\n", lines)).doesNotContain(session.token()).doesNotContain(new String(PASSWORD));
        }
    }

    @Test
    void unreachableServerIsATransportFailureNamingTheAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(URI.create("http://127.0.0.1:" + closedPort))
                .noRetries().build())) {
            assertThatThrownBy(client::health).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECT_FAILED);
                assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort);
            });
        }
    }

    @Test
    void jsonServerThatIsNotAnOpsApiIsRecognised() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"service\":\"billing\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(
                URI.create("http://127.0.0.1:" + other.getAddress().getPort())).noRetries().build())) {
            assertThatThrownBy(client::health).isInstanceOf(UnexpectedResponseException.class)
                    .hasMessageContaining("not an ops API");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void serverAddressesAreParsedForPeople() {
        assertThat(OpsClientConfig.parseServerAddress("localhost:8080")).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(OpsClientConfig.parseServerAddress(" https://ops.example.com/ ")).isEqualTo(URI.create("https://ops.example.com"));
        assertThatThrownBy(() -> OpsClientConfig.parseServerAddress("ftp://x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> OpsClientConfig.parseServerAddress("http://exa mple")).isInstanceOf(IllegalArgumentException.class);
    }
}
