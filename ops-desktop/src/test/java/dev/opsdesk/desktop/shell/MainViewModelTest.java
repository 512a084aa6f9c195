package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.StandardSections;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.ForbiddenException;
import dev.opsdesk.client.UnauthenticatedException;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Scope;
import dev.opsdesk.client.model.Session;
import dev.opsdesk.client.model.User;
import dev.opsdesk.desktop.testing.FakeServers;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.opsdesk.desktop.shell.Section.AUDIT;
import static dev.opsdesk.desktop.shell.Section.FAILURES;
import static dev.opsdesk.desktop.shell.Section.INVENTORY;
import static dev.opsdesk.desktop.shell.Section.OVERVIEW;
import static dev.opsdesk.desktop.shell.Section.RECONCILIATION;
import static dev.opsdesk.desktop.shell.Section.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The main window's view model against a real in-process sandbox, with inline background tasks. */
class MainViewModelTest {

    private final List<String> navigation = new ArrayList<>();

    private final MainViewModel.Navigator navigator = new MainViewModel.Navigator() {
        @Override
        public void signedOut(String username) {
            navigation.add("signedOut " + username);
        }

        @Override
        public void sessionExpired(String username) {
            navigation.add("sessionExpired " + username);
        }
    };

    private static ActiveSession signIn(String username) {
        URI base = TestSandbox.shared().baseUri();
        OpsClient client = ClientFactory.standard().create(base);
        Health health = client.health();
        Session session = client.sessions().signIn(username, TestSandbox.user(username).password().toCharArray());
        return new ActiveSession(client, new ServerConnection(base, health, true), session);
    }

    private static final SectionRegistry SECTIONS = StandardSections.registry();

    private MainViewModel mainFor(ActiveSession session) {
        return new MainViewModel(session, SECTIONS, BackgroundTasks.inline(), ErrorMessages.systemDefault(), navigator);
    }

    /** A signed-in session whose user, as the desktop last heard, held only {@code permissions}. */
    private static ActiveSession withStalePermissions(ActiveSession real, String... permissions) {
        Me server = real.me();
        Me stale = new Me(server.user(), server.roles(), List.of(permissions), Map.of(), null);
        Session session = real.session();
        return new ActiveSession(real.client(), real.server(), new Session(session.token(), session.expiresAt(), stale));
    }

    @Test
    void navigationFollowsThePermissionsTheServerGrants() {
        assertThat(mainFor(signIn("support")).sections()).containsExactly(OVERVIEW, FAILURES, AUDIT, SETTINGS);
        assertThat(mainFor(signIn("warehouse")).sections()).containsExactly(OVERVIEW, INVENTORY, AUDIT, RECONCILIATION, SETTINGS);
        assertThat(mainFor(signIn("finance")).sections()).containsExactly(OVERVIEW, FAILURES, AUDIT, RECONCILIATION, SETTINGS);
        assertThat(mainFor(signIn("admin")).sections()).containsExactlyElementsOf(SECTIONS.sections());
    }

    @Test
    void gatingIsByPermissionNotRole() {
        User user = new User("u1", "someone", "Some One", List.of("admin"), List.of());
        Me onlyAudit = new Me(user, List.of("admin"), List.of("audit.read"), Map.of(), null);
        Me nothing = new Me(user, List.of("admin"), List.of(), Map.of(), null);
        Me inventoryOnly = new Me(user, List.of(), List.of("inventory.read"), Map.of(), null);

        assertThat(SECTIONS.visibleTo(onlyAudit)).containsExactly(AUDIT, SETTINGS);
        assertThat(SECTIONS.visibleTo(nothing)).containsExactly(SETTINGS);
        assertThat(SECTIONS.visibleTo(inventoryOnly)).containsExactly(OVERVIEW, INVENTORY, SETTINGS);
    }

