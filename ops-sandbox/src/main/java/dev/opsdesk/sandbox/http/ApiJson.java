package dev.opsdesk.sandbox.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Scope;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.UserView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire shapes of ops-api.yaml's schemas, as records with the contract's property names. */
final class ApiJson {

    private ApiJson() {
    }

    record Health(String status, String service, String version, String environment, String environmentName,
                  Instant time) {
    }

    record Session(String token, Instant expiresAt, Me user) {
    }

    record User(String id, String username, String displayName, List<String> roles, List<String> warehouses) {

        static User of(UserView view) {
            return new User(view.id(), view.username(), view.displayName(), roleNames(view.roles()),
                    view.warehouses().isEmpty() ? null : view.warehouses());
        }
    }

    record UserPage(List<User> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    record ScopeJson(List<String> queues, List<String> warehouses, String audit, List<String> reconKinds,
                     Boolean notOwn) {

        static ScopeJson of(Scope scope) {
            return new ScopeJson(scope.queues(), scope.warehouses(), scope.audit(), scope.reconKinds(),
                    scope.notOwn());
        }
    }

    record Me(User user, List<String> roles, List<String> permissions, Map<String, ScopeJson> scopes,
              @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warehouseScope) {

        static Me of(Principal principal) {
            Map<String, ScopeJson> scopes = new LinkedHashMap<>();
            principal.permissions().forEach((permission, scope) -> {
                if (!scope.isUnlimited()) {
                    scopes.put(permission.wireName(), ScopeJson.of(scope));
                }
            });
            UserView user = principal.user();
            return new Me(User.of(user), roleNames(user.roles()),
                    principal.permissions().keySet().stream().map(Permission::wireName).toList(), scopes,
                    user.warehouses().isEmpty() ? null : user.warehouses());
        }
    }

    record Role(String name, List<String> permissions, Map<String, ScopeJson> scopes) {
    }

    record RoleList(List<Role> items) {
    }

    record Problem(String type, String title, int status, String detail, String instance, String requestId,
                   List<FieldError> errors,
                   @com.fasterxml.jackson.annotation.JsonIgnore java.util.Map<String, Object> extensions) {

        /** Extension members (RFC 9457 §3.2) beside the standard ones. */
        @com.fasterxml.jackson.annotation.JsonAnyGetter
        java.util.Map<String, Object> members() {
            return extensions == null ? java.util.Map.of() : extensions;
        }
    }

    static List<String> roleNames(List<RoleName> roles) {
        return roles.stream().map(RoleName::wireName).toList();
    }
}
