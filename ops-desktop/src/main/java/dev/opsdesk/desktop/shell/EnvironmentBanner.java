package dev.opsdesk.desktop.shell;

import java.util.Locale;

/**
 * The strip across the top of the main window that says which environment this is, so nobody
 * mistakes the training sandbox for production or the other way round.
 *
 * @param kind what the server reports
 * @param text the banner's words
 */
public record EnvironmentBanner(Kind kind, String text) {

    public enum Kind { SANDBOX, STAGING, PRODUCTION, UNKNOWN }

    public static EnvironmentBanner of(ServerConnection server) {
        String env = server.health().environment() == null ? "" : server.health().environment().toUpperCase(Locale.ROOT);
        String host = server.hostAndPort();
        String name = server.health().environmentName();
        return switch (env) {
            case "SANDBOX" -> new EnvironmentBanner(Kind.SANDBOX,
                    "TRAINING SANDBOX — changes here do not touch real orders"
                            + (server.builtInSandbox() ? "" : "  ·  " + host));
            case "PRODUCTION" -> new EnvironmentBanner(Kind.PRODUCTION,
                    "PRODUCTION — live orders and real money  ·  " + host);
            case "STAGING" -> new EnvironmentBanner(Kind.STAGING,
                    "STAGING" + (name != null && !name.isBlank() ? " (" + name + ")" : "")
                            + " — a test environment, not real orders  ·  " + host);
            default -> new EnvironmentBanner(Kind.UNKNOWN,
                    "UNKNOWN ENVIRONMENT" + (env.isEmpty() ? "" : " “" + env + "”")
                            + " — treat it as live  ·  " + host);
        };
    }

    /** A short label for the window title. */
    public String shortLabel() {
        return switch (kind) {
            case SANDBOX -> "TRAINING SANDBOX";
            case STAGING -> "STAGING";
            case PRODUCTION -> "PRODUCTION";
            case UNKNOWN -> "UNKNOWN ENVIRONMENT";
        };
    }
}