    @Test
    void shortcutsKeepTheirDigitAndSkipHiddenSections() {
        MainViewModel vm = mainFor(signIn("warehouse"));
        assertThat(vm.selectedSectionProperty().get()).isEqualTo(OVERVIEW);

        assertThat(vm.selectByShortcut(2)).isFalse(); // Failures: not for warehouse staff
        assertThat(vm.selectedSectionProperty().get()).isEqualTo(OVERVIEW);
        assertThat(vm.selectByShortcut(3)).isTrue();
        assertThat(vm.selectedSectionProperty().get()).isEqualTo(INVENTORY);
        assertThat(vm.selectByShortcut(6)).isTrue();
        assertThat(vm.selectedSectionProperty().get()).isEqualTo(SETTINGS);
        assertThat(vm.selectByShortcut(7)).isFalse();
    }

    @Test
    void refreshingRereadsThePermissionsAndTheNavigationFollows() {
        ActiveSession ops = signIn("ops");
        MainViewModel vm = mainFor(withStalePermissions(ops, "audit.read"));
        List<Me> seen = new ArrayList<>();
        vm.meProperty().addListener((obs, old, now) -> seen.add(now));
        assertThat(vm.sections()).containsExactly(AUDIT, SETTINGS);
        assertThat(vm.selectedSectionProperty().get()).isEqualTo(AUDIT);

        vm.refresh();

        assertThat(seen).hasSize(1);
        assertThat(vm.meProperty().get().permissions()).containsExactlyInAnyOrderElementsOf(ops.me().permissions());
        assertThat(vm.sections()).containsExactly(OVERVIEW, FAILURES, INVENTORY, AUDIT, SETTINGS);
        assertThat(vm.selectedSectionProperty().get()).as("the section on show stays").isEqualTo(AUDIT);
        vm.refresh();
        assertThat(seen).as("no change, no event").hasSize(1);
    }

    @Test
    void aRefusalFromTheServerRereadsThePermissionsAndHidesWhatWasTakenAway() {
        ActiveSession support = signIn("support");
        MainViewModel vm = mainFor(withStalePermissions(support, "failures.read", "audit.read", "inventory.read"));
        assertThat(vm.select(INVENTORY)).isTrue();

        vm.handleFailure("Could not load stock", new ForbiddenException("not allowed", 403, null, "req-1", "GET",
                "/v1/inventory"), true);

        assertThat(vm.meProperty().get().has("inventory.read")).isFalse();
        assertThat(vm.sections()).doesNotContain(INVENTORY).contains(FAILURES);
        assertThat(vm.selectedSectionProperty().get()).as("a hidden section is left").isEqualTo(OVERVIEW);
        assertThat(navigation).isEmpty();
    }

