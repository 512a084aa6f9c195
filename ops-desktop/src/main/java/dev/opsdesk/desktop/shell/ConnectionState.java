package dev.opsdesk.desktop.shell;

/** The connection to the server as the status bar shows it. */
public enum ConnectionState {
    CONNECTED,
    /** The last request could not reach the server; the app keeps checking. */
    RECONNECTING,
    /** The server no longer accepts the session. */
    SESSION_EXPIRED
}
