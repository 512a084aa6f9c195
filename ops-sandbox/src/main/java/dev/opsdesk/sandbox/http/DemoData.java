package dev.opsdesk.sandbox.http;

import io.javalin.security.RouteRole;

/**
 * A new sandbox serves sign-in as soon as its users exist and seeds the rest of its demo data (failures, stock, audit
 * history, reconciliation, stock counts) in the background. Until that is in, {@link HttpApi}'s guard holds back
 * every request except those to routes registered with {@link #NOT_NEEDED} beside their {@link Access}
 * ({@code app.get("/v1/me", this::me, SIGNED_IN, NOT_NEEDED)}): what needs only the users. Nobody sees a half-seeded
 * database.
 */
public enum DemoData implements RouteRole {
    /** The route answers from the users alone (health, sign-in and sign-out, {@code /v1/me}). */
    NOT_NEEDED
}
