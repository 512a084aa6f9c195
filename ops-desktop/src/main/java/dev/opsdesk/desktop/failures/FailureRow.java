package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the failures table. Its failure is replaced in place when a live event or an action
 * changes it, so the table updates that row without moving, re-sorting or reloading anything.
 */
public final class FailureRow {

    private final String id;
    private final ReadOnlyObjectWrapper<Failure> failure;

    FailureRow(Failure failure) {
        this.id = failure.id();
        this.failure = new ReadOnlyObjectWrapper<>(this, "failure", failure);
    }

    public String id() {
        return id;
    }

    public Failure failure() {
        return failure.get();
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** Takes the newer of the current and the given state (events and answers may cross). */
    boolean update(Failure next) {
        Failure current = failure.get();
        if (current.updatedAt() != null && next.updatedAt() != null && next.updatedAt().isBefore(current.updatedAt())) {
            return false;
        }
        failure.set(next);
        return true;
    }

    @Override
    public String toString() {
        return "FailureRow[" + id + ", " + failure.get().status() + "]";
    }
}
