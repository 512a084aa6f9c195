package dev.opsdesk.sandbox.http;

import io.javalin.Javalin;
import java.util.Map;
import java.util.Set;

/**
 * The routes of one feature (sessions, failures, audit, events, ...), registered by the feature itself so that adding
 * a section adds a module instead of widening a constructor. Every route declares its {@link Access}
 * ({@code app.get(path, handler, requires(...))}); {@link HttpApi}'s guard refuses one that does not.
 */
@FunctionalInterface
public interface RouteModule {

    void register(Javalin app);

    /**
     * The query parameters each of this module's GET routes takes, by path as registered ({@code /v1/failures}); a
     * route listed here answers {@code 400 validation} for any other parameter and for a blank one (a client leaves a
     * parameter out rather than send it empty). A route not listed is not checked.
     */
    default Map<String, Set<String>> queryParameters() {
        return Map.of();
    }

    /**
     * A route whose body is not JSON: its method, path as registered ({@code /v1/x/{id}/file}), the media type it
     * takes instead, and its own size limit.
     */
    record RawBody(String method, String path, String mediaType, long maxBytes) {

        /** Whether a request's method and path (not yet routed) are this route's. */
        boolean matches(String requestMethod, String requestPath) {
            return method.equalsIgnoreCase(requestMethod)
                    && requestPath.matches(path.replaceAll("\\{[^/]+}", "[^/]+"));
        }
    }

    /** The routes of this module whose bodies are not JSON (none by default). */
    default java.util.List<RawBody> rawBodies() {
        return java.util.List.of();
    }
}
