package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.client.model.Session;
import dev.opsdesk.desktop.settings.AppSettings;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.InvalidServerAddressException;
import dev.opsdesk.desktop.ui.UserMessage;
import dev.opsdesk.sandbox.DemoUser;
import dev.opsdesk.sandbox.SandboxServer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * State and commands of the sign-in view: where to connect (built-in sandbox or a server address),
 * the demo users of the sandbox, the credentials, and the outcome of the last attempt.
 *
 * <p>Signing in asks the server's health first (to tell an ops API from anything else and learn its
 * environment), then signs in. A failure leaves everything as typed except the password.
 */
public final class SignInViewModel {

    public enum SandboxStatus { NOT_STARTED, STARTING, RUNNING, FAILED }

    /** Where the client made only to load its classes points; it sends nothing. */
    private static final URI CLIENT_WARM_UP_ADDRESS = URI.create("http://127.0.0.1:1");

    private final BuiltInSandbox sandbox;
    private final ClientFactory clients;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final AppSettings settings;
    private final Runnable saveSettings;
    private final Consumer<ActiveSession> onSignedIn;

    private final ObjectProperty<ConnectionChoice> connection = new SimpleObjectProperty<>(this, "connection");
    private final StringProperty serverAddress = new SimpleStringProperty(this, "serverAddress", "");
    private final ObservableList<String> knownServers = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SandboxStatus> sandboxStatus =
            new ReadOnlyObjectWrapper<>(this, "sandboxStatus", SandboxStatus.NOT_STARTED);
    private final ReadOnlyStringWrapper sandboxStatusText = new ReadOnlyStringWrapper(this, "sandboxStatusText", "");
    private final ObservableList<DemoUser> demoUsers = FXCollections.observableArrayList();
    private final ObservableList<DemoUser> demoUsersView = FXCollections.unmodifiableObservableList(demoUsers);
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    /** {@link #busy} for the sandbox's start, which runs on a worker thread. */
    private volatile boolean signingIn;
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyObjectWrapper<UserMessage> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final BooleanBinding canSignIn;

    private BackgroundTask<ActiveSession> signInTask;

    public SignInViewModel(BuiltInSandbox sandbox, ClientFactory clients, BackgroundTasks tasks, ErrorMessages errors,
                           AppSettings settings, Runnable saveSettings, Consumer<ActiveSession> onSignedIn) {
        this.sandbox = Objects.requireNonNull(sandbox);
        this.clients = Objects.requireNonNull(clients);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.settings = Objects.requireNonNull(settings);
        this.saveSettings = Objects.requireNonNull(saveSettings);
        this.onSignedIn = Objects.requireNonNull(onSignedIn);

        knownServers.setAll(settings.servers());
        if (!knownServers.isEmpty()) {
            serverAddress.set(knownServers.get(0));
        }
        if (settings.lastUsername() != null) {
            username.set(settings.lastUsername());
        }
        connection.set(ConnectionChoice.parse(settings.lastConnection()));
        canSignIn = Bindings.createBooleanBinding(
                () -> !busy.get() && !username.get().isBlank() && !password.get().isEmpty()
                        && (connection.get() == ConnectionChoice.BUILT_IN_SANDBOX || !serverAddress.get().isBlank()),
                busy, username, password, connection, serverAddress);
        connection.addListener((obs, old, now) -> {
            error.set(null);
            if (now == ConnectionChoice.BUILT_IN_SANDBOX) {
                startSandbox();
            }
        });
    }

    /** Preselects a server address (the {@code --server} option). */
    public void preselectServer(String address) {
        serverAddress.set(address);
        connection.set(ConnectionChoice.SERVER_URL);
    }

    /** Called when the view is first shown: starts the sandbox if it is the choice. */
    public void activate() {
        if (connection.get() == ConnectionChoice.BUILT_IN_SANDBOX) {
            startSandbox();
        }
    }

    /** Starts the built-in sandbox in the background, unless it runs or is starting already. */
    public void startSandbox() {
        SandboxStatus status = sandboxStatus.get();
        if (status == SandboxStatus.STARTING || status == SandboxStatus.RUNNING) {
            return;
        }
        sandboxStatus.set(SandboxStatus.STARTING);
        sandboxStatusText.set("Starting the training sandbox…");
        // Beside the boot: loading the client's classes (OkHttp, Jackson) took seconds after it.
        tasks.task("Preparing the connection", progress -> {
                    clients.create(CLIENT_WARM_UP_ADDRESS).close();
                    return null;
                })
                .cancellable(false)
                .start();
        tasks.task("Starting the training sandbox", progress -> {
                    progress.message("Creating the demo database…");
                    SandboxServer server = sandbox.ensureStarted();
                    if (!signingIn) {
                        warmUp(server);
                    }
                    return server;
                })
                .cancellable(false)
                .onSuccess(this::sandboxRunning)
                .onFailure(e -> {
                    sandboxStatus.set(SandboxStatus.FAILED);
                    sandboxStatusText.set("The training sandbox could not start.");
                    error.set(errors.describe("Could not start the training sandbox", e));
                })
                .start();
    }

    /**
     * One health request while the person is still typing: loads the HTTP and JSON machinery (and
     * wakes the server's) so that signing in does not pay for it. Failure here is harmless. Not sent
     * when a sign-in already waits for the sandbox (an automatic one): its own health request comes at
     * once, and on two cores a second one beside it made the main window ~70 ms later.
     */
    private void warmUp(SandboxServer server) {
        try (OpsClient client = clients.create(server.baseUri())) {
            client.health();
        } catch (RuntimeException ignored) {
            // The sign-in itself will report whatever is wrong.
        }
    }

