package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.ForbiddenException;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.SessionListener;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.UnauthenticatedException;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * State and commands of the main window while signed in: who is signed in and what they may do
 * (re-read from the server on F5, after a 403 and now and then), the sections of the
 * {@link SectionRegistry} they may see, the environment banner, the connection state, signing out,
 * and the hand-back to the sign-in view when the server ends the session.
 */
public final class MainViewModel {

    /** Where the main window goes when the session ends. */
    public interface Navigator {
        void signedOut(String username);

        void sessionExpired(String username);
    }

    /** While connected, the server is checked on every {@value}th {@link #heartbeat()}. */
    static final int CONNECTED_CHECK_EVERY = 6;

    private static final Logger LOG = LoggerFactory.getLogger(MainViewModel.class);

    private final ActiveSession session;
    private final SectionRegistry registry;
    private final OpsClient client;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final Navigator navigator;
    private final SessionListener sessionListener;

    private final ReadOnlyObjectWrapper<Me> me = new ReadOnlyObjectWrapper<>(this, "me");
    private final ObservableList<Section> sections = FXCollections.observableArrayList();
    private final ObservableList<Section> sectionsView = FXCollections.unmodifiableObservableList(sections);
    private final ReadOnlyObjectWrapper<Section> selectedSection = new ReadOnlyObjectWrapper<>(this, "selectedSection");
    private final ReadOnlyStringWrapper displayName = new ReadOnlyStringWrapper(this, "displayName");
    private final ReadOnlyStringWrapper rolesText = new ReadOnlyStringWrapper(this, "rolesText");
    private final ObservableList<PermissionLine> permissions = FXCollections.observableArrayList();
    private final ObservableList<PermissionLine> permissionsView = FXCollections.unmodifiableObservableList(permissions);
    private final ReadOnlyObjectWrapper<ConnectionState> connectionState =
            new ReadOnlyObjectWrapper<>(this, "connectionState", ConnectionState.CONNECTED);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper(this, "connectionText");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper(this, "refreshing");
    private final ReadOnlyBooleanWrapper signingOut = new ReadOnlyBooleanWrapper(this, "signingOut");
    private final EnvironmentBanner banner;
    private final LiveUpdates liveUpdates;

    private boolean ended;
    private boolean checking;
    private boolean rechecking;
    private int heartbeats;

    public MainViewModel(ActiveSession session, SectionRegistry registry, BackgroundTasks tasks, ErrorMessages errors,
                         Navigator navigator) {
        this.session = Objects.requireNonNull(session);
        this.registry = Objects.requireNonNull(registry);
        this.client = session.client();
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.navigator = Objects.requireNonNull(navigator);
        this.banner = EnvironmentBanner.of(session.server());
        this.liveUpdates = new LiveUpdates(tasks.ui());

        me.addListener((obs, old, now) -> applyMe(now));
        me.set(session.me());
        setConnection(ConnectionState.CONNECTED);

        // The client reports an ended session on the thread that made the request; hop to the UI.
        sessionListener = cause -> tasks.ui().execute(this::sessionEnded);
        client.addSessionListener(sessionListener);
    }

    private void applyMe(Me now) {
        displayName.set(now.user().displayName());
        rolesText.set(String.join(", ", now.roles()));
        permissions.setAll(PermissionLine.allOf(now));
        List<Section> visible = registry.visibleTo(now);
        sections.setAll(visible);
        if (selectedSection.get() == null || !visible.contains(selectedSection.get())) {
            selectedSection.set(visible.isEmpty() ? null : visible.get(0));
        }
    }

    /**
     * Subscribes to the server's live events, once for the whole session (the sections share it).
     * Any signed-in user may: the server sends each user only the topics and records they may read.
     * Closed when the session ends.
     */
    public void startLiveUpdates() {
        if (!ended) {
            liveUpdates.start(client.events());
        }
    }

    /** The session's live event stream. */
    public LiveUpdates liveUpdates() {
        return liveUpdates;
    }

    /** Shows the section if the user may see it. */
    public boolean select(Section section) {
        if (section != null && sections.contains(section)) {
            selectedSection.set(section);
            return true;
        }
        return false;
    }

    /** The Ctrl+digit shortcut: sections keep their digit whether or not the ones before them show. */
    public boolean selectByShortcut(int digit) {
        return registry.byShortcut(digit).map(this::select).orElse(false);
    }

    /** The permissions of {@code section} that the user holds, in words. */
    public List<PermissionLine> permissionsFor(Section section) {
        return PermissionLine.of(me.get(), section.relatedPermissions());
    }

    /** Asks the server again who the user is and what they may do. */
    public void refresh() {
        if (ended || refreshing.get()) {
            return;
        }
        refreshing.set(true);
        tasks.task("Refreshing your permissions", progress -> client.me())
                .onSuccess(now -> {
                    setMe(now);
                    error.set(null);
                    setConnection(ConnectionState.CONNECTED);
                })
                .onFailure(e -> handleFailure("Could not refresh your permissions", e, true))
                .onFinally(() -> refreshing.set(false))
                .start();
    }

