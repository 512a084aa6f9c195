package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Roles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Roles and permissions: the code's table against the contract, the architecture page and the API's answers. */
class RolesTest {

    private static final Path ARCHITECTURE = Path.of("..", "src-docs", "architecture.md");

    private static List<String> enumOf(String schema) {
        return StreamSupport.stream(OpenApi.load().document().at("/components/schemas/" + schema + "/enum")
                .spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void permissionAndRoleNamesAreTheContracts() {
        assertThat(Arrays.stream(Permission.values()).map(Permission::wireName).toList())
                .containsExactlyElementsOf(enumOf("Permission"));
        assertThat(Arrays.stream(RoleName.values()).map(RoleName::wireName).toList())
                .containsExactlyElementsOf(enumOf("RoleName"));
    }

    /** Each cell of the table in src-docs/architecture.md: "–", "✓", or a scope such as "queues: A, B". */
    @Test
    void theTableMatchesTheArchitecturePage() throws IOException {
        List<String> lines = Files.readAllLines(ARCHITECTURE);
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| permission |")).findFirst().orElseThrow());
        List<String> roles = cells(lines.get(header)).subList(1, 8);
        assertThat(roles).containsExactlyElementsOf(enumOf("RoleName"));
        int rowCount = 0;
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = cells(line);
            Permission permission = Permission.fromWireName(cells.get(0)).orElseThrow(() ->
                    new AssertionError("unknown permission in architecture.md: " + cells.get(0)));
            for (int i = 0; i < roles.size(); i++) {
                RoleName role = RoleName.fromWireName(roles.get(i)).orElseThrow();
                String cell = cells.get(i + 1);
                Roles.Grant grant = Roles.grants(role).get(permission);
                String what = permission + " for " + role + " ('" + cell + "')";
                if (cell.equals("–")) {
                    assertThat(grant).as(what).isNull();
                } else {
                    assertThat(grant).as(what).isNotNull();
                    assertThat(describe(grant)).as(what).isEqualTo(cell.equals("✓") ? Map.of() : parse(cell));
                }
            }
            rowCount++;
        }
        assertThat(rowCount).isEqualTo(Permission.values().length);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.lastIndexOf('|'));
        return Arrays.stream(inner.split("\\|")).map(String::strip).toList();
    }

    /** "reconKinds: STOCK_COUNT, warehouses: own" -> {reconKinds=[STOCK_COUNT], warehouses=[own]}. */
    private static Map<String, List<String>> parse(String cell) {
        Map<String, List<String>> scope = new LinkedHashMap<>();
        String key = null;
        for (String part : cell.split(",\\s*")) {
            int colon = part.indexOf(':');
            if (colon >= 0) {
                key = part.substring(0, colon).strip();
                scope.put(key, new ArrayList<>(List.of(part.substring(colon + 1).strip())));
            } else if (part.strip().equals("notOwn")) {
                scope.put("notOwn", List.of());
            } else {
                scope.get(key).add(part.strip());
            }
        }
        return scope;
    }

    private static Map<String, List<String>> describe(Roles.Grant grant) {
        Map<String, List<String>> scope = new LinkedHashMap<>();
        if (grant.queues() != null) {
            scope.put("queues", grant.queues());
        }
        if (grant.reconKinds() != null) {
            scope.put("reconKinds", grant.reconKinds());
        }
        if (grant.ownWarehouses()) {
            scope.put("warehouses", List.of("own"));
        }
        if (grant.audit() != null) {
            scope.put("audit", List.of(grant.audit()));
        }
        if (grant.notOwn()) {
            scope.put("notOwn", List.of());
        }
        return scope;
    }

    @Test
    void getRolesPublishesTheTable() {
        SandboxServer server = TestSandboxes.shared();
        Api api = new Api(server);
        JsonNode items = api.get("/v1/roles", api.token(TestSandboxes.demo(server, "admin"))).json().get("items");
        assertThat(items).hasSize(RoleName.values().length);
        for (JsonNode role : items) {
            RoleName name = RoleName.fromWireName(role.get("name").asText()).orElseThrow();
            assertThat(StreamSupport.stream(role.get("permissions").spliterator(), false).map(JsonNode::asText))
                    .containsExactlyElementsOf(Roles.grants(name).keySet().stream().map(Permission::wireName).toList());
        }
        JsonNode ops = items.get(1);
        assertThat(ops.at("/scopes/failures.replay/queues").toString())
                .isEqualTo("[\"INVENTORY_SYNC\",\"FULFILLMENT_EXPORT\"]");
        JsonNode warehouse = items.get(0);
        assertThat(warehouse.at("/scopes/recon.read").toString())
                .isEqualTo("{\"warehouses\":[\"OWN\"],\"reconKinds\":[\"STOCK_COUNT\"]}");
        assertThat(items.get(6).get("scopes").toString()).isEqualTo("{\"recon.approve\":{\"notOwn\":true}}");
    }

    @Test
    void meShowsScopesOnlyForLimitedPermissions() {
        SandboxServer server = TestSandboxes.shared();
        Api api = new Api(server);
        JsonNode support = api.get("/v1/me", api.token(TestSandboxes.demo(server, "support"))).json();
        assertThat(support.get("permissions").toString()).isEqualTo(
                "[\"failures.read\",\"failures.replay\",\"failures.resolve\",\"audit.read\",\"export\"]");
        assertThat(support.get("scopes").toString()).isEqualTo("{"
                + "\"failures.read\":{\"queues\":[\"PAYMENT_CALLBACK\"]},"
                + "\"failures.replay\":{\"queues\":[\"PAYMENT_CALLBACK\"]},"
                + "\"failures.resolve\":{\"queues\":[\"PAYMENT_CALLBACK\"]},"
                + "\"audit.read\":{\"audit\":\"ORDERS\"}}");
        assertThat(support.get("warehouseScope").isNull()).isTrue();

        JsonNode auditor = api.get("/v1/me", api.token(TestSandboxes.demo(server, "auditor"))).json();
        assertThat(auditor.get("scopes").isEmpty()).isTrue();
        assertThat(auditor.toString()).doesNotContain("users.read");
    }
}
