package dev.opsdesk.sandbox.audit;

/**
 * The request a thread is serving, so that an event appended deep in a service carries its request id without every
 * method passing it along. The HTTP layer sets it around each request; background work (bulk replay jobs) sets the
 * id of the request that started it.
 */
public final class AuditContext {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private AuditContext() {
    }

    public static void begin(String requestId) {
        REQUEST_ID.set(requestId);
    }

    public static void end() {
        REQUEST_ID.remove();
    }

    /** The current request id, or null outside a request. */
    public static String requestId() {
        return REQUEST_ID.get();
    }
}
