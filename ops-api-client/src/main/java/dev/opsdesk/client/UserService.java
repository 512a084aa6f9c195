package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Account;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Role;
import dev.opsdesk.client.model.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Users and roles (needs {@code users.read}); accounts' sign-in state, unlocking and revoking ({@code users.manage}). */
public final class UserService {

    private final ApiTransport transport;
    private final JavaType userPage;
    private final JavaType roleList;
    private final JavaType accountPage;

    UserService(ApiTransport transport) {
        this.transport = transport;
        this.userPage = transport.mapper().getTypeFactory().constructParametricType(Page.class, User.class);
        this.roleList = transport.mapper().getTypeFactory().constructParametricType(Page.class, Role.class);
        this.accountPage = transport.mapper().getTypeFactory().constructParametricType(Page.class, Account.class);
    }

    /** {@code GET /v1/users}: one page, ordered by username. */
    public Page<User> list(PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get("/v1/users", query, userPage);
    }

    /** Every user, fetched page by page as the iteration proceeds. */
    public Iterable<User> all() {
        return Paging.iterate(PageRequest.MAX_LIMIT, this::list);
    }

    /** {@code GET /v1/roles}: the role and permission table the server enforces. */
    public List<Role> roles() {
        Page<Role> page = transport.get("/v1/roles", null, roleList);
        return page.items();
    }

    /** {@code GET /v1/accounts}: one page of users with their sign-in state, ordered by username. */
    public Page<Account> accounts(PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get("/v1/accounts", query, accountPage);
    }

    /** {@code POST /v1/accounts/{username}/unlock}: forgets its failed sign-ins, so it may sign in at once. */
    public Account unlock(String username, RequestOptions action) {
        return transport.post("/v1/accounts/" + segment(username) + "/unlock", null,
                transport.mapper().constructType(Account.class), Objects.requireNonNull(action, "action"), true);
    }

    /** {@code POST /v1/accounts/{username}/revoke-sessions}: signs the user out everywhere. */
    public Account revokeSessions(String username, RequestOptions action) {
        return transport.post("/v1/accounts/" + segment(username) + "/revoke-sessions", null,
                transport.mapper().constructType(Account.class), Objects.requireNonNull(action, "action"), true);
    }

    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
