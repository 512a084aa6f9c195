package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's actual responses against ops-api.yaml: each status must be documented for its operation, come with
 * the documented media type, and its body must validate against the documented schema (JSON Schema 2020-12, as in
 * OpenAPI 3.1; additionalProperties:false catches any property the contract does not know).
 */
class ContractTest {

    private static final OpenApi CONTRACT = OpenApi.load();
    private static MutableClock clock;
    private static SandboxServer clocked;

    private final SandboxServer server = TestSandboxes.shared();
    private final Api api = new Api(server);

    @BeforeAll
    static void startClockedServer() {
        clock = TestSandboxes.clock();
        clocked = TestSandboxes.withClock(clock);
    }

    @AfterAll
    static void stopClockedServer() {
        clocked.close();
    }

    private String admin() {
        return api.token(TestSandboxes.demo(server, "admin"));
    }

    @Test
    void health() {
        conforms("GET", "/v1/health", api.get("/v1/health", null), 200);
    }

    @Test
    void signInSucceeds() {
        DemoUser warehouse = TestSandboxes.demo(server, "warehouse");
        Api.Response r = api.signIn(warehouse.username(), warehouse.password());
        conforms("POST", "/v1/sessions", r, 201);
        assertThat(r.json().at("/user/warehouseScope").isArray()).isTrue();
    }

    @Test
    void signInFailsWithWrongPassword() {
        conforms("POST", "/v1/sessions", api.signIn("contract-nobody", "wrong"), 401);
    }

    @Test
    void signInRequestInvalid() {
        conforms("POST", "/v1/sessions", api.post("/v1/sessions", null, "{\"username\":\"\"}"), 400);
    }

    @Test
    void meForEveryRole() {
        for (DemoUser user : server.demoUsers()) {
            conforms("GET", "/v1/me", api.get("/v1/me", api.token(user)), 200);
        }
    }

    @Test
    void usersFirstAndSecondPage() {
        String token = admin();
        Api.Response first = api.get("/v1/users?limit=20", token);
        conforms("GET", "/v1/users", first, 200);
        String cursor = first.json().get("nextCursor").asText();
        Api.Response second = api.get("/v1/users?limit=20&cursor=" + cursor, token);
        conforms("GET", "/v1/users", second, 200);
    }

    @Test
    void usersLastPageHasNullCursor() {
        Api.Response last = api.get("/v1/users?limit=500", admin());
        conforms("GET", "/v1/users", last, 200);
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void usersWithBadLimit() {
        conforms("GET", "/v1/users", api.get("/v1/users?limit=0", admin()), 400);
    }

    @Test
    void roles() {
        conforms("GET", "/v1/roles", api.get("/v1/roles", admin()), 200);
    }

    @Test
    void forbidden() {
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        conforms("GET", "/v1/users", api.get("/v1/users", ops), 403);
        conforms("GET", "/v1/roles", api.get("/v1/roles", ops), 403);
    }

    @Test
    void unauthenticatedWithoutToken() {
        conforms("GET", "/v1/me", api.get("/v1/me", null), 401);
    }

    @Test
    void unauthenticatedWithExpiredToken() {
        Api clockedApi = new Api(clocked);
        String token = clockedApi.token(TestSandboxes.demo(clocked, "support"));
        clock.advance(clocked.options().tokenTtl().plus(Duration.ofSeconds(1)));
        Api.Response r = clockedApi.get("/v1/me", token);
        conforms("GET", "/v1/me", r, 401);
        assertThat(r.json().get("detail").asText()).contains("expired");
    }

    @Test
    void rateLimitedAfterFailedSignIns() {
        Api.Response r = null;
        for (int i = 0; i < 6; i++) {
            r = api.signIn("contract-lockout", "wrong-" + i);
        }
        conforms("POST", "/v1/sessions", r, 429);
        assertThat(r.header("Retry-After")).matches("\\d+");
    }

    @Test
    void signOut() {
        Api.Response r = api.delete("/v1/sessions/current", admin());
        conforms("DELETE", "/v1/sessions/current", r, 204);
    }

    @Test
    void unknownPathIsAProblem() {
        Api.Response r = api.get("/v1/no-such-thing", admin());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertValid("/components/responses/NotFound/content/application~1problem+json/schema", r.json());
    }

    // --- the check itself can fail ---

    @Test
    void anExtraPropertyIsCaught() {
        ObjectNode health = (ObjectNode) api.get("/v1/health", null).json();
        health.put("uptime", 12);
        assertThatThrownBy(() -> conforms("GET", "/v1/health", fake(200, "application/json", health), 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("uptime");
    }

    @Test
    void aMissingPropertyOrWrongValueIsCaught() {
        ObjectNode me = (ObjectNode) api.get("/v1/me", admin()).json();
        me.remove("roles");
        ((com.fasterxml.jackson.databind.node.ArrayNode) me.get("permissions")).add("launch.missiles");
        assertThatThrownBy(() -> conforms("GET", "/v1/me", fake(200, "application/json", me), 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("roles")
                .hasMessageContaining("launch.missiles");
    }

    @Test
    void anUndocumentedStatusOrWrongMediaTypeIsCaught() {
        JsonNode health = api.get("/v1/health", null).json();
        assertThatThrownBy(() -> conforms("GET", "/v1/health", fake(201, "application/json", health), 201))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not documented");
        assertThatThrownBy(() -> conforms("GET", "/v1/health", fake(200, "text/plain", health), 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("media type");
    }

    // --- helpers ---

    /** Asserts that {@code r} is what the contract documents for {@code method path} with {@code status}. */
    static void conforms(String method, String path, Api.Response r, int status) {
        assertThat(r.status()).as("status of %s %s: %s", method, path, r).isEqualTo(status);
        OpenApi.Operation op = CONTRACT.operation(method, path)
                .orElseThrow(() -> new AssertionError(method + " " + path + " is not in the contract"));
        JsonNode documented = CONTRACT.response(op, status)
                .orElseThrow(() -> new AssertionError("status " + status + " is not documented for " + op));
        JsonNode content = documented.get("content");
        if (content == null || content.isEmpty()) {
            assertThat(r.body()).as("%s %d has no body in the contract", op, status).isEmpty();
            return;
        }
        String actualType = r.contentType() == null ? "" : r.contentType().split(";")[0].trim();
        List<String> documentedTypes = new ArrayList<>();
        content.fieldNames().forEachRemaining(documentedTypes::add);
        if (!documentedTypes.contains(actualType)) {
            throw new AssertionError("media type of " + op + " " + status + " is '" + actualType
                    + "', the contract documents " + documentedTypes);
        }
        assertValid(CONTRACT.responseSchemaPointer(op, status, actualType), r.json());
        // Documented headers that the contract marks as always present.
        for (Map.Entry<String, JsonNode> documentedHeader : documented.path("headers").properties()) {
            String header = documentedHeader.getKey();
            assertThat(r.header(header)).as("header %s of %s %d", header, op, status).isNotNull();
        }
        assertThat(r.header("X-Request-Id")).as("X-Request-Id").isNotBlank();
    }

    static void assertValid(String schemaPointer, JsonNode body) {
        List<String> violations = CONTRACT.validate(schemaPointer, body);
        if (!violations.isEmpty()) {
            throw new AssertionError("Body does not match " + schemaPointer + ": " + violations + "\n" + body);
        }
    }

    private static Api.Response fake(int status, String contentType, JsonNode body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(contentType),
                "X-Request-Id", List.of("fake")), (a, b) -> true);
        return new Api.Response(status, headers, body.toString());
    }
}
