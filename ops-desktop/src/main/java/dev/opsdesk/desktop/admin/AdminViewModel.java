package dev.opsdesk.desktop.admin;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Account;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.list.PagedList;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.UserMessage;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Administration section: every account with its sign-in state (a server-paged list), the selected one, and
 * the two things an administrator does to it — unlock it, revoke its sessions — each gated by {@code users.manage}
 * and by the account's state.
 */
public final class AdminViewModel {

    static final int PAGE_SIZE = 200;

    private final OpsClient client;
    private final Permits permits;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final PagedList<Account, String> list;
    private final ObjectProperty<Account> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<UserMessage> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ObjectBinding<Permit> unlockPermit;
    private final ObjectBinding<Permit> revokePermit;

    public AdminViewModel(OpsClient client, Permits permits, BackgroundTasks tasks, ErrorMessages errors, URI server) {
        this.client = Objects.requireNonNull(client);
        this.permits = Objects.requireNonNull(permits);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.list = new PagedList<Account, String>(tasks, errors, server,
                new PagedList.Nouns("account", "accounts"), PAGE_SIZE,
                (q, page) -> client.users().accounts(page), Account::username);
        this.unlockPermit = permit(a -> a.locked() || a.failedSignIns() > 0 ? Permit.ALLOWED
                : Permit.no(a.username() + " is not locked and has no failed sign-ins to forget."));
        this.revokePermit = permit(a -> a.openSessions() > 0 ? Permit.ALLOWED
                : Permit.no(a.username() + " has no open sessions."));
    }

    private ObjectBinding<Permit> permit(Function<Account, Permit> byState) {
        return Bindings.createObjectBinding(() -> {
            Permit may = permits.may(Permissions.USERS_MANAGE);
            if (!may.allowed()) {
                return may;
            }
            Account a = selected.get();
            return a == null ? Permit.no("Select an account.") : byState.apply(a);
        }, selected, permits.meProperty());
    }

    /** Loads the accounts from the first page. */
    public void reload() {
        list.load("all");
    }

    /** Unlocks the selected account: it may sign in again at once. */
    public void unlock() {
        act("Unlocking", "unlock", a -> client.users().unlock(a.username(), RequestOptions.newAction()),
                a -> new UserMessage("Unlocked " + a.username(), a.displayName()
                        + " may sign in again now; their failed sign-ins are forgotten.", "", null));
    }

    /** Signs the selected account out everywhere. */
    public void revokeSessions() {
        act("Revoking sessions of", "revoke the sessions of",
                a -> client.users().revokeSessions(a.username(), RequestOptions.newAction()),
                a -> new UserMessage("Signed " + a.username() + " out everywhere", a.displayName()
                        + " must sign in again on every workstation.", "", null));
    }

    private void act(String doing, String verb, java.util.function.Function<Account, Account> call,
                     Function<Account, UserMessage> done) {
        Account a = selected.get();
        if (a == null || busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        outcome.set(null);
        tasks.task(doing + " " + a.username(), progress -> call.apply(a))
                .cancellable(false)
                .onSuccess(after -> {
                    outcome.set(done.apply(after));
                    selected.set(after);
                    list.reload();
                })
                .onFailure(e -> error.set(errors.describe("Could not " + verb + " " + a.username(), e, server)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    public void dismissOutcome() {
        outcome.set(null);
    }

    public void dismissError() {
        error.set(null);
    }

    public PagedList<Account, String> list() {
        return list;
    }

    public ObjectProperty<Account> selectedProperty() {
        return selected;
    }

    public ObjectBinding<Permit> unlockPermit() {
        return unlockPermit;
    }

    public ObjectBinding<Permit> revokePermit() {
        return revokePermit;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void dispose() {
        list.dispose();
    }
}
