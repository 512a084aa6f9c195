package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.SIGNED_IN;

import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events}: Server-Sent Events from the {@link EventHub}, each with {@code id:} (the sequence number),
 * {@code event:} (the kind) and {@code data:} (a {@code LiveEvent}). Any signed-in user may open the stream; it carries
 * the topics they asked for ({@code topics=}, default: every topic they may read) and, of those, only the events
 * whose audience admits them (failures of queues they read, audit events within their audit scope, ...). With
 * {@code Last-Event-ID} it first sends what came after that id (of the last 10,000), then live changes; a comment
 * every 15 seconds keeps the connection (and proxies) awake and notices a client that went away. Errors before the
 * stream starts are problem documents. The request holds its thread while it streams; the hub's close ends every
 * stream.
 */
public final class EventRoutes implements RouteModule {

    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);

    private final EventHub hub;
    private final Duration heartbeat;

    public EventRoutes(EventHub hub, Duration heartbeat) {
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    @Override
    public void register(Javalin app) {
        // Signed in is enough: what each reader gets is decided per event.
        app.get("/v1/events", this::stream, SIGNED_IN);
    }

    void stream(Context ctx) throws IOException {
        Principal principal = Access.principal(ctx);
        Scopes scopes = principal.scopes();
        // topics=a,b and topics=a&topics=b alike.
        Set<Topic> topics = topics(String.join(",", ctx.queryParams("topics")), scopes);
        long after = resumeFrom(ctx.header("Last-Event-ID"));
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("X-Accel-Buffering", "no");
        ServletOutputStream out = res.getOutputStream();
        // The retry hint, and a first write so that the client sees the stream open at once.
        write(out, "retry: 2000\n: connected\n\n");
        try {
            while (true) {
                List<EventHub.Event> events = hub.awaitAfter(after, heartbeat);
                if (events == null) {
                    return; // the server is stopping
                }
                if (events.isEmpty()) {
                    write(out, ": heartbeat\n\n");
                    continue;
                }
                StringBuilder chunk = new StringBuilder();
                for (EventHub.Event e : events) {
                    after = e.id();
                    if (topics.contains(e.topic()) && e.audience().admits(scopes)) {
                        chunk.append("id: ").append(e.id()).append('\n')
                                .append("event: ").append(e.kind()).append('\n')
                                .append("data: ").append(Json.write(data(e))).append("\n\n");
                    }
                }
                if (!chunk.isEmpty()) {
                    write(out, chunk.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            LOG.debug("Event stream of {} ended: {}", principal.user().username(), gone.toString());
        }
    }

    /** The contract's {@code LiveEvent}: kind, topic, time, and the payload under its topic's property. */
    private static Map<String, Object> data(EventHub.Event e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", e.kind());
        data.put("topic", e.topic().wireName());
        data.put("at", e.at());
        data.put(e.payloadName(), e.payload());
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

    private static void write(ServletOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
