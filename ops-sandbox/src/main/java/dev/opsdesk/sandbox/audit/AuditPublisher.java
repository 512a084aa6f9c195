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
 * committed, and never one that rolled back; and runs what {@link AuditLog} holds back while the seeded history is
 * written ({@link AuditLog.Hold}) after the commit of the transaction that held it. It wraps the database's transaction provider rather than listening to
 * transactions, because jOOQ tells listeners "commit ended" even when the commit failed. Events of a nested
 * transaction wait for the outermost one. Transactions run on the calling thread, so what a transaction appended is
 * kept per thread, on a stack of the transactions open on it.
 */
public final class AuditPublisher implements TransactionProvider {

    private static final Logger LOG = LoggerFactory.getLogger(AuditPublisher.class);

    /** What one open transaction appended, and what to do once it has committed. */
    private record Open(TransactionContext tx, List<AuditQueries.Event> appended, List<Runnable> afterCommit) {
    }

    private static final ThreadLocal<Deque<Open>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final TransactionProvider delegate;
    private final Consumer<AuditQueries.Event> subscriber;
    /** Appends held back until the seeded history is in, while there is such a hold. */
    volatile AuditLog.Hold hold;

    private AuditPublisher(TransactionProvider delegate, Consumer<AuditQueries.Event> subscriber) {
        this.delegate = delegate;
        this.subscriber = subscriber;
    }

    /** From now on, the events appended through {@code dsl}'s transactions go to {@code subscriber} after commit. */
    public static void install(DSLContext dsl, Consumer<AuditQueries.Event> subscriber) {
        dsl.configuration().set(new AuditPublisher(dsl.configuration().transactionProvider(), subscriber));
    }

    /** The publisher installed on {@code dsl}'s configuration (a transaction's too), or null. */
    static AuditPublisher of(DSLContext dsl) {
        return dsl.configuration().transactionProvider() instanceof AuditPublisher p ? p : null;
    }

    /**
     * Runs {@code action} once the outermost transaction open on this thread has committed (never if it rolls back);
     * false, and nothing kept, when no transaction of a publisher is open.
     */
    static boolean afterCommit(Runnable action) {
        Open open = OPEN.get().peek();
        if (open == null) {
            return false;
        }
        open.afterCommit().add(action);
        return true;
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
        OPEN.get().push(new Open(ctx, new ArrayList<>(), new ArrayList<>()));
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
            outer.afterCommit().addAll(done.afterCommit());
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
        for (Runnable action : done.afterCommit()) {
            try {
                action.run();
            } catch (RuntimeException ex) {
                LOG.warn("Could not finish after a commit: {}", ex.toString());
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
