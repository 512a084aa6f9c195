package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /v1/users: paging, its checks, and what a user looks like. */
class UsersPagingTest {

    private final SandboxServer server = TestSandboxes.shared();
    private final Api api = new Api(server);
    private final String admin = api.token(TestSandboxes.demo(server, "admin"));

    private List<JsonNode> all(int limit) {
        List<JsonNode> users = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response r = api.get("/v1/users?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(users::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertThat(++pages).isLessThan(1000);
        } while (cursor != null);
        return users;
    }

    @Test
    void pagingVisitsEveryUserExactlyOnceInUsernameOrder() {
        List<JsonNode> bySeven = all(7);
        List<String> usernames = bySeven.stream().map(u -> u.get("username").asText()).toList();
        assertThat(usernames).hasSize(7 + 60).doesNotHaveDuplicates().isSorted();
        assertThat(all(500).stream().map(u -> u.get("username").asText()).toList()).isEqualTo(usernames);
        assertThat(all(1).stream().map(u -> u.get("id").asText()).toList())
                .isEqualTo(bySeven.stream().map(u -> u.get("id").asText()).toList());
    }

    @Test
    void theDefaultPageHasFiftyUsers() {
        JsonNode page = api.get("/v1/users", admin).json();
        assertThat(page.get("items").size()).isEqualTo(50);
        assertThat(page.get("nextCursor").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "abc", "1.5", ""})
    void aBadLimitIsAValidationProblem(String limit) {
        Api.Response r = api.get("/v1/users?limit=" + limit, admin);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("validation");
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("limit");
    }

    @Test
    void aGarbageCursorIsAValidationProblem() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        List<String> bad = List.of(
                "!!!not-base64!!!",
                b64.encodeToString("admin".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString("users:".getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe}),
                "A".repeat(600));
        for (String cursor : bad) {
            Api.Response r = api.get("/v1/users?cursor=" + cursor, admin);
            assertThat(r.status()).as(cursor).isEqualTo(400);
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("cursor");
        }
    }

    @Test
    void usersShowRolesAndOnlyBoundUsersShowWarehouses() {
        List<JsonNode> users = all(500);
        for (DemoUser demo : server.demoUsers()) {
            JsonNode user = users.stream().filter(u -> u.get("username").asText().equals(demo.username()))
                    .findFirst().orElseThrow();
            assertThat(user.get("displayName").asText()).isEqualTo(demo.displayName());
            assertThat(user.get("roles").toString()).isEqualTo("[\"" + demo.role() + "\"]");
            if (demo.warehouses().isEmpty()) {
                assertThat(user.has("warehouses")).isFalse();
            } else {
                assertThat(user.get("warehouses").toString()).isEqualTo("[\"WH-1\",\"WH-2\"]");
            }
        }
        assertThat(users).allSatisfy(u -> assertThat(u.has("warehouses"))
                .isEqualTo(u.get("roles").get(0).asText().equals("warehouse")));
    }
}
