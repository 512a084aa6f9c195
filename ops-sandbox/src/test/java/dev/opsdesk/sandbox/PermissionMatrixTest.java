package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every role against one table, src/test/resources/permission-matrix.csv. A new endpoint in the
 * contract without a row fails {@link #everyOperationOfTheContractHasARow()}.
 */
class PermissionMatrixTest {

    private static final String MATRIX = "/permission-matrix.csv";
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    record Row(String method, String path, Map<String, Integer> expected) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<String> roles() {
        return header().subList(2, header().size());
    }

    private static List<String> header() {
        return lines().get(0);
    }

    private static List<List<String>> lines() {
        try (InputStream in = PermissionMatrixTest.class.getResourceAsStream(MATRIX)) {
            assertThat(in).as(MATRIX).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> Arrays.stream(l.split(",", -1)).map(String::strip).toList())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Row> rows() {
        List<String> header = header();
        List<Row> rows = new ArrayList<>();
        for (List<String> cells : lines().subList(1, lines().size())) {
            assertThat(cells).as("row %s", cells).hasSize(header.size());
            Map<String, Integer> expected = new java.util.LinkedHashMap<>();
            for (int i = 2; i < header.size(); i++) {
                expected.put(header.get(i), Integer.parseInt(cells.get(i)));
            }
            rows.add(new Row(cells.get(0), cells.get(1), expected));
        }
        return rows;
    }

    static Stream<Arguments> cases() {
        return rows().stream().flatMap(row -> roles().stream().map(role -> Arguments.of(row, role)));
    }

    /** The row's path with its placeholders replaced by seeded records of the shared sandbox. */
    static String concrete(String path) {
        if (!path.contains("{")) {
            return path;
        }
        DSLContext dsl = TestSandboxes.shared().dsl();
        return path
                .replace("{paymentFailure}", openFailure(dsl, "PAYMENT_CALLBACK"))
                .replace("{inventoryFailure}", openFailure(dsl, "INVENTORY_SYNC"))
                .replace("{job}", "J-000001")
                .replace("{run}", "R-000001")
                .replace("{exception}", dsl.select(DSL.min(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.ID))
                        .from(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION)
                        .where(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.RUN_ID.eq("R-000001"))
                        .fetchOne(0, String.class))
                .replace("{order}", dsl.select(DSL.min(CUSTOMER_ORDER.ORDER_NUMBER)).from(CUSTOMER_ORDER)
                        .fetchOne(0, String.class));
    }

    private static String openFailure(DSLContext dsl, String queue) {
        return dsl.select(DSL.min(FAILURE.ID)).from(FAILURE).where(FAILURE.QUEUE.eq(queue))
                .and(FAILURE.STATUS.eq("OPEN")).fetchOne(0, String.class);
    }

    @Test
    void headerNamesEveryRoleInContractOrder() {
        assertThat(header().subList(0, 2)).containsExactly("method", "path");
        List<String> contractRoles = new ArrayList<>();
        OpenApi.load().document().at("/components/schemas/RoleName/enum").forEach(n -> contractRoles.add(n.asText()));
        assertThat(roles()).containsExactlyElementsOf(contractRoles);
        assertThat(TestSandboxes.shared().demoUsers().stream().map(DemoUser::role).toList())
                .containsExactlyElementsOf(contractRoles);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void statusMatchesTheMatrix(Row row, String role) {
        SandboxServer server = TestSandboxes.shared();
        Api api = new Api(server);
        DemoUser user = TestSandboxes.demo(server, role);
        Api.Response response;
        if (row.method().equals("POST") && row.path().equals("/v1/sessions")) {
            response = api.signIn(user.username(), user.password());
        } else {
            // Signing out revokes the token: that row gets a session of its own.
            String token = row.path().equals("/v1/sessions/current")
                    ? api.token(user)
                    : TOKENS.computeIfAbsent(role, r -> api.token(user));
            response = api.request(row.method(), concrete(row.path())).token(token).send();
        }
        assertThat(response.status()).as("%s as %s: %s", row, role, response).isEqualTo(row.expected().get(role));
        if (response.status() == 403) {
            assertThat(response.problemType()).isEqualTo("forbidden");
        }
    }

    @Test
    void everyOperationOfTheContractHasARow() {
        List<Row> rows = rows();
        for (OpenApi.Operation op : OpenApi.load().operations()) {
            if (op.path().equals("/v1/health")) {
                continue;
            }
            assertThat(rows).as("a row in %s for %s", MATRIX, op)
                    .anyMatch(r -> op.matches(r.method(), r.path()));
        }
    }

    @Test
    void everyRowIsAnOperationOfTheContract() {
        for (Row row : rows()) {
            assertThat(OpenApi.load().operation(row.method(), row.path())).as("%s in the contract", row).isPresent();
        }
    }

    @Test
    void everyNonPublicOperationNeedsABearerToken() {
        Api api = new Api(TestSandboxes.shared());
        for (Row row : rows()) {
            OpenApi.Operation op = OpenApi.load().operation(row.method(), row.path()).orElseThrow();
            if (op.isPublic()) {
                continue;
            }
            Api.Response response = api.request(row.method(), concrete(row.path())).send();
            assertThat(response.status()).as("%s without a token: %s", op, response).isEqualTo(401);
            assertThat(response.problemType()).isEqualTo("unauthenticated");
        }
    }
}
