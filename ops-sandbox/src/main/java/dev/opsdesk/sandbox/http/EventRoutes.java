package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.SIGNED_IN;

import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.service.SessionService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events}: Server-Sent Events from the {@link EventHub}, each with {@code id:} (the sequence number),
 * {@code event:} (the kind) and {@code data:} (a {@code LiveEvent}). Any signed-in user may open the stream; it carries
 * the topics they asked for ({@code topics=}, default: every topic they may read) and, of those, only the events
 * whose audience admits them (failures of queues they read, audit events within their audit scope, ...). With
 * {@code Last-Event-ID} it first sends what came after that id (of the last 10,000), then live changes; a comment
 * every heartbeat keeps the connection (and proxies) awake and notices a client that went away. Errors before the
 * stream starts are problem documents.
 *
 * <p>A stream does not hold a request thread while it is open: the request goes asynchronous, and one dispatcher
 * thread watches the hub and hands each stream that has something to send (events, a heartbeat) to a small pool that
 * writes it. So a thousand idle streams cost a thousand connections, not a thousand threads, and health, sign-in and
 * webhook intake keep answering. Each client may hold only a few streams ({@link SandboxLimits}: per session and
 * per user; past that {@code 429} with {@code Retry-After}), and a stream ends once its session does: the session is
 * checked again before each batch and each heartbeat.
 */
