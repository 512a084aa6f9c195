package dev.opsdesk.sandbox.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live changes behind {@code GET /v1/events}, of every topic: each change gets the next sequence number (one
 * sequence across topics, so that {@code Last-Event-ID} resumes a stream of any mix of them) and is kept in a ring of
 * the last {@value #CAPACITY}, so a client that reconnects gets what it missed. Streams wait on the hub for what comes
 * after the last event they sent, and send a reader only what its {@link Audience} admits. The hub knows no feature:
 * features publish their own payloads (see {@code failures.FailureEvents}).
 */
public final class EventHub implements AutoCloseable {

    public static final int CAPACITY = 10_000;

    /**
     * One change. {@code payloadName} is the property of the {@code LiveEvent} that carries {@code payload}
     * ({@code failure}, {@code job}, {@code audit}, ...).
     */
    public record Event(long id, Topic topic, String kind, Instant at, Audience audience, String payloadName,
                        Object payload) {
    }

    /**
     * A payload that differs by reader (a reconciliation run carries what that reader may do with it): the stream asks
     * it for each reader its audience admits.
     */
    @FunctionalInterface
    public interface PerReader {
        Object forReader(dev.opsdesk.sandbox.auth.Scopes reader);
    }

    private final Clock clock;
    private final Event[] ring = new Event[CAPACITY];
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private long lastId;
    private boolean closed;

    public EventHub(Clock clock) {
        this.clock = clock;
    }

    /** Publishes a change; dropped once the hub is closed. */
    public void publish(Topic topic, String kind, Audience audience, String payloadName, Object payload) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(audience, "audience");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long id = ++lastId;
            ring[(int) ((id - 1) % CAPACITY)] = new Event(id, topic, kind, at, audience, payloadName, payload);
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The id of the latest event (0 before the first): a new stream without Last-Event-ID starts after it. */
    public long lastId() {
        lock.lock();
        try {
            return lastId;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events after {@code afterId} that are still kept (oldest first), waiting up to {@code timeout} for one;
     * empty when none came in time, null once the hub is closed.
     */
    public List<Event> awaitAfter(long afterId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed && lastId <= afterId) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                published.awaitNanos(left);
            }
            if (closed) {
                return null;
            }
            long first = Math.max(afterId + 1, Math.max(1, lastId - CAPACITY + 1));
            List<Event> events = new ArrayList<>((int) (lastId - first + 1));
            for (long id = first; id <= lastId; id++) {
                events.add(ring[(int) ((id - 1) % CAPACITY)]);
            }
            return events;
        } finally {
            lock.unlock();
        }
    }

    /** Ends every waiting stream (server shutdown); later events are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
