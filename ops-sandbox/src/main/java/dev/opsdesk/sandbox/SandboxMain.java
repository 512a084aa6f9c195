package dev.opsdesk.sandbox;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
              --webhook-secret PROVIDER=whsec_...
                                   signing secret of a payment provider's callbacks (stripe, adyen, paypal);
                                   repeatable. Default: the environment variable
                                   OPS_SANDBOX_WEBHOOK_SECRET_<PROVIDER> when set, else derived from the
                                   seed on loopback and random (printed below) on any other address
              --traffic            keep sending signed payment callbacks (and some failing ones) to the
                                   sandbox, a few per second, so that the queues move
              --scale SIZE         demo data: small (default; ~300 failures) or large (>200,000 failures,
                                   >1,000,000 audit events)
              --help               show this help
            """;

    /** The environment variable that sets a provider's webhook secret, e.g. OPS_SANDBOX_WEBHOOK_SECRET_STRIPE. */
    static final String SECRET_ENV_PREFIX = "OPS_SANDBOX_WEBHOOK_SECRET_";

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
        return launch(args, System.getenv(), out, err);
    }

    /** As {@link #launch(String[], PrintStream, PrintStream)}, with the environment given. */
    static Launch launch(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Parsed parsed;
        try {
            parsed = parse(args, env);
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
        return parse(args, Map.of());
    }

    /** Parses {@code args}; webhook secrets from {@code env} apply unless an option gives one. */
    static Parsed parse(String[] args, Map<String, String> env) throws UsageException {
        SandboxOptions options = SandboxOptions.defaults();
        for (String provider : WebhookSecrets.PROVIDERS) {
            String secret = env.get(SECRET_ENV_PREFIX + provider.toUpperCase(Locale.ROOT));
            if (secret != null && !secret.isBlank()) {
                try {
                    options = options.withWebhookSecret(provider, secret.trim());
                } catch (IllegalArgumentException e) {
                    throw new UsageException(SECRET_ENV_PREFIX + provider.toUpperCase(Locale.ROOT) + ": "
                            + e.getMessage());
                }
            }
        }
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
            if (arg.equals("--traffic") && value == null) {
                options = options.withTraffic(true);
                continue;
            }
            if (!List.of("--port", "--bind", "--data-dir", "--seed", "--demo-password", "--token-ttl",
                    "--webhook-secret", "--scale", "--traffic").contains(arg)) {
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
                    case "--webhook-secret" -> webhookSecret(options, value);
                    case "--scale" -> options.withScale(scale(value));
                    case "--traffic" -> options.withTraffic(bool(arg, value));
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

    private static SandboxOptions webhookSecret(SandboxOptions options, String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--webhook-secret must be PROVIDER=whsec_..., e.g. stripe=whsec_..., not '"
                    + (value.startsWith("whsec_") ? "whsec_***" : value) + "'");
        }
        return options.withWebhookSecret(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
    }

    private static Scale scale(String value) throws UsageException {
        try {
            return Scale.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scale must be small or large, not '" + value + "'");
        }
    }

    private static boolean bool(String option, String value) throws UsageException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new UsageException(option + " takes no value (or true/false), not '" + value + "'");
        };
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
        out.println("Payment callbacks (Standard Webhooks) are received at " + server.baseUri()
                + "/webhooks/payments/{provider}, signed with:");
        for (String provider : WebhookSecrets.PROVIDERS) {
            out.println("  " + String.format("%-8s", provider) + server.webhookSecret(provider));
        }
        SandboxServer.Seeded seeded = server.seeded();
        if (seeded.failures() > 0) {
            out.println("Seeded " + String.format("%,d", seeded.failures()) + " failures (" + options.scale()
                    .name().toLowerCase(Locale.ROOT) + ") in " + String.format("%.1f", seeded.took().toMillis() / 1000.0)
                    + " s.");
        }
        if (options.traffic()) {
            out.println("Traffic simulator on: a few callbacks per second keep the queues moving.");
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