    /**
     * The server refused something with 403: it may know of a permission change we do not, so ask
     * again, quietly. If permissions did change, the navigation and the sections follow {@link #meProperty()}.
     */
    public void recheckPermissions() {
        if (ended || refreshing.get() || rechecking || signingOut.get()) {
            return;
        }
        rechecking = true;
        tasks.task("Checking your permissions", progress -> client.me())
                .quiet()
                .onSuccess(this::setMe)
                .onFailure(e -> handleFailure("Could not check your permissions", e, false))
                .onFinally(() -> rechecking = false)
                .start();
    }

    private void setMe(Me now) {
        if (!now.equals(me.get())) {
            me.set(now);
        }
    }

    /**
     * Called every few seconds by the view: while connected it checks the session now and then,
     * while reconnecting on every call, so the status bar and an expired session are noticed.
     */
    public void heartbeat() {
        if (ended || checking || signingOut.get()) {
            return;
        }
        heartbeats++;
        if (connectionState.get() == ConnectionState.CONNECTED && heartbeats % CONNECTED_CHECK_EVERY != 0) {
            return;
        }
        checking = true;
        tasks.task("Checking the connection", progress -> client.me())
                .quiet()
                .onSuccess(now -> {
                    if (connectionState.get() == ConnectionState.RECONNECTING) {
                        error.set(null);
                    }
                    setConnection(ConnectionState.CONNECTED);
                    setMe(now);
                })
                .onFailure(e -> handleFailure("Lost the connection to the server", e, false))
                .onFinally(() -> checking = false)
                .start();
    }

    /**
     * What every command of the main window does with a failure: an ended session goes back to
     * sign-in, an unreachable server shows "Reconnecting", a refusal (403) re-reads the permissions,
     * anything else is shown as an error.
     */
    public void handleFailure(String headline, Throwable e, boolean show) {
        if (e instanceof UnauthenticatedException) {
            sessionEnded();
            return;
        }
        if (e instanceof ForbiddenException) {
            recheckPermissions();
        }
        if (e instanceof TransportException) {
            setConnection(ConnectionState.RECONNECTING);
            error.set(errors.describe(headline, e, session.server().baseUri()));
            return;
        }
        if (show) {
            error.set(errors.describe(headline, e, session.server().baseUri()));
        } else {
            LOG.warn("{}", headline, e);
        }
    }

    /** Revokes the session on the server, then returns to sign-in (also when the server is unreachable). */
    /**
     * The user's work that signing out now would stop, in words ("Exporting failures to f.xlsx"), or
     * empty: the view asks before signing out over it (a list being loaded does not count).
     */
    public java.util.List<String> workInProgress() {
        return tasks.running().stream().filter(t -> t.isUserWork() && !t.isDone()).map(t -> t.title()).toList();
    }

    public void signOut() {
        if (ended || signingOut.get()) {
            return;
        }
        signingOut.set(true);
        client.removeSessionListener(sessionListener);
        tasks.task("Signing out", progress -> {
                    client.sessions().signOut();
                    return null;
                })
                .cancellable(false)
                .onFailure(e -> LOG.info("Sign-out could not reach the server; the token was forgotten locally", e))
                .onFinally(() -> {
                    end();
                    navigator.signedOut(session.username());
                })
                .start();
    }

    /** The server no longer accepts the session: go back to sign-in, keeping the username. */
    public void sessionEnded() {
        if (ended || signingOut.get()) {
            return;
        }
        setConnection(ConnectionState.SESSION_EXPIRED);
        end();
        navigator.sessionExpired(session.username());
    }

    /** Clears the error shown in the main window. */
    public void dismissError() {
        error.set(null);
    }

    /** Leaves the session without telling the server (application exit does its own sign-out). */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        client.removeSessionListener(sessionListener);
        liveUpdates.close();
        tasks.task("Closing the connection", progress -> {
            client.close();
            return null;
        }).quiet().cancellable(false).start();
    }

    public boolean isEnded() {
        return ended;
    }

    private void setConnection(ConnectionState state) {
        connectionState.set(state);
        connectionText.set(switch (state) {
            case CONNECTED -> "Connected to " + session.server().hostAndPort();
            case RECONNECTING -> "Cannot reach " + session.server().hostAndPort() + " — retrying…";
            case SESSION_EXPIRED -> "Session expired";
        });
    }

    public ActiveSession session() {
        return session;
    }

    /** Every section of the main window, the visible ones or not. */
    public SectionRegistry registry() {
        return registry;
    }

    public EnvironmentBanner banner() {
        return banner;
    }

    /** "Ops Desk — TRAINING SANDBOX — Olivia Ops". */
    public String windowTitle() {
        return "Ops Desk — " + banner.shortLabel() + " — " + displayName.get();
    }

    public String username() {
        return session.username();
    }

    public Instant sessionExpiresAt() {
        return session.session().expiresAt();
    }

    public ReadOnlyObjectProperty<Me> meProperty() {
        return me.getReadOnlyProperty();
    }

    public ObservableList<Section> sections() {
        return sectionsView;
    }

    public ReadOnlyObjectProperty<Section> selectedSectionProperty() {
        return selectedSection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty displayNameProperty() {
        return displayName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rolesTextProperty() {
        return rolesText.getReadOnlyProperty();
    }

    public ObservableList<PermissionLine> permissions() {
        return permissionsView;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() {
        return connectionState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty signingOutProperty() {
        return signingOut.getReadOnlyProperty();
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ErrorMessages errors() {
        return errors;
    }
}
