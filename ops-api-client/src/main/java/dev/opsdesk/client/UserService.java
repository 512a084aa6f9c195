package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Role;
import dev.opsdesk.client.model.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Users and roles (needs {@code users.read}). */
public final class UserService {

    private final ApiTransport transport;
    private final JavaType userPage;
    private final JavaType roleList;

    UserService(ApiTransport transport) {
        this.transport = transport;
        this.userPage = transport.mapper().getTypeFactory().constructParametricType(Page.class, User.class);
        this.roleList = transport.mapper().getTypeFactory().constructParametricType(Page.class, Role.class);
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
}