    private void sandboxRunning(SandboxServer server) {
        if (!busy.get()) {
            // The person is typing: seed now. A sign-in under way seeds when it is answered.
            sandbox.letSeed();
            sandbox.seedNow();
        }
        sandboxStatus.set(SandboxStatus.RUNNING);
        sandboxStatusText.set("Running on this computer at " + server.baseUri().getHost() + ":" + server.port()
                + " with demo data");
        demoUsers.setAll(server.demoUsers());
    }

    /** Fills the username from a demo user of the sandbox. */
    public void chooseDemoUser(DemoUser user) {
        if (user != null) {
            username.set(user.username());
            error.set(null);
        }
    }

    /** Signs in with what is entered; does nothing while {@link #canSignInProperty()} is false. */
    public void signIn() {
        if (!canSignIn.get()) {
            return;
        }
        error.set(null);
        notice.set(null);
        ConnectionChoice choice = connection.get();
        String user = username.get().trim();
        char[] secret = password.get().toCharArray();
        URI typed = null;
        if (choice == ConnectionChoice.SERVER_URL) {
            try {
                typed = parseServerAddress(serverAddress.get());
            } catch (InvalidServerAddressException e) {
                Arrays.fill(secret, '\0');
                password.set("");
                error.set(errors.signInFailed(e, null));
                return;
            }
        }
        final URI address = typed;
        AtomicReference<URI> target = new AtomicReference<>(address);
        busy.set(true);
        signingIn = true;
        progressText.set(address == null ? "Connecting to the training sandbox…" : "Connecting to " + address + "…");
        signInTask = tasks.task(address == null ? "Signing in to the training sandbox" : "Signing in to " + address,
                progress -> {
                    try {
                        URI base = address;
                        boolean builtIn = base == null;
                        if (builtIn) {
                            progress.message("Waiting for the training sandbox to start…");
                            base = sandbox.ensureStarted().baseUri();
                            target.set(base);
                        }
                        progress.message("Checking the server at " + base + "…");
                        OpsClient client = clients.create(base);
                        try {
                            Health health = client.health();
                            progress.message("Signing in as " + user + "…");
                            Session session = client.sessions().signIn(user, secret);
                            if (progress.isCancelled()) {
                                client.sessions().signOut();
                                throw new CancellationException("Sign-in cancelled");
                            }
                            return new ActiveSession(client, new ServerConnection(base, health, builtIn), session);
                        } catch (Throwable t) {
                            client.close();
                            throw t;
                        }
                    } finally {
                        Arrays.fill(secret, '\0');
                    }
                });
        signInTask.messageProperty().addListener((obs, old, now) -> {
            if (now != null && !now.isBlank()) {
                progressText.set(now);
            }
        });
        signInTask
                .onSuccess(session -> {
                    settings.setLastUsername(user);
                    settings.setLastConnection(choice.name());
                    if (choice == ConnectionChoice.SERVER_URL) {
                        settings.rememberServer(serverAddress.get().trim());
                        knownServers.setAll(settings.servers());
                    }
                    saveSettings.run();
                    onSignedIn.accept(session);
                })
                .onFailure(e -> {
                    error.set(errors.signInFailed(e, target.get()));
                    sandbox.letSeed(); // no main window to make: the person retypes meanwhile
                })
                .onFinally(() -> {
                    busy.set(false);
                    signingIn = false;
                    progressText.set("");
                    password.set("");
                    signInTask = null;
                    // The sign-in may have started the sandbox after an earlier start failed.
                    if (address == null && sandboxStatus.get() != SandboxStatus.RUNNING) {
                        sandbox.current().ifPresent(this::sandboxRunning);
                    }
                    if (address == null) {
                        sandbox.seedNow();
                    }
                })
                .start();
    }

    /** Stops a sign-in that is waiting for the server. */
    public void cancelSignIn() {
        BackgroundTask<ActiveSession> task = signInTask;
        if (task != null) {
            task.cancel();
        }
    }

    /** After the server ended the session: say so and keep the username. */
    public void sessionExpired(String user) {
        returnedFromSession(user, errors.sessionExpired());
    }

    /** After the user signed out. */
    public void signedOut(String user) {
        returnedFromSession(user, new UserMessage("You signed out",
                "Your session was ended and its access token revoked.", "Sign in again to continue.", null));
    }

    private void returnedFromSession(String user, UserMessage message) {
        if (user != null) {
            username.set(user);
        }
        password.set("");
        error.set(null);
        notice.set(message);
    }

    /**
     * Parses what the user typed into the ops API's base address. Accepts a missing scheme
     * ({@code localhost:8080}) and a pasted {@code /v1} suffix.
     */
    static URI parseServerAddress(String text) {
        String input = text == null ? "" : text.trim();
        try {
            String cleaned = input.replaceAll("/+$", "").replaceAll("(?i)/v1$", "");
            return OpsClientConfig.parseServerAddress(cleaned);
        } catch (IllegalArgumentException e) {
            throw new InvalidServerAddressException(input, e.getMessage(), e);
        }
    }

    public ObjectProperty<ConnectionChoice> connectionProperty() {
        return connection;
    }

    public StringProperty serverAddressProperty() {
        return serverAddress;
    }

    public ObservableList<String> knownServers() {
        return knownServers;
    }

    public ReadOnlyObjectProperty<SandboxStatus> sandboxStatusProperty() {
        return sandboxStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sandboxStatusTextProperty() {
        return sandboxStatusText.getReadOnlyProperty();
    }

    public ObservableList<DemoUser> demoUsers() {
        return demoUsersView;
    }

    /** The demo users' common password, when the sandbox runs. */
    public String demoPassword() {
        return demoUsers.isEmpty() ? null : demoUsers.get(0).password();
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public BooleanBinding canSignInProperty() {
        return canSignIn;
    }
}
