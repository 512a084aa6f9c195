package dev.opsdesk.client;

/**
 * No usable answer arrived: the server could not be reached, stopped answering, or dropped the
 * connection. Whether a request with a side effect took effect is unknown; retry it with the same
 * idempotency key.
 */
public class TransportException extends OpsApiException {

    /** What went wrong on the wire. */
    public enum Kind {
        /** The host could not be resolved or refused the connection. */
        CONNECT_FAILED,
        /** Connecting, or waiting for the answer, took longer than the configured timeout. */
        TIMEOUT,
        /** The connection was reset or closed before the answer was complete. */
        CONNECTION_RESET,
        /** The calling thread was interrupted (e.g. the user cancelled). */
        INTERRUPTED,
        /** Any other input/output failure (TLS, protocol). */
        OTHER
    }

    private final Kind kind;

    public TransportException(String message, Kind kind, String method, String url, Throwable cause) {
        super(message, 0, null, null, method, url, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
