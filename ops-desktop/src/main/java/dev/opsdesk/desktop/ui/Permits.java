package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Scope;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * "May I, and if not, why — in words?" for any action, from the permissions and scopes the server
 * sent for the signed-in user (never from role names). It follows the user's permissions as they
 * change (the shell reads {@code /v1/me} again), so an open section can re-ask.
 *
 * <p>The server still decides: a 403 is shown as a clear message all the same. This only lets the
 * UI grey out what would be refused, and say why beforehand.
 *
 * <p>Scopes narrow a permission along one dimension each (see {@link Dimension}); a dimension the
 * scope leaves null is unlimited. {@code notOwn} (approve, never one's own) is
 * {@link #mayOnOthers(String, String, String)}.
 */
public final class Permits {

    /** What a scope can narrow a permission to. */
    public enum Dimension {
        QUEUE(Scope::queues),
        WAREHOUSE(Scope::warehouses),
        RECON_KIND(Scope::reconKinds);

        private final Function<Scope, List<String>> values;

        Dimension(Function<Scope, List<String>> values) {
            this.values = values;
        }
    }

    /** The action words of each permission, for "Your role may not …". */
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry(Permissions.FAILURES_READ, "read failures"),
            Map.entry(Permissions.FAILURES_REPLAY, "replay failures"),
            Map.entry(Permissions.FAILURES_RESOLVE, "resolve or dismiss failures"),
            Map.entry(Permissions.INVENTORY_READ, "see inventory"),
            Map.entry(Permissions.INVENTORY_RESYNC, "resync stock"),
            Map.entry(Permissions.INVENTORY_ADJUST, "adjust stock"),
            Map.entry(Permissions.STOCKCOUNT_SUBMIT, "submit stock counts"),
            Map.entry(Permissions.AUDIT_READ, "read the audit trail"),
            Map.entry(Permissions.AUDIT_EXPORT, "export the audit trail (it needs audit.export)"),
            Map.entry(Permissions.RECON_READ, "see reconciliations"),
            Map.entry(Permissions.RECON_PREPARE, "prepare reconciliations"),
            Map.entry(Permissions.RECON_APPROVE, "approve reconciliations"),
            Map.entry(Permissions.EXPORT, "export tables"),
            Map.entry(Permissions.USERS_READ, "see users"),
            Map.entry(Permissions.USERS_MANAGE, "unlock accounts or revoke sessions"));

    private final ReadOnlyObjectWrapper<Me> me = new ReadOnlyObjectWrapper<>(this, "me");

    /** Follows {@code user}: every answer is about its current value. */
    public Permits(ObservableValue<Me> user) {
        me.bind(Objects.requireNonNull(user, "user"));
    }

    /** For a user whose permissions do not change while this lives (tests, the command line). */
    public static Permits of(Me user) {
        return new Permits(new ReadOnlyObjectWrapper<>(Objects.requireNonNull(user, "user")));
    }

    /** The signed-in user; a listener here hears of every permission change. */
    public ReadOnlyObjectProperty<Me> meProperty() {
        return me.getReadOnlyProperty();
    }

    public Me me() {
        return me.get();
    }

    public String username() {
        return me.get().user().username();
    }

    /** Whether the permission is held at all (in some scope). */
    public boolean has(String permission) {
        return me.get().has(permission);
    }

    /** Held, or why not: "Your role may not export tables." */
    public Permit may(String permission) {
        return has(permission) ? Permit.ALLOWED : Permit.no("Your role may not " + verb(permission) + ".");
    }

    /** {@link #may(String)}, kept up to date as the user's permissions change (for a button's gate). */
    public ObservableValue<Permit> permitOf(String permission) {
        return Bindings.createObjectBinding(() -> may(permission), me);
    }

    /**
     * The values of {@code all} (in that order) the permission covers along {@code dimension}: every one
     * when held without a limit there, none when not held.
     */
    public List<String> allowed(String permission, Dimension dimension, List<String> all) {
        if (!has(permission)) {
            return List.of();
        }
        List<String> scoped = me.get().scopeOf(permission).map(dimension.values).orElse(null);
        return scoped == null ? List.copyOf(all) : all.stream().filter(scoped::contains).toList();
    }

    /** Whether the permission covers {@code value} along {@code dimension} (e.g. warehouse WH-1). */
    public boolean covers(String permission, Dimension dimension, String value) {
        if (!has(permission)) {
            return false;
        }
        List<String> scoped = me.get().scopeOf(permission).map(dimension.values).orElse(null);
        return scoped == null || scoped.contains(value);
    }

    /**
     * The permission on a record whose {@code dimension} is {@code value}, or why not:
     * "You may replay inventory syncs and fulfillment exports only — not payment callbacks. Ask a
     * colleague who handles payment callbacks."
     *
     * @param verb   what the action does, e.g. "replay"
     * @param all    every value of the dimension, in the order to name them
     * @param noun   the value in words, e.g. PAYMENT_CALLBACK → "payment callbacks"
     */
    public Permit mayOn(String permission, String verb, Dimension dimension, String value, List<String> all,
                        Function<String, String> noun) {
        Permit held = may(permission);
        if (!held.allowed()) {
            return held;
        }
        if (covers(permission, dimension, value)) {
            return Permit.ALLOWED;
        }
        List<String> allowed = allowed(permission, dimension, all);
        String mine = Formats.joinWords(allowed.stream().map(noun).toList());
        String theirs = noun.apply(value);
        return Permit.no("You may " + verb + " " + mine + " only — not " + theirs + ". Ask a colleague who handles "
                + theirs + ".");
    }

    /**
     * A permission that never applies to one's own records (approving a run one prepared): allowed
     * when held and {@code owner} is someone else, else why not.
     *
     * @param whyOwn what to say when it is one's own, e.g. "You prepared this run — someone else must approve it."
     */
    public Permit mayOnOthers(String permission, String owner, String whyOwn) {
        Permit held = may(permission);
        if (!held.allowed()) {
            return held;
        }
        boolean notOwn = me.get().scopeOf(permission).map(Scope::notOwn).orElse(Boolean.FALSE);
        return notOwn && username().equals(owner) ? Permit.no(whyOwn) : Permit.ALLOWED;
    }

    private static String verb(String permission) {
        return VERBS.getOrDefault(permission, "do this (it needs " + permission + ")");
    }
}