public final class EventRoutes implements RouteModule, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    private static final int WRITERS = 4;

    /** What the routes need: caps per session and per user, and the heartbeat. */
    public record SandboxLimits(int streamsPerSession, int streamsPerUser, Duration heartbeat) {
    }

    private final EventHub hub;
    private final SessionService sessions;
    private final SandboxLimits limits;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final Thread dispatcher;
    private volatile boolean closed;

    public EventRoutes(EventHub hub, SessionService sessions, SandboxLimits limits) {
        this.hub = hub;
        this.sessions = sessions;
        this.limits = limits;
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(WRITERS, r -> {
            Thread t = new Thread(r, "event-stream-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, "event-stream-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public void register(Javalin app) {
        // Signed in is enough: what each reader gets is decided per event.
        app.get("/v1/events", this::stream, SIGNED_IN);
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        return Map.of("/v1/events", Set.of("topics"));
    }

    /** How many streams are open (for tests and benchmarks). */
    public int openStreams() {
        return streams.size();
    }

    void stream(Context ctx) throws IOException {
        Principal principal = Access.principal(ctx);
        Scopes scopes = principal.scopes();
        // topics=a,b and topics=a&topics=b alike.
        Set<Topic> topics = topics(String.join(",", ctx.queryParams("topics")), scopes);
        long after = resumeFrom(ctx.header("Last-Event-ID"));
        HttpServletResponse res = ctx.res();
        if (ctx.attribute(RequestGate.HEAD) != null) {
            // HEAD: what a GET would answer, without opening a stream.
            res.setStatus(200);
            res.setContentType("text/event-stream;charset=utf-8");
            return;
        }
        Stream stream = new Stream(principal, topics, res.getOutputStream(), after);
        admit(stream);
        try {
            res.setStatus(200);
            res.setCharacterEncoding("UTF-8");
            res.setContentType("text/event-stream");
            res.setHeader("X-Accel-Buffering", "no");
            // The retry hint, and a first write so that the client sees the stream open at once.
            stream.write("retry: 2000\n: connected\n\n");
        } catch (IOException | RuntimeException e) {
            stream.end();
            throw e;
        }
        // The request thread goes back to the pool; the stream lives on until end() completes this future.
        ctx.future(() -> stream.done);
        dispatcher.interrupt(); // look at the new stream now (it may have a backlog to send)
    }

    /** Counts the new stream in, or {@code 429} past the caps. */
    private synchronized void admit(Stream stream) {
        if (closed) {
            throw new ApiException(ProblemType.SERVER_ERROR, "The server is stopping.");
        }
        long ofSession = countOfSession(stream);
        long ofUser = countOfUser(stream);
        if (ofSession >= limits.streamsPerSession() || ofUser >= limits.streamsPerUser()) {
            // A client that hung up is only noticed when a write fails; a reconnecting client must not be refused
            // for streams that are gone. Probe this user's streams (two writes: the first after a hang-up draws
            // the reset, the second fails) and count again.
            List<Stream> own = streams.stream().filter(s -> s.principal.userId().equals(stream.principal.userId()))
                    .toList();
            own.forEach(Stream::probe);
            pause(Duration.ofMillis(30));
            own.forEach(Stream::probe);
            ofSession = countOfSession(stream);
            ofUser = countOfUser(stream);
        }
        if (ofSession >= limits.streamsPerSession() || ofUser >= limits.streamsPerUser()) {
            throw new ApiException(ProblemType.RATE_LIMITED, ofSession >= limits.streamsPerSession()
                    ? "This session has " + ofSession + " event streams open, the most it may; close one first."
                    : "You have " + ofUser + " event streams open, the most one user may; close one first.",
                    List.of(), Math.max(1, limits.heartbeat().toSeconds()));
        }
        streams.add(stream);
    }

    private long countOfSession(Stream stream) {
        return streams.stream().filter(s -> s.principal.sessionTokenHash()
                .equals(stream.principal.sessionTokenHash())).count();
    }

    private long countOfUser(Stream stream) {
        return streams.stream().filter(s -> s.principal.userId().equals(stream.principal.userId())).count();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Watches the hub; hands every stream with events to send, a heartbeat due or a session to check to a writer. */
    private void dispatch() {
        long seen = hub.lastId();
        while (!closed) {
            List<EventHub.Event> events;
            try {
                events = hub.awaitAfter(seen, Duration.ofMillis(Math.min(1000, limits.heartbeat().toMillis())));
            } catch (InterruptedException e) {
                events = List.of(); // a new stream: look at every stream now
            }
            if (events == null) {
                break; // the hub is closed: the server is stopping
            }
            if (!events.isEmpty()) {
                seen = events.get(events.size() - 1).id();
            }
            long now = System.nanoTime();
            for (Stream stream : streams) {
                if (stream.after < seen || now - stream.lastWrite >= limits.heartbeat().toNanos()) {
                    stream.schedule();
                }
            }
        }
        for (Stream stream : streams) {
            stream.end();
        }
    }

    /** Ends every stream and stops the dispatcher (server shutdown). */
    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        for (Stream stream : streams) {
            stream.end();
        }
        writers.shutdownNow();
    }

    /** One open stream: what its reader may see, where it is, and its connection. */
    private final class Stream {

        final Principal principal;
        final Set<Topic> topics;
        final ServletOutputStream out;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile long after;
        volatile long lastWrite = System.nanoTime();

        Stream(Principal principal, Set<Topic> topics, ServletOutputStream out, long after) {
            this.principal = principal;
            this.topics = topics;
            this.out = out;
            this.after = after;
        }

        /** Runs {@link #pump} on a writer, unless it is queued or running already. */
        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(this::pump);
                } catch (RejectedExecutionException stopping) {
                    end();
                }
            }
        }

        /** Sends what is new (or a heartbeat when nothing is and one is due); ends the stream once its session has. */
        private void pump() {
            try {
                long now = System.nanoTime();
                // Nothing more for a reader who signed out, was revoked or whose session expired.
                if (!sessions.isActive(principal.sessionTokenHash())) {
                    LOG.debug("Event stream of {} ended: the session has ended", principal.user().username());
                    end();
                    return;
                }
                List<EventHub.Event> events = hub.awaitAfter(after, Duration.ZERO);
                if (events == null) {
                    end();
                    return;
                }
                StringBuilder chunk = new StringBuilder();
                for (EventHub.Event e : events) {
                    after = e.id();
                    if (topics.contains(e.topic()) && e.audience().admits(principal.scopes())) {
                        chunk.append("id: ").append(e.id()).append('\n')
                                .append("event: ").append(e.kind()).append('\n')
                                .append("data: ").append(Json.write(data(e, principal.scopes()))).append("\n\n");
                    }
                }
                if (!chunk.isEmpty()) {
                    write(chunk.toString());
                } else if (now - lastWrite >= limits.heartbeat().toNanos()) {
                    write(": heartbeat\n\n");
                }
            } catch (IOException gone) {
                LOG.debug("Event stream of {} ended: {}", principal.user().username(), gone.toString());
                end();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end();
            } catch (RuntimeException e) {
                LOG.warn("Event stream of {} failed", principal.user().username(), e);
                end();
            } finally {
                scheduled.set(false);
            }
        }

        synchronized void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            lastWrite = System.nanoTime();
        }

        /** An empty comment: ends the stream if its client has gone. */
        void probe() {
            try {
                write(":\n\n");
            } catch (IOException | RuntimeException gone) {
                end();
            }
        }

        /** Closes the stream for good (idempotent). */
        void end() {
            streams.remove(this);
            done.complete(null);
        }
    }

    /** The contract's {@code LiveEvent}: kind, topic, time, and the payload under its topic's property. */
    private static Map<String, Object> data(EventHub.Event e, dev.opsdesk.sandbox.auth.Scopes reader) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", e.kind());
        data.put("topic", e.topic().wireName());
        data.put("at", e.at());
        data.put(e.payloadName(), e.payload() instanceof EventHub.PerReader p ? p.forReader(reader) : e.payload());
        return data;
    }

    /**
     * The topics asked for, each of which the caller must be allowed to read (403 otherwise, so that a client does
     * not wait for events that never come); without {@code topics}, every topic the caller may read.
     */
    static Set<Topic> topics(String param, Scopes scopes) {
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        if (param == null || param.isBlank()) {
            for (Topic t : Topic.values()) {
                if (scopes.has(t.permission())) {
                    topics.add(t);
                }
            }
            return topics;
        }
        for (String name : param.split(",")) {
            Topic topic = Topic.fromWireName(name.trim()).orElseThrow(() -> ApiException.validation("topics",
                    "'" + name.trim() + "' is not a topic; use one or more of " + String.join(", ",
                            Arrays.stream(Topic.values()).map(Topic::wireName).toList()) + ", separated by commas."));
            if (!scopes.has(topic.permission())) {
                throw new ApiException(ProblemType.FORBIDDEN, "The " + topic.wireName() + " topic needs the"
                        + " permission '" + topic.permission().wireName() + "', which your role does not have.");
            }
            topics.add(topic);
        }
        return topics;
    }

    /** The numeric Last-Event-ID, or the latest id (only new events) when there is none or it is not ours. */
    private long resumeFrom(String lastEventId) {
        long latest = hub.lastId();
        if (lastEventId != null) {
            try {
                long id = Long.parseLong(lastEventId.trim());
                if (id >= 0 && id <= latest) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // not one of ours: start with what is new
            }
        }
        return latest;
    }

}
