package dev.opsdesk.sandbox.http;

import io.javalin.Javalin;

/**
 * The routes of one feature (sessions, failures, audit, events, ...), registered by the feature itself so that adding
 * a section adds a module instead of widening a constructor. Every route declares its {@link Access}
 * ({@code app.get(path, handler, requires(...))}); {@link HttpApi}'s guard refuses one that does not.
 */
@FunctionalInterface
public interface RouteModule {

    void register(Javalin app);
}
