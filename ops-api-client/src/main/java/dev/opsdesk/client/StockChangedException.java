package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/**
 * 409 {@code stock-changed}: the stock moved since the version the request named, so nothing was written. Carries the
 * pair's current platform quantity and version, so the person can decide again without asking the server.
 */
public final class StockChangedException extends ConflictException {

    private final int currentQuantity;
    private final long currentVersion;

    public StockChangedException(String message, int status, Problem problem, String requestId, String method,
                                 String url) {
        super(message, status, problem, requestId, method, url);
        this.currentQuantity = problem.currentQuantity() == null ? 0 : problem.currentQuantity();
        this.currentVersion = problem.currentVersion() == null ? 0 : problem.currentVersion();
    }

    /** The platform's quantity now. */
    public int currentQuantity() {
        return currentQuantity;
    }

    /** The platform's version now: the one to name when deciding again. */
    public long currentVersion() {
        return currentVersion;
    }
}
