package dev.opsdesk.desktop.failures;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/** One choice of the queue selector, with its live count of open failures. */
public final class QueueTab {

    private final String queue;
    private final ReadOnlyLongWrapper open = new ReadOnlyLongWrapper(this, "open", -1);

    QueueTab(String queue) {
        this.queue = queue;
    }

    /** The queue, or null for all the user may read. */
    public String queue() {
        return queue;
    }

    public String label() {
        return queue == null ? "All queues" : FailureTexts.queue(queue);
    }

    /** Open (and replaying) failures; -1 until known. */
    public ReadOnlyLongProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    void setOpen(long value) {
        open.set(value);
    }

    /** The queue's id for lookups, e.g. {@code queue-payment_callback}. */
    public String nodeId() {
        return "queue-" + (queue == null ? "all" : queue.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return label();
    }
}