    @Test
    void headerAndBannerDescribeUserAndEnvironment() {
        MainViewModel vm = mainFor(signIn("warehouse"));

        assertThat(vm.displayNameProperty().get()).isEqualTo(TestSandbox.user("warehouse").displayName());
        assertThat(vm.rolesTextProperty().get()).isEqualTo("warehouse");
        assertThat(vm.banner().kind()).isEqualTo(EnvironmentBanner.Kind.SANDBOX);
        assertThat(vm.banner().text()).isEqualTo("TRAINING SANDBOX — changes here do not touch real orders");
        assertThat(vm.windowTitle()).contains("TRAINING SANDBOX");
        assertThat(vm.connectionStateProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(vm.permissionsFor(INVENTORY)).extracting(PermissionLine::scope).contains("only warehouses WH-1, WH-2");
    }

    @Test
    void aRevokedSessionGoesBackToSignInOnTheNextAction() {
        MainViewModel vm = mainFor(signIn("approver"));

        TestSandbox.shared().revokeAllSessions();
        vm.refresh();

        assertThat(navigation).containsExactly("sessionExpired approver");
        assertThat(vm.connectionStateProperty().get()).isEqualTo(ConnectionState.SESSION_EXPIRED);
        assertThat(vm.isEnded()).isTrue();
        vm.refresh();
        assertThat(navigation).hasSize(1);
    }

    @Test
    void theHeartbeatNoticesARevokedSession() {
        MainViewModel vm = mainFor(signIn("auditor"));

        TestSandbox.shared().revokeAllSessions();
        for (int i = 0; i < MainViewModel.CONNECTED_CHECK_EVERY; i++) {
            vm.heartbeat();
        }

        assertThat(navigation).containsExactly("sessionExpired auditor");
    }

    @Test
    void signingOutRevokesTheTokenOnTheServer() {
        ActiveSession session = signIn("ops");
        String token = session.session().token();
        MainViewModel vm = mainFor(session);

        vm.signOut();

        assertThat(navigation).containsExactly("signedOut ops");
        try (OpsClient other = OpsClient.create(OpsClientConfig.builder(TestSandbox.shared().baseUri()).build())) {
            other.sessions().useToken(token);
            assertThatThrownBy(other::me).isInstanceOf(UnauthenticatedException.class);
        }
    }

    @Test
    void anUnreachableServerShowsReconnectingAndRecovers() {
        URI dead = FakeServers.closedPort();
        OpsClient client = OpsClient.create(OpsClientConfig.builder(dead).noRetries().build());
        User user = new User("u9", "ops", "Olivia Ops", List.of("ops"), List.of());
        Me me = new Me(user, List.of("ops"), List.of("failures.read"), Map.of(), null);
        Health health = new Health("UP", "ops-api", "1.0", "PRODUCTION", "Production", Instant.now());
        ActiveSession session = new ActiveSession(client, new ServerConnection(dead, health, false),
                new Session("t", Instant.now().plusSeconds(3600), me));
        MainViewModel vm = mainFor(session);

        vm.refresh();

        assertThat(vm.connectionStateProperty().get()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(vm.connectionTextProperty().get()).contains("Cannot reach 127.0.0.1:" + dead.getPort());
        assertThat(vm.errorProperty().get().reason()).contains("Could not reach " + dead);
        assertThat(navigation).isEmpty();
        assertThat(vm.banner().kind()).isEqualTo(EnvironmentBanner.Kind.PRODUCTION);
        assertThat(vm.banner().text()).contains("PRODUCTION").contains("127.0.0.1:" + dead.getPort());
        client.close();
    }

    @Test
    void bannersTellEnvironmentsApart() {
        URI prod = URI.create("https://ops.shop.example");
        Health production = new Health("UP", "ops-api", "1", "PRODUCTION", "Production", Instant.now());
        Health staging = new Health("UP", "ops-api", "1", "STAGING", "Pre-release", Instant.now());
        Health sandbox = new Health("UP", "ops-api", "1", "SANDBOX", "Training sandbox", Instant.now());

        assertThat(EnvironmentBanner.of(new ServerConnection(prod, production, false)).text())
                .isEqualTo("PRODUCTION — live orders and real money  ·  ops.shop.example");
        assertThat(EnvironmentBanner.of(new ServerConnection(prod, staging, false)).text())
                .startsWith("STAGING (Pre-release)").endsWith("ops.shop.example");
        assertThat(EnvironmentBanner.of(new ServerConnection(prod, sandbox, false)).text())
                .startsWith("TRAINING SANDBOX").endsWith("ops.shop.example");
    }

    @Test
    void scopesAreDescribedInWords() {
        assertThat(PermissionLine.describe(new Scope(List.of("PAYMENT_CALLBACK"), null, null, null, null)))
                .isEqualTo("only queues: payment callbacks");
        assertThat(PermissionLine.describe(new Scope(null, List.of("WH-1"), null, List.of("STOCK_COUNT"), null)))
                .isEqualTo("only warehouses WH-1; stock counts");
        assertThat(PermissionLine.describe(new Scope(null, null, null, null, true))).isEqualTo("never your own");
        assertThat(PermissionLine.describe(new Scope(null, null, "ORDERS", null, null)))
                .isEqualTo("only events about orders and payments");
    }
}
