package dev.opsdesk.sandbox.events;

import dev.opsdesk.sandbox.failures.Queue;
import dev.opsdesk.sandbox.failures.Views;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live changes behind {@code GET /v1/events}: every change gets the next sequence number and is kept in a ring of
 * the last {@value #CAPACITY}, so a client that reconnects with {@code Last-Event-ID} gets what it missed. Streams
 * wait on the hub for what comes after the last event they sent.
 */
public final class EventHub implements AutoCloseable {

    public static final int CAPACITY = 10_000;

    public static final String FAILURE_CREATED = "failure.created";
    public static final String FAILURE_UPDATED = "failure.updated";
    public static final String JOB_PROGRESS = "job.progress";

    /**
     * One change. {@code queue} is the failure's queue (null for job progress), for filtering by the reader's scope.
     */
    public record Event(long id, String kind, Queue queue, Views.LiveEvent body) {
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

    public void failureCreated(Views.Failure failure) {
        publish(FAILURE_CREATED, failure.queue(), new Views.LiveEvent(FAILURE_CREATED, now(), failure, null));
    }

    public void failureUpdated(Views.Failure failure) {
        publish(FAILURE_UPDATED, failure.queue(), new Views.LiveEvent(FAILURE_UPDATED, now(), failure, null));
    }

    public void jobProgress(Views.ReplayJob job) {
        publish(JOB_PROGRESS, null, new Views.LiveEvent(JOB_PROGRESS, now(), null, job));
    }

    private void publish(String kind, Queue queue, Views.LiveEvent body) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long id = ++lastId;
            ring[(int) ((id - 1) % CAPACITY)] = new Event(id, kind, queue, body);
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
