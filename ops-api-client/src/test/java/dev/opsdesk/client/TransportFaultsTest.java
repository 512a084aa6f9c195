package dev.opsdesk.client;

import dev.opsdesk.client.internal.RequestIdInterceptor;
import dev.opsdesk.client.internal.RetryInterceptor;
import dev.opsdesk.client.model.Health;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transport faults a real server cannot be made to show on demand: stalls, resets, slow bodies.
 * Everything else is tested against the real sandbox (see {@link OpsClientAgainstSandboxTest}).
 */
class TransportFaultsTest {

    private static final String HEALTH = "{\"status\":\"UP\",\"service\":\"ops-api\",\"version\":\"t\","
            + "\"environment\":\"SANDBOX\",\"time\":\"2026-11-21T09:00:00Z\"}";

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpsClient client(int retries) {
        return OpsClient.create(OpsClientConfig.builder(URI.create(server.url("/").toString()))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofMillis(400))
                .callTimeout(Duration.ofSeconds(3))
                .maxRetries(retries)
                .retryBaseDelay(Duration.ofMillis(10))
                .retryMaxDelay(Duration.ofMillis(50))
                .build());
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void stalledServerTimesOutInsteadOfHangingForever() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        try (OpsClient client = client(0)) {
            long started = System.nanoTime();
            assertThatThrownBy(client::health)
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void resetConnectionOnSafeRequestIsRetriedAndSucceeds() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(HEALTH));
        try (OpsClient client = client(2)) {
            Health health = client.health();
            assertThat(health.isOpsApi()).isTrue();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void resetDuringSignInIsNotRetried() {
        // Sign-in carries no idempotency key: repeating it could count a failed attempt twice.
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json("{}"));
        try (OpsClient client = client(3)) {
            assertThatThrownBy(() -> client.sessions().signIn("support", "sandbox".toCharArray()))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isIn(TransportException.Kind.CONNECTION_RESET, TransportException.Kind.OTHER));
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void postWithIdempotencyKeyIsRetriedWithTheSameKeyAndBody() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().code(201).build());
        OkHttpClient http = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .addInterceptor(new RetryInterceptor(3, Duration.ofMillis(5), Duration.ofMillis(20)))
                .addInterceptor(new RequestIdInterceptor())
                .build();
        RequestOptions action = RequestOptions.newAction();
        Request request = new Request.Builder().url(server.url("/v1/failures/f-1/replay"))
                .header("Idempotency-Key", action.idempotencyKey())
                .post(RequestBody.create("{\"note\":\"after outage\"}".getBytes(), MediaType.get("application/json")))
                .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(201);
        }
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(server.takeRequest(1, TimeUnit.SECONDS));
        }
        assertThat(requests).extracting(r -> r.getHeaders().get("Idempotency-Key")).containsOnly(action.idempotencyKey());
        assertThat(requests).extracting(r -> r.getBody().utf8()).containsOnly("{\"note\":\"after outage\"}");
    }

    @Test
    void postWithoutIdempotencyKeyIsNeverRetried() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(201).build());
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new RetryInterceptor(3, Duration.ofMillis(5), Duration.ofMillis(20)))
                .build();
        Request request = new Request.Builder().url(server.url("/v1/anything"))
                .post(RequestBody.create(new byte[0], MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(503);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void signInAnsweredWithRetryAfterZeroIsNotSilentlyRepeated() {
        // OkHttp on its own repeats any request once on "503, Retry-After: 0"; the client must not.
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
        server.enqueue(json("{}"));
        try (OpsClient client = client(3)) {
            assertThatThrownBy(() -> client.sessions().signIn("support", "sandbox".toCharArray()))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.status()).isEqualTo(503));
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitLongerThanTheClientWaitsIsReportedWithRetryAfter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120")
                .addHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://opsdesk.dev/problems/rate-limited\",\"title\":\"Too many requests\",\"status\":429,\"requestId\":\"r2\"}")
                .build());
        try (OpsClient client = client(3)) {
            assertThatThrownBy(client::health)
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                        assertThat(e.requestId()).isEqualTo("r2");
                    });
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void slowBodyIsCutOffByTheCallTimeout() {
        // 1 byte every 300 ms: each read is within the read timeout, the whole call is not.
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(HEALTH).throttleBody(1, 300, TimeUnit.MILLISECONDS).build());
        try (OpsClient client = client(0)) {
            long started = System.nanoTime();
            assertThatThrownBy(client::health)
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void retriesGiveUpAfterTheConfiguredCount() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse.Builder().code(502).build());
        }
        try (OpsClient client = client(2)) {
            assertThatThrownBy(client::health).isInstanceOfSatisfying(ServerException.class,
                    e -> assertThat(e.status()).isEqualTo(502));
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void htmlPageIsReportedAsNotAnOpsApi() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html><body>Welcome to nginx</body></html>").build());
        try (OpsClient client = client(0)) {
            assertThatThrownBy(client::health).isInstanceOf(UnexpectedResponseException.class)
                    .hasMessageContaining("does not look like an ops API");
        }
    }
}
