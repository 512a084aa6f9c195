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
    private final javafx.beans.property.ReadOnlyBooleanWrapper left =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "left");

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

    /**
     * It no longer matches the list's filter (resolved while the list shows open ones): shown as
     * having left, not counted, and gone at the next load — rather than jumping out from under the
     * person reading it.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty leftProperty() {
        return left.getReadOnlyProperty();
    }

    public boolean hasLeft() {
        return left.get();
    }

    /** Marks it as having left the filter; false when it already had. */
    boolean leave() {
        if (left.get()) {
            return false;
        }
        left.set(true);
        return true;
    }

    @Override
    public String toString() {
        return "FailureRow[" + id + ", " + failure.get().status() + "]";
    }
}
