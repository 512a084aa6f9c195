package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.http.Access;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conventions every endpoint shares: request ids, problem documents for every kind of error. */
class HttpConventionsTest {

    private static SandboxServer server;
    private static Api api;
    private static String token;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0), List.of((app, http) -> {
            app.get("/v1/_test/boom", ctx -> {
                throw new IllegalStateException("secret internals");
            }, Access.SIGNED_IN);
            app.get("/v1/_test/undeclared", ctx -> ctx.result("should never run"));
        }));
        api = new Api(server);
        token = api.token(TestSandboxes.demo(server, "auditor"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWellFormedRequestIdIsEchoedOnSuccessAndOnProblems() {
        Api.Response ok = api.request("GET", "/v1/health").header("X-Request-Id", "desk-42.a_b").send();
        assertThat(ok.header("X-Request-Id")).isEqualTo("desk-42.a_b");

        Api.Response problem = api.request("GET", "/v1/users").token(token).header("X-Request-Id", "trace-7").send();
        assertThat(problem.status()).isEqualTo(403);
        assertThat(problem.header("X-Request-Id")).isEqualTo("trace-7");
        assertThat(problem.json().get("requestId").asText()).isEqualTo("trace-7");
    }

    @Test
    void aMissingOrMalformedRequestIdIsReplacedByAGeneratedOne() {
        Api.Response none1 = api.get("/v1/health", null);
        Api.Response none2 = api.get("/v1/health", null);
        assertThat(none1.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(none1.header("X-Request-Id")).isNotEqualTo(none2.header("X-Request-Id"));

        for (String bad : List.of("has space", "x".repeat(65), "semi;colon", "ümlaut")) {
            Api.Response r = api.request("GET", "/v1/me").header("X-Request-Id", bad).send();
            assertThat(r.header("X-Request-Id")).as(bad).matches("[0-9a-f-]{36}");
            assertThat(r.json().get("requestId").asText()).isEqualTo(r.header("X-Request-Id"));
        }
    }

    @Test
    void malformedJsonIsAValidationProblemNamingTheBody() {
        for (String body : List.of("{\"username\": \"admin\", ", "not json", "[1,2]", "{} {}", "")) {
            Api.Response r = api.request("POST", "/v1/sessions").body(body).send();
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.problemType()).isEqualTo("validation");
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("body");
        }
        Api.Response r = api.request("POST", "/v1/sessions").body("{\"username\": \"admin\", \"password\": sandbox}")
                .send();
        assertThat(r.json().get("detail").asText()).contains("line 1, column").doesNotContain("sandbox");
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        for (String token : new String[] {null, HttpConventionsTest.token}) {
            Api.Response r = api.get("/v1/nothing-here", token);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.problemType()).isEqualTo("not-found");
            assertThat(r.json().get("instance").asText()).isEqualTo("/v1/nothing-here");
            assertThat(r.header("X-Request-Id")).isNotBlank();
        }
        assertThat(api.get("/", null).problemType()).isEqualTo("not-found");
    }

    @Test
    void anUnsupportedMethodIsAMethodNotAllowedProblem() {
        Api.Response r = api.request("PUT", "/v1/me").token(token).body("{}").send();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.problemType()).isEqualTo("method-not-allowed");
    }

    @Test
    void anUnexpectedExceptionIsAServerErrorWithoutInternals() {
        Api.Response r = api.request("GET", "/v1/_test/boom").token(token).header("X-Request-Id", "boom-1").send();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.problemType()).isEqualTo("server-error");
        assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalStateException")
                .doesNotContain("at dev.opsdesk");
        assertThat(r.json().get("detail").asText()).contains("boom-1");
    }

    @Test
    void aRouteThatDeclaresNoAccessIsRefused() {
        Api.Response r = api.get("/v1/_test/undeclared", token);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("should never run");
    }

    @Test
    void responsesAreNotCached() {
        assertThat(api.get("/v1/me", token).header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aRequestJettyRejectsItselfIsStillAProblem() throws IOException {
        // A bad percent-escape never reaches the router (java.net.URI will not even send it: raw socket).
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(
                    "GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            JsonNode problem = Api.JSON.readTree(body);
            assertThat(problem.get("type").asText()).isEqualTo("https://opsdesk.dev/problems/validation");
            assertThat(problem.get("requestId").asText()).isNotBlank();
        }
    }
}
