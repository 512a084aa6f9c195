package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.failures.FailureService;
import dev.opsdesk.sandbox.failures.Queue;
import dev.opsdesk.sandbox.service.Principal;
import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/events}: Server-Sent Events from the {@link EventHub}, each with {@code id:} (the sequence number),
 * {@code event:} (the kind) and {@code data:} (a {@code LiveEvent}), only those about queues the caller may read.
 * With {@code Last-Event-ID} it first sends what came after that id (of the last 10,000), then live changes; a comment
 * every 15 seconds keeps the connection (and proxies) awake and notices a client that went away. The route's guard
 * has already checked the token and {@code failures.read}, so errors before the stream starts are problem documents.
 * The request holds its thread while it streams; the hub's close ends every stream.
 */
final class EventStream {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final EventHub hub;
    private final Duration heartbeat;

    EventStream(EventHub hub, Duration heartbeat) {
        this.hub = hub;
        this.heartbeat = heartbeat;
    }

    void stream(Context ctx) throws IOException {
        Principal principal = Access.principal(ctx);
        Set<Queue> scope = FailureService.queues(principal.permissions(), Permission.FAILURES_READ);
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
                    if (e.queue() == null || scope == null || scope.contains(e.queue())) {
                        chunk.append("id: ").append(e.id()).append('\n')
                                .append("event: ").append(e.kind()).append('\n')
                                .append("data: ").append(Json.write(e.body())).append("\n\n");
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
