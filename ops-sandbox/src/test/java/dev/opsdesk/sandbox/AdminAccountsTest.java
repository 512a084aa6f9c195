package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The administration of accounts: sign-in state per user, unlocking a locked account, revoking sessions. */
class AdminAccountsTest {

    private static SandboxServer server;
    private static Api api;
    private static String admin;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        api = new Api(server);
        admin = api.token(TestSandboxes.demo(server, "admin"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode account(String username) {
        Api.Response r = api.get("/v1/accounts?limit=200", admin);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        for (JsonNode a : r.json().get("items")) {
            if (a.get("username").asText().equals(username)) {
                return a;
            }
        }
        throw new AssertionError(username + " not listed");
    }

    private static String lastAction() {
        return server.dsl().select(AUDIT_EVENT.ACTION).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQUENCE.desc()).limit(1)
                .fetchOne(AUDIT_EVENT.ACTION);
    }

    @Test
    void anAdminUnlocksALockedAccountWhichCanThenSignIn() {
        DemoUser finance = TestSandboxes.demo(server, "finance");
        for (int i = 0; i < 5; i++) {
            assertThat(api.signIn(finance.username(), "wrong-" + i).status()).isEqualTo(401);
        }
        assertThat(api.signIn(finance.username(), finance.password()).status()).as("locked").isEqualTo(429);
        JsonNode locked = account(finance.username());
        assertThat(locked.get("locked").asBoolean()).isTrue();
        assertThat(locked.get("lockedUntil").isTextual()).isTrue();
        assertThat(locked.get("failedSignIns").asInt()).isEqualTo(5);
        assertThat(locked.get("roles").get(0).asText()).isEqualTo("finance");

        Api.Response unlocked = api.postWithKey("/v1/accounts/" + finance.username() + "/unlock", admin, null, null);
        assertThat(unlocked.status()).as("%s", unlocked).isEqualTo(200);
        assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
        assertThat(unlocked.json().get("failedSignIns").asInt()).isZero();
        assertThat(lastAction()).isEqualTo("user.unlocked");

        assertThat(api.signIn(finance.username(), finance.password()).status()).isEqualTo(201);
        JsonNode after = account(finance.username());
        assertThat(after.get("lastSignInAt").isTextual()).isTrue();
        assertThat(after.get("openSessions").asInt()).isPositive();
    }

    @Test
    void anAdminRevokesAUsersSessionsAndTheirTokensStopWorking() {
        DemoUser auditor = TestSandboxes.demo(server, "auditor");
        String token = api.token(auditor);
        assertThat(api.get("/v1/me", token).status()).isEqualTo(200);
        assertThat(account(auditor.username()).get("openSessions").asInt()).isPositive();

        Api.Response revoked = api.postWithKey("/v1/accounts/" + auditor.username() + "/revoke-sessions", admin, null,
                null);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertThat(revoked.json().get("openSessions").asInt()).isZero();
        assertThat(lastAction()).isEqualTo("user.sessions.revoked");
        assertThat(api.get("/v1/me", token).status()).isEqualTo(401);
        assertThat(api.get("/v1/me", admin).status()).as("the admin's own session stays").isEqualTo(200);
    }

    @Test
    void onlyAdministratorsSeeAndManageAccounts() {
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        assertThat(api.get("/v1/accounts", ops).status()).isEqualTo(403);
        assertThat(api.postWithKey("/v1/accounts/ops/unlock", ops, null, null).status()).isEqualTo(403);
        assertThat(api.postWithKey("/v1/accounts/nobody-here/unlock", admin, null, null).status()).isEqualTo(404);
        JsonNode me = api.get("/v1/me", admin).json();
        assertThat(me.get("permissions").toString()).contains("users.manage");
        assertThat(api.get("/v1/me", ops).json().get("permissions").toString()).doesNotContain("users.manage");
    }
}
