package dev.opsdesk.sandbox.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every appended audit event to a subscriber (the live stream) once the transaction that appended it has
 * committed, and never one that rolled back. It wraps the database's transaction provider rather than listening to
 * transactions, because jOOQ tells listeners "commit ended" even when the commit failed. Events of a nested
 * transaction wait for the outermost one. Transactions run on the calling thread, so what a transaction appended is
 * kept per thread, on a stack of the transactions open on it.
 */
public final class AuditPublisher implements TransactionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(AuditPublisher.class);

    /** What one open transaction appended. */
    private record Open(TransactionContext tx, List<AuditQueries.Event> appended) {
    }

    private static final ThreadLocal<Deque<Open>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final TransactionProvider delegate;
    private final Consumer<AuditQueries.Event> subscriber;

    private AuditPublisher(TransactionProvider delegate, Consumer<AuditQueries.Event> subscriber) {
        this.delegate = delegate;
        this.subscriber = subscriber;
    }

    /** From now on, the events appended through {@code dsl}'s transactions go to {@code subscriber} after commit. */
    public static void install(DSLContext dsl, Consumer<AuditQueries.Event> subscriber) {
        dsl.configuration().set(new AuditPublisher(dsl.configuration().transactionProvider(), subscriber));
    }

    /** Called by {@link AuditLog#append}: keeps the events for the commit of the innermost open transaction. */
    static void appended(List<AuditQueries.Event> events) {
        Open open = OPEN.get().peek();
        if (open != null) {
            open.appended().addAll(events);
        }
    }

    @Override
    public void begin(TransactionContext ctx) {
        delegate.begin(ctx);
        OPEN.get().push(new Open(ctx, new ArrayList<>()));
    }

    @Override
    public void commit(TransactionContext ctx) {
        delegate.commit(ctx);
        Open done = close(ctx);
        if (done == null) {
            return;
        }
        Open outer = OPEN.get().peek();
        if (outer != null) {
            outer.appended().addAll(done.appended());
            return;
        }
        for (AuditQueries.Event e : done.appended()) {
            try {
                subscriber.accept(e);
            } catch (RuntimeException ex) {
                // Committed is committed: a subscriber's trouble must not turn a success into an error.
                LOG.warn("Could not publish audit event {}: {}", e.sequence(), ex.toString());
            }
        }
    }

    @Override
    public void rollback(TransactionContext ctx) {
        try {
            delegate.rollback(ctx);
        } finally {
            close(ctx);
        }
    }

    /** Takes {@code ctx}'s entry off the stack; null when it is not on top (its begin failed). */
    private static Open close(TransactionContext ctx) {
        Deque<Open> stack = OPEN.get();
        Open top = stack.peek();
        if (top == null || top.tx() != ctx) {
            return null;
        }
        stack.pop();
        if (stack.isEmpty()) {
            OPEN.remove();
        }
        return top;
    }
}
