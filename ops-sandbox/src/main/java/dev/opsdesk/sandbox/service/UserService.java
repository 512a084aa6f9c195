package dev.opsdesk.sandbox.service;

import static dev.opsdesk.sandbox.db.Tables.APP_USER;
import static dev.opsdesk.sandbox.db.Tables.USER_ROLE;
import static dev.opsdesk.sandbox.db.Tables.USER_WAREHOUSE;

import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.db.tables.records.AppUserRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reads users with their roles and warehouse bindings. */
public final class UserService {

    private final DSLContext dsl;

    public UserService(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** One page of users ordered by username. */
    public record UserPage(List<UserView> items, boolean hasMore) {
    }

    /** Up to {@code limit} users whose username sorts after {@code afterUsername} (null: from the start). */
    public UserPage page(String afterUsername, int limit) {
        var query = dsl.selectFrom(APP_USER);
        List<AppUserRecord> rows = (afterUsername == null
                ? query.orderBy(APP_USER.USERNAME)
                : query.where(APP_USER.USERNAME.gt(afterUsername)).orderBy(APP_USER.USERNAME))
                .limit(limit + 1)
                .fetch();
        boolean hasMore = rows.size() > limit;
        List<AppUserRecord> page = hasMore ? rows.subList(0, limit) : rows;
        return new UserPage(views(page), hasMore);
    }

    /** Every user, by username (the sandbox has tens of them, not thousands). */
    public List<UserView> all() {
        return views(dsl.selectFrom(APP_USER).orderBy(APP_USER.USERNAME).fetch());
    }

    /** The user with this username (usernames are stored in lower case). */
    public Optional<UserView> findByUsername(String username) {
        return dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username.toLowerCase(java.util.Locale.ROOT)))
                .fetchOptional().map(r -> views(List.of(r)).get(0));
    }

    public Optional<UserView> findById(String id) {
        return dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional().map(r -> views(List.of(r)).get(0));
    }

    List<UserView> views(List<AppUserRecord> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        List<String> ids = users.stream().map(AppUserRecord::getId).toList();
        Map<String, List<RoleName>> roles = rolesOf(ids);
        Map<String, List<String>> warehouses = warehousesOf(ids);
        List<UserView> views = new ArrayList<>(users.size());
        for (AppUserRecord u : users) {
            List<RoleName> userRoles = new ArrayList<>(roles.getOrDefault(u.getId(), List.of()));
            userRoles.sort(Comparator.naturalOrder());
            List<String> userWarehouses = new ArrayList<>(warehouses.getOrDefault(u.getId(), List.of()));
            userWarehouses.sort(Comparator.naturalOrder());
            views.add(new UserView(u.getId(), u.getUsername(), u.getDisplayName(), userRoles, userWarehouses));
        }
        return views;
    }

    private Map<String, List<RoleName>> rolesOf(Collection<String> userIds) {
        Map<String, List<RoleName>> result = new HashMap<>();
        dsl.select(USER_ROLE.USER_ID, USER_ROLE.ROLE)
                .from(USER_ROLE)
                .where(USER_ROLE.USER_ID.in(userIds))
                .forEach(r -> RoleName.fromWireName(r.value2()).ifPresent(
                        role -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(role)));
        return result;
    }

    private Map<String, List<String>> warehousesOf(Collection<String> userIds) {
        Map<String, List<String>> result = new HashMap<>();
        dsl.select(USER_WAREHOUSE.USER_ID, USER_WAREHOUSE.WAREHOUSE_CODE)
                .from(USER_WAREHOUSE)
                .where(USER_WAREHOUSE.USER_ID.in(userIds))
                .forEach(r -> result.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return result;
    }
}
