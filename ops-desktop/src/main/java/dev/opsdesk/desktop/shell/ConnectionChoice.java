package dev.opsdesk.desktop.shell;

/** Where the sign-in view connects to. */
public enum ConnectionChoice {
    /** The sandbox that runs inside the application, with demo users and data. */
    BUILT_IN_SANDBOX,
    /** A server the user names by its address. */
    SERVER_URL;

    static ConnectionChoice parse(String value) {
        if (value != null) {
            for (ConnectionChoice c : values()) {
                if (c.name().equals(value)) {
                    return c;
                }
            }
        }
        return BUILT_IN_SANDBOX;
    }
}
