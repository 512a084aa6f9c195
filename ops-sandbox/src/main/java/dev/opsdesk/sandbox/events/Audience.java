package dev.opsdesk.sandbox.events;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import java.util.List;
import java.util.Objects;

/**
 * Who may receive an event: whoever may do {@code permission} on one of {@code records} (a failure: its queue; a
 * bulk replay: the queues of its failures; an audit event: its actor, warehouse and order), and its {@code owner}
 * (the user who started a job sees its progress whatever it holds), if any.
 */
public record Audience(Permission permission, List<Target> records, String owner) {

    public Audience {
        Objects.requireNonNull(permission, "permission");
        records = List.copyOf(records);
    }

    public static Audience of(Permission permission, Target record) {
        return new Audience(permission, List.of(record), null);
    }

    public boolean admits(Scopes reader) {
        if (owner != null && owner.equals(reader.username())) {
            return true;
        }
        for (Target t : records) {
            if (reader.may(permission, t)) {
                return true;
            }
        }
        return false;
    }
}
