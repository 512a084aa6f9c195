package dev.opsdesk.desktop.export.cli;

/** The exit codes of {@code ops-desktop export}, one per kind of failure so a script can react. */
public final class ExitCode {

    /** The file was written. */
    public static final int OK = 0;
    /** Anything not covered below (a bug): the message says what. */
    public static final int FAILED = 1;
    /** Wrong or missing arguments, or credentials missing from the environment. */
    public static final int USAGE = 2;
    /** The server address is wrong, unreachable, or not an ops API. */
    public static final int SERVER_UNREACHABLE = 3;
    /** Wrong user name or password, or an expired or revoked token. */
    public static final int NOT_SIGNED_IN = 4;
    /** Signed in, but not allowed to read this dataset. */
    public static final int FORBIDDEN = 5;
    /** The output file cannot be written (checked before anything is fetched) or writing it failed. */
    public static final int OUTPUT_NOT_WRITABLE = 6;
    /** The server failed (HTTP 5xx) or refused for a while (rate limit). */
    public static final int SERVER_ERROR = 7;
    /** Cancelled (Ctrl-C, SIGTERM or an interrupt); no file was written. */
    public static final int CANCELLED = 130;

    private ExitCode() {
    }
}
