package dev.opsdesk.desktop.shell;

import com.sun.net.httpserver.HttpServer;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.settings.AppSettings;
import dev.opsdesk.desktop.testing.FakeServers;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.InvalidServerAddressException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sign-in view model against a real in-process sandbox, with inline background tasks (no toolkit). */
class SignInViewModelTest {

    private final AppSettings settings = new AppSettings();
    private final List<ActiveSession> signedIn = new ArrayList<>();
    private int saves;

    private SignInViewModel viewModel() {
        return new SignInViewModel(BuiltInSandbox.sharing(TestSandbox.shared()), ClientFactory.standard(),
                BackgroundTasks.inline(), ErrorMessages.systemDefault(), settings, () -> saves++, signedIn::add);
    }

    @AfterEach
    void closeSessions() {
        signedIn.forEach(s -> {
            s.client().sessions().signOut();
            s.client().close();
        });
    }

    @Test
    void builtInSandboxListsDemoUsersAndSignsInAsTheChosenOne() {
        SignInViewModel vm = viewModel();
        assertThat(vm.connectionProperty().get()).isEqualTo(ConnectionChoice.BUILT_IN_SANDBOX);

        vm.activate();
        assertThat(vm.sandboxStatusProperty().get()).isEqualTo(SignInViewModel.SandboxStatus.RUNNING);
        assertThat(vm.demoUsers()).extracting(u -> u.username())
                .containsExactly("warehouse", "ops", "support", "finance", "approver", "auditor", "admin");

        vm.chooseDemoUser(TestSandbox.user("ops"));
        assertThat(vm.usernameProperty().get()).isEqualTo("ops");
        assertThat(vm.canSignInProperty().get()).isFalse();
        vm.passwordProperty().set(vm.demoPassword());
        vm.signIn();

        assertThat(vm.errorProperty().get()).isNull();
        assertThat(signedIn).hasSize(1);
        ActiveSession session = signedIn.get(0);
        assertThat(session.username()).isEqualTo("ops");
        assertThat(session.me().has(Permissions.FAILURES_READ)).isTrue();
        assertThat(session.server().builtInSandbox()).isTrue();
        assertThat(session.server().health().isSandbox()).isTrue();
        assertThat(session.server().baseUri()).isEqualTo(TestSandbox.shared().baseUri());
        assertThat(vm.passwordProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(settings.lastUsername()).isEqualTo("ops");
        assertThat(settings.lastConnection()).isEqualTo("BUILT_IN_SANDBOX");
        assertThat(saves).isEqualTo(1);
    }

    @Test
    void wrongPasswordSaysSoKeepsTheUsernameAndARetryWorks() {
        SignInViewModel vm = viewModel();
        vm.usernameProperty().set("auditor");
        vm.passwordProperty().set("not-the-password");

        vm.signIn();

        assertThat(signedIn).isEmpty();
        assertThat(vm.errorProperty().get().headline()).isEqualTo("Sign-in failed");
        assertThat(vm.errorProperty().get().reason()).isEqualTo("The username or password is not right.");
        assertThat(vm.errorProperty().get().requestId()).isNotBlank();
        assertThat(vm.usernameProperty().get()).isEqualTo("auditor");
        assertThat(vm.passwordProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();

        vm.passwordProperty().set("sandbox");
        vm.signIn();

        assertThat(vm.errorProperty().get()).isNull();
        assertThat(signedIn).extracting(ActiveSession::username).containsExactly("auditor");
    }

    @Test
    void serverUrlSignInRemembersTheAddress() {
        SignInViewModel vm = viewModel();
        String address = TestSandbox.shared().baseUri() + "/";
        vm.preselectServer(address);
        vm.usernameProperty().set("finance");
        vm.passwordProperty().set("sandbox");

        vm.signIn();

        assertThat(signedIn).hasSize(1);
        assertThat(signedIn.get(0).server().builtInSandbox()).isFalse();
        assertThat(settings.servers()).containsExactly(address);
        assertThat(vm.knownServers()).containsExactly(address);
        assertThat(settings.lastConnection()).isEqualTo("SERVER_URL");
    }

    @Test
    void anAddressThatIsNotAnOpsApiIsNamedInTheError() {
        HttpServer html = FakeServers.htmlServer();
        try {
            SignInViewModel vm = viewModel();
            URI address = FakeServers.uriOf(html);
            vm.preselectServer(address.toString());
            vm.usernameProperty().set("ops");
            vm.passwordProperty().set("sandbox");

            vm.signIn();

            assertThat(signedIn).isEmpty();
            assertThat(vm.errorProperty().get().reason()).startsWith(address + " answers, but it is not an ops API");
            assertThat(vm.serverAddressProperty().get()).isEqualTo(address.toString());
            assertThat(vm.usernameProperty().get()).isEqualTo("ops");
            assertThat(settings.servers()).isEmpty();
        } finally {
            html.stop(0);
        }
    }

    @Test
    void anUnreachableAddressIsNamedInTheError() {
        SignInViewModel vm = viewModel();
        URI address = FakeServers.closedPort();
        vm.preselectServer(address.toString());
        vm.usernameProperty().set("ops");
        vm.passwordProperty().set("sandbox");

        vm.signIn();

        assertThat(vm.errorProperty().get().reason()).isEqualTo("Could not reach " + address + ": nothing answered there.");
    }

    @Test
    void aMalformedAddressIsRejectedBeforeAnythingIsSent() {
        SignInViewModel vm = viewModel();
        vm.preselectServer("http://exa mple.com");
        vm.usernameProperty().set("ops");
        vm.passwordProperty().set("sandbox");

        vm.signIn();

        assertThat(vm.errorProperty().get().reason()).isEqualTo("“http://exa mple.com” is not a valid server address.");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.passwordProperty().get()).isEmpty();
    }

    @Test
    void aLockedAccountSaysWhenToTryAgain() {
        SignInViewModel vm = viewModel();
        String username = "lockout-probe-" + System.nanoTime(); // not a demo user: locking it disturbs no other test
        for (int attempt = 1; attempt <= 5; attempt++) {
            vm.usernameProperty().set(username);
            vm.passwordProperty().set("wrong-" + attempt);
            vm.signIn();
            assertThat(vm.errorProperty().get().reason()).isEqualTo("The username or password is not right.");
        }

        vm.passwordProperty().set("wrong-again");
        vm.signIn();

        assertThat(vm.errorProperty().get().reason()).isEqualTo("Too many failed sign-in attempts: this account is locked for now.");
        assertThat(vm.errorProperty().get().action()).matches("Try again at \\d\\d:\\d\\d \\(in \\d+ minutes?\\), with the right password\\.");
    }

    @Test
    void sessionExpiryNoticeKeepsTheUsername() {
        SignInViewModel vm = viewModel();

        vm.sessionExpired("support");

        assertThat(vm.noticeProperty().get().headline()).isEqualTo("Your session expired — sign in again");
        assertThat(vm.usernameProperty().get()).isEqualTo("support");
        assertThat(vm.passwordProperty().get()).isEmpty();
    }

    @Test
    void lastChoiceAndUsernameAreRestored() {
        settings.setLastConnection("SERVER_URL");
        settings.setLastUsername("approver");
        settings.rememberServer("https://ops.example.com");

        SignInViewModel vm = viewModel();

        assertThat(vm.connectionProperty().get()).isEqualTo(ConnectionChoice.SERVER_URL);
        assertThat(vm.usernameProperty().get()).isEqualTo("approver");
        assertThat(vm.serverAddressProperty().get()).isEqualTo("https://ops.example.com");
    }

    @Test
    void theSandboxsWarmUpRequestIsLeftOutWhenASignInAlreadyWaitsForIt() {
        URI sandboxUri = TestSandbox.shared().baseUri();
        List<URI> clientsMade = new ArrayList<>();
        ClientFactory counting = base -> {
            clientsMade.add(base);
            return ClientFactory.standard().create(base);
        };
        // Worker tasks wait in a queue until the test runs them: the order two threads would take.
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();

        // A person who types: once the sandbox runs, one health request is made for them ahead of the sign-in.
        SignInViewModel typing = new SignInViewModel(BuiltInSandbox.sharing(TestSandbox.shared()), counting,
                new BackgroundTasks(queued::add, Runnable::run), ErrorMessages.systemDefault(), settings,
                () -> saves++, signedIn::add);
        typing.activate();
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        assertThat(typing.sandboxStatusProperty().get()).isEqualTo(SignInViewModel.SandboxStatus.RUNNING);
        assertThat(clientsMade).filteredOn(sandboxUri::equals).hasSize(1);

        // An automatic sign-in, asked for while the sandbox still starts: its own request is the first.
        clientsMade.clear();
        SignInViewModel automatic = new SignInViewModel(BuiltInSandbox.sharing(TestSandbox.shared()), counting,
                new BackgroundTasks(queued::add, Runnable::run), ErrorMessages.systemDefault(), settings,
                () -> saves++, signedIn::add);
        automatic.activate();
        automatic.usernameProperty().set("ops");
        automatic.passwordProperty().set(TestSandbox.user("ops").password());
        automatic.signIn();
        assertThat(queued).hasSize(3); // preparing the client, starting the sandbox, signing in
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        assertThat(automatic.errorProperty().get()).isNull();
        assertThat(signedIn).hasSize(1);
        assertThat(clientsMade).as("only the sign-in's client talks to the sandbox").filteredOn(sandboxUri::equals)
                .hasSize(1);
    }

    @Test
    void typedAddressesAreNormalised() {
        assertThat(SignInViewModel.parseServerAddress("localhost:8080")).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(SignInViewModel.parseServerAddress(" https://ops.example.com/v1/ "))
                .isEqualTo(URI.create("https://ops.example.com"));
        assertThatThrownBy(() -> SignInViewModel.parseServerAddress("ftp://files.example.com"))
                .isInstanceOf(InvalidServerAddressException.class);
        assertThatThrownBy(() -> SignInViewModel.parseServerAddress(""))
                .isInstanceOf(InvalidServerAddressException.class);
    }
}
