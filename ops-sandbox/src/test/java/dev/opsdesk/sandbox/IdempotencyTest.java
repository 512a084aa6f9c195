package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.sandbox.http.Access;
import dev.opsdesk.sandbox.http.Idempotency;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotency helper, through an internal test route that counts how often its work really runs. Its body
 * steers it: "wait" blocks until the test lets go, "fail" throws.
 */
class IdempotencyTest {

    private static final String ROUTE = "/v1/_test/counter";
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static volatile CountDownLatch entered = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private static MutableClock clock;
    private static SandboxServer server;
    private static Api api;
    private static String admin;
    private static String auditor;

    @BeforeAll
    static void start() {
        clock = TestSandboxes.clock();
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withClock(clock), List.of((app, http) ->
                app.post(ROUTE, ctx -> http.idempotency().run(ctx, Access.principal(ctx).userId(), () -> {
                    int run = RUNS.incrementAndGet();
                    String body = ctx.body();
                    if (body.contains("wait")) {
                        entered.countDown();
                        await(release);
                    }
                    if (body.contains("fail")) {
                        throw new ApiException(ProblemType.CONFLICT, "Failed on purpose.");
                    }
                    return Idempotency.Response.json(201, Map.of("run", run, "echo", body));
                }), Access.SIGNED_IN)));
        api = new Api(server);
        admin = api.token(TestSandboxes.demo(server, "admin"));
        auditor = api.token(TestSandboxes.demo(server, "auditor"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        RUNS.set(0);
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    private static Api.Response call(String token, String key, String body) {
        Api.Request request = api.request("POST", ROUTE).token(token).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.send();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAKeyTheRequestIsRefused() {
        Api.Response r = call(admin, null, "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("idempotency-key-missing");
        assertThat(RUNS).hasValue(0);
    }

    @Test
    void anOverlongKeyIsAValidationProblem() {
        Api.Response r = call(admin, "k".repeat(256), "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("validation");
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        Api.Response first = call(admin, key, "{\"a\":1}");
        Api.Response second = call(admin, key, "{\"a\":1}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).startsWith("application/json");
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAMismatch() {
        String key = UUID.randomUUID().toString();
        assertThat(call(admin, key, "{\"a\":1}").status()).isEqualTo(201);
        Api.Response other = call(admin, key, "{\"a\":2}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemType()).isEqualTo("idempotency-key-mismatch");
        assertThat(RUNS).hasValue(1);
    }

    @Test
    void keysBelongToTheirUser() {
        String key = UUID.randomUUID().toString();
        assertThat(call(admin, key, "{}").header("Idempotent-Replayed")).isNull();
        assertThat(call(auditor, key, "{}").header("Idempotent-Replayed")).isNull();
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void aKeyStillInFlightIsInUse() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Api.Response> first = executor.submit(() -> call(admin, key, "{\"wait\":true}"));
            await(entered);
            Api.Response second = call(admin, key, "{\"wait\":true}");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.problemType()).isEqualTo("idempotency-key-in-use");
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(call(admin, key, "{\"wait\":true}").header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(RUNS).hasValue(1);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void failedWorkReleasesTheKeySoTheClientCanRetry() {
        String key = UUID.randomUUID().toString();
        Api.Response failed = call(admin, key, "{\"fail\":true}");
        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.problemType()).isEqualTo("conflict");
        Api.Response retried = call(admin, key, "{\"fail\":true}");
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void aKeyIsForgottenAfterTwentyFourHours() {
        String key = UUID.randomUUID().toString();
        assertThat(call(admin, key, "{\"day\":1}").status()).isEqualTo(201);
        clock.advance(Duration.ofHours(23));
        admin = api.token(TestSandboxes.demo(server, "admin"));
        assertThat(call(admin, key, "{\"day\":2}").status()).as("still remembered").isEqualTo(422);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        Api.Response reused = call(admin, key, "{\"day\":2}");
        assertThat(reused.status()).isEqualTo(201);
        assertThat(reused.header("Idempotent-Replayed")).isNull();
        assertThat(RUNS).hasValue(2);
        auditor = api.token(TestSandboxes.demo(server, "auditor"));
    }

    @Test
    void concurrentRequestsWithOneKeyRunTheWorkOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        int clients = 8;
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(executor.submit(() -> {
                    go.await();
                    return call(admin, key, "{\"same\":true}");
                }));
            }
            go.countDown();
            int ran = 0;
            for (Future<Api.Response> f : futures) {
                Api.Response r = f.get(20, TimeUnit.SECONDS);
                assertThat(r.status()).as("%s", r).isIn(201, 409);
                if (r.status() == 201 && r.header("Idempotent-Replayed") == null) {
                    ran++;
                }
            }
            assertThat(ran).isEqualTo(1);
            assertThat(RUNS).hasValue(1);
        } finally {
            executor.shutdownNow();
        }
    }
}
