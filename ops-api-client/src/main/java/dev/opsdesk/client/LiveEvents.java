package dev.opsdesk.client;

import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.LiveTopic;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live event stream ({@code GET /v1/events}, Server-Sent Events). A subscription reconnects
 * by itself after a dropped connection, with jittered backoff, and resumes from the last event it
 * delivered ({@code Last-Event-ID}), so no event is lost or delivered twice across reconnects.
 * It stops for good when the session ends (401) or the user may not read a topic asked for (403).
 * Without topics, the server sends every topic the user may read (failures, bulk replays, audit
 * events, ...), each event only if the user may read what it is about.
 */
public final class LiveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);

    /** The connection as the user should see it. */
    public enum State { CONNECTING, CONNECTED, RECONNECTING, STOPPED }

    /** Receives events and connection changes, on the stream's own thread: hand them to the UI thread yourself. */
    public interface Listener {
        void onEvent(LiveEvent event);

        /** @param cause why the connection was lost or stopped; null when connecting or connected */
        default void onStateChanged(State state, OpsApiException cause) {
        }
    }

    /** A running subscription. */
    public interface Subscription extends AutoCloseable {
        /** The id of the last event delivered, to resume from; null before the first. */
        String lastEventId();

        State state();

        @Override
        void close();
    }

    private final ApiTransport transport;
    private final Duration heartbeatTimeout;
    private final Duration maxBackoff;

    LiveEvents(ApiTransport transport) {
        this(transport, Duration.ofSeconds(45), Duration.ofSeconds(15));
    }

    LiveEvents(ApiTransport transport, Duration heartbeatTimeout, Duration maxBackoff) {
        this.transport = transport;
        this.heartbeatTimeout = heartbeatTimeout;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Starts listening.
     *
     * @param resumeFrom the last event id already seen (null: only new events)
     */
    public Subscription subscribe(String resumeFrom, Listener listener) {
        StreamSubscription s = new StreamSubscription(resumeFrom, null, listener);
        s.connect();
        return s;
    }

    /**
     * Starts listening to some topics only.
     *
     * @param resumeFrom the last event id already seen (null: only new events)
     * @param topics     at least one; each must be one the user may read, else the subscription stops with a
     *                   {@link ForbiddenException}
     */
    public Subscription subscribe(String resumeFrom, Set<LiveTopic> topics, Listener listener) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("Subscribe to at least one topic");
        }
        StreamSubscription s = new StreamSubscription(resumeFrom, EnumSet.copyOf(topics), listener);
        s.connect();
        return s;
    }

    private final class StreamSubscription implements Subscription {
        private final Listener listener;
        private final String topics;
        private final OkHttpClient http = transport.streamingClient(heartbeatTimeout);
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ops-live-events");
            t.setDaemon(true);
            return t;
        });
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicInteger failuresInARow = new AtomicInteger();
        private volatile String lastEventId;
        private volatile State state = State.CONNECTING;
        private volatile EventSource source;

        StreamSubscription(String resumeFrom, Set<LiveTopic> topics, Listener listener) {
            this.lastEventId = resumeFrom;
            this.listener = listener;
            this.topics = topics == null ? null
                    : topics.stream().map(LiveTopic::wireName).collect(Collectors.joining(","));
        }

        void connect() {
            if (closed.get()) {
                return;
            }
            Request.Builder request = new Request.Builder().url(transport.url("/v1/events",
                    topics == null ? null : Map.of("topics", topics)))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            source = EventSources.createFactory(http).newEventSource(request.build(), new EventSourceListener() {
                @Override
                public void onOpen(EventSource eventSource, Response response) {
                    failuresInARow.set(0);
                    setState(State.CONNECTED, null);
                }

                @Override
                public void onEvent(EventSource eventSource, String id, String type, String data) {
                    if (closed.get() || "heartbeat".equals(type)) {
                        return;
                    }
                    try {
                        LiveEvent event = transport.mapper().readValue(data, LiveEvent.class).withId(id);
                        if (id != null) {
                            lastEventId = id;
                        }
                        listener.onEvent(event);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("Ignoring an unreadable live event {} ({}): {}", id, type, e.getMessage());
                    }
                }

                @Override
                public void onClosed(EventSource eventSource) {
                    reconnectLater(new TransportException("The server closed the live event stream",
                            TransportException.Kind.CONNECTION_RESET, "GET", eventSource.request().url().toString(), null));
                }

                @Override
                public void onFailure(EventSource eventSource, Throwable t, Response response) {
                    if (closed.get()) {
                        return;
                    }
                    if (response != null && !response.isSuccessful()) {
                        OpsApiException error = transport.errorFor(response);
                        if (error instanceof UnauthenticatedException unauthenticated) {
                            stop(unauthenticated);
                            transport.sessionRejected(unauthenticated);
                            return;
                        }
                        if (error instanceof ForbiddenException) {
                            stop(error);
                            return;
                        }
                        reconnectLater(error);
                        return;
                    }
                    reconnectLater(t instanceof IOException io ? transport.errorFor(io, eventSource.request())
                            : new TransportException("The live event stream failed: " + t, TransportException.Kind.OTHER,
                            "GET", eventSource.request().url().toString(), t));
                }
            });
        }

        private void reconnectLater(OpsApiException cause) {
            if (closed.get()) {
                return;
            }
            setState(State.RECONNECTING, cause);
            int n = failuresInARow.getAndIncrement();
            long ceiling = Math.min(maxBackoff.toMillis(), 250L << Math.min(n, 10));
            long delay = n == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
            // Too many streams open (429): wait as long as the server asks before trying again.
            if (cause instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
                delay = Math.max(delay, limited.retryAfter().get().toMillis());
            }
            try {
                scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                // closed while failing: nothing to do
            }
        }

        private void stop(OpsApiException cause) {
            if (closed.compareAndSet(false, true)) {
                scheduler.shutdownNow();
                setState(State.STOPPED, cause);
            }
        }

        private void setState(State next, OpsApiException cause) {
            state = next;
            listener.onStateChanged(next, cause);
        }

        @Override
        public String lastEventId() {
            return lastEventId;
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                EventSource current = source;
                if (current != null) {
                    current.cancel();
                }
                scheduler.shutdownNow();
                state = State.STOPPED;
            }
        }
    }
}
