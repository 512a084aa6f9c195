package dev.opsdesk.sandbox;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code java -jar ops-sandbox.jar [options]}. Starts a {@link SandboxServer}, prints where it
 * listens and whom to sign in as, and stops it cleanly on Ctrl-C.
 */
public final class SandboxMain {

    /** Exit code for a bad command line or a refused configuration. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the server could not start (port in use, database locked, ...). */
    public static final int EXIT_START_FAILED = 1;

    static final String USAGE = """
            Usage: java -jar ops-sandbox.jar [options]

            Runs the Ops Desk training sandbox: the ops API with realistic demo data.

            Options:
              --port N             TCP port (default 8080; 0 picks a free one)
              --bind ADDR          address to listen on (default 127.0.0.1)
              --data-dir DIR       keep the database in DIR (default: in memory, gone when stopped)
              --seed N             seed of the generated demo data (default 42)
              --demo-password PW   password of the demo users (default "sandbox", loopback only)
              --token-ttl TTL      session lifetime: ISO-8601 (PT8H) or minutes (480); default PT8H
              --help               show this help
            """;

    private SandboxMain() {
    }

    public static void main(String[] args) {
        configureLogging();
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // The HTTP server's threads keep the JVM running until Ctrl-C; the shutdown hook stops it.
    }

    /**
     * Parses {@code args} and starts the sandbox, leaving it running with a shutdown hook that stops it.
     *
     * @return 0 when started (or help was shown), {@link #EXIT_USAGE} for a bad or refused command line,
     *         {@link #EXIT_START_FAILED} when the server could not start
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Launch launch = launch(args, out, err);
        if (launch.server() != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(launch.server()::close, "sandbox-shutdown"));
        }
        return launch.exitCode();
    }

    /** The outcome of {@link #launch}: an exit code, and the running server when there is one. */
    record Launch(int exitCode, SandboxServer server) {
    }

    /** Parses {@code args} and starts the sandbox; the caller owns (and closes) the returned server. */
    static Launch launch(String[] args, PrintStream out, PrintStream err) {
        Parsed parsed;
        try {
            parsed = parse(args);
        } catch (UsageException e) {
            err.println("ops-sandbox: " + e.getMessage());
            err.println();
            err.print(USAGE);
            return new Launch(EXIT_USAGE, null);
        }
        if (parsed.help()) {
            out.print(USAGE);
            return new Launch(0, null);
        }
        SandboxOptions options = parsed.options();
        if (options.demoPassword() == null && !SandboxServer.isLoopback(options.bind())) {
            err.println("ops-sandbox: refusing to listen on " + options.bind()
                    + " with the default demo password: anyone who can reach this machine could sign in as admin.");
            err.println("Give a password of your own with --demo-password, or bind to 127.0.0.1.");
            return new Launch(EXIT_USAGE, null);
        }
        SandboxServer server;
        try {
            if (options.dataDir() != null) {
                Files.createDirectories(options.dataDir());
            }
            server = SandboxServer.start(options);
        } catch (Exception e) {
            err.println("ops-sandbox: could not start: " + e.getMessage());
            return new Launch(EXIT_START_FAILED, null);
        }
        printBanner(server, out);
        return new Launch(0, server);
    }

    record Parsed(SandboxOptions options, boolean help) {
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Parsed parse(String[] args) throws UsageException {
        SandboxOptions options = SandboxOptions.defaults();
        List<String> queue = new ArrayList<>(List.of(args));
        while (!queue.isEmpty()) {
            String arg = queue.remove(0);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(options, true);
            }
            if (!List.of("--port", "--bind", "--data-dir", "--seed", "--demo-password", "--token-ttl")
                    .contains(arg)) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            if (value == null) {
                if (queue.isEmpty()) {
                    throw new UsageException(arg + " needs a value");
                }
                value = queue.remove(0);
            }
            try {
                options = switch (arg) {
                    case "--port" -> options.withPort(port(value));
                    case "--bind" -> options.withBind(nonBlank(arg, value));
                    case "--data-dir" -> options.withDataDir(Path.of(nonBlank(arg, value)));
                    case "--seed" -> options.withSeed(number(arg, value));
                    case "--demo-password" -> options.withDemoPassword(nonBlank(arg, value));
                    case "--token-ttl" -> options.withTokenTtl(ttl(value));
                    default -> throw new IllegalStateException(arg);
                };
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return new Parsed(options, false);
    }

    private static int port(String value) throws UsageException {
        long port = number("--port", value);
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, not " + value);
        }
        return (int) port;
    }

    private static long number(String option, String value) throws UsageException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number, not '" + value + "'");
        }
    }

    private static String nonBlank(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be empty");
        }
        return value;
    }

    private static Duration ttl(String value) throws UsageException {
        Duration ttl;
        try {
            ttl = value.trim().matches("\\d+")
                    ? Duration.ofMinutes(Long.parseLong(value.trim()))
                    : Duration.parse(value.trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new UsageException("--token-ttl must be an ISO-8601 duration such as PT8H, or minutes, not '"
                    + value + "'");
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new UsageException("--token-ttl must be positive, not '" + value + "'");
        }
        return ttl;
    }

    private static void printBanner(SandboxServer server, PrintStream out) {
        SandboxOptions options = server.options();
        out.println();
        out.println("Ops Desk training sandbox is running at " + server.baseUri());
        out.println("Data: " + (options.dataDir() == null
                ? "in memory (gone when stopped), seed " + options.seed()
                : options.dataDir().toAbsolutePath() + ", seed " + options.seed())
                + "; sessions last " + options.tokenTtl().toString().substring(2).toLowerCase());
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"USERNAME", "ROLE", "NAME", "WAREHOUSES", "PASSWORD"});
        for (DemoUser u : server.demoUsers()) {
            rows.add(new String[] {u.username(), u.role(), u.displayName(),
                    u.warehouses().isEmpty() ? "all" : String.join(", ", u.warehouses()), u.password()});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line);
        }
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** Uses the sandbox's own logging setup unless the caller chose one (before any logger exists). */
    private static void configureLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-sandbox.xml");
        }
    }
}
