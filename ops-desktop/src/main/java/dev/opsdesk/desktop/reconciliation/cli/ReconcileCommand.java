package dev.opsdesk.desktop.reconciliation.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.desktop.export.cli.CliSignIn;
import dev.opsdesk.desktop.export.cli.ExitCode;
import dev.opsdesk.desktop.reconciliation.SettlementImport;
import dev.opsdesk.desktop.reconciliation.files.SettlementFile;
import dev.opsdesk.desktop.reconciliation.files.SettlementFormatException;
import dev.opsdesk.desktop.reconciliation.files.SettlementLayout;
import dev.opsdesk.desktop.reconciliation.files.SettlementPreview;
import dev.opsdesk.desktop.reconciliation.files.SettlementReadCancelledException;
import dev.opsdesk.desktop.reconciliation.files.SettlementReader;
import dev.opsdesk.desktop.reconciliation.files.ReadProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * {@code ops-desktop reconcile ...}: settlement files without the GUI and without a server.
 *
 * <pre>
 * reconcile preview FILE [--layout stripe|adyen|paypal|generic|NAME] [--mapping MAPPING.json] [--json]
 * reconcile import FILE --server URL --user NAME [--layout ...] [--mapping MAPPING.json] [--allow-duplicate]
 * </pre>
 *
 * A file that does not follow its layout exits with {@link #DATA_ERROR} and names line and column on stderr; an
 * import then sends nothing. {@code import} signs in as {@code export} does (see {@link CliSignIn}) and fails with
 * the same exit codes and messages.
 */
public final class ReconcileCommand {

    /** The file does not follow its layout (sysexits {@code EX_DATAERR}). */
    public static final int DATA_ERROR = 65;
    /** The file does not exist or cannot be read (sysexits {@code EX_NOINPUT}). */
    public static final int NO_INPUT = 66;
    /** The same file is already in another run (named in the message); nothing was imported. */
    public static final int DUPLICATE_FILE = 9;

    static final String USAGE = """
            Usage: ops-desktop reconcile preview FILE [--layout stripe|adyen|paypal|generic|NAME]
                                                      [--mapping MAPPING.json] [--json]
              Reads a settlement report (CSV or XLSX) and prints what it holds; nothing is sent anywhere.
              --layout   the report's layout; detected from the header when left out
              --mapping  a generic mapping saved as JSON (columns, kinds, dateFormat, timeZone, ...)
              --json     print {"layout","lines","byKind","totals","payouts","warnings"}, amounts in minor units
            Exit codes: 0 read, 2 wrong arguments, 65 the file does not follow its layout, 66 no such file.

                   ops-desktop reconcile import FILE --server URL --user NAME [--layout ...] [--mapping MAPPING.json]
                                                     [--allow-duplicate]
              Reads and checks the file as preview does (a bad file sends nothing), prints its preview, then creates a
              settlement run, uploads the lines and the file (resuming an import of yours that broke off) and matches.
              Prints the run's id, state and open exceptions.
              --server URL         the ops API, e.g. https://ops.example.com
              --user NAME          sign in as NAME with the password in OPS_DESK_PASSWORD (needs recon.prepare)
              --allow-duplicate    import a file another run already holds, on purpose
              OPS_DESK_PASSWORD    the password of --user
              OPS_DESK_TOKEN       a bearer token (used when --user or OPS_DESK_PASSWORD is absent)
            Exit codes: 0 imported, 2 usage or credentials missing, 3 server unreachable or not an ops API,
            4 not signed in, 5 not allowed, 7 server error, 9 the file is already in another run (named),
            65 the file does not follow its layout (nothing sent), 66 no such file, 130 cancelled, 1 anything else.
            """;
    private static final String PREFIX = "ops-desktop reconcile: ";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReconcileCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code reconcile}: the subcommand first
     * @return the exit code: {@link ExitCode#OK}, {@link ExitCode#USAGE}, {@link #DATA_ERROR}, {@link #NO_INPUT},
     *         {@link ExitCode#CANCELLED} or {@link ExitCode#FAILED}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment ({@code OPS_DESK_PASSWORD}, ...) given. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new ReconcileCommand(env, out, err).run(args);
    }

    private int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "preview" -> preview(rest);
            case "import" -> importFile(rest);
            default -> usage("unknown subcommand \"" + args[0] + "\"; use preview or import");
        };
    }

    /** What {@code preview} and {@code import} were asked: the file and how to read it, and import's own options. */
    private static final class Request {
        Path file;
        String layoutName;
        Path mappingFile;
        boolean asJson;
        String server;
        String user;
        boolean allowDuplicate;
        SettlementLayout layout;
        Settlement.Mapping mapping;
    }

    /** Thrown with the exit code once the message is printed. */
    private static final class Stop extends Exception {
        final int code;

        Stop(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private int preview(String[] args) {
        try {
            Request r = parse(args, false);
            SettlementPreview preview = read(r, false).preview();
            out.print(r.asJson ? json.writeValueAsString(toJson(preview)) + System.lineSeparator() : text(r.file, preview));
            return ExitCode.OK;
        } catch (Stop stop) {
            return stop.code;
        } catch (IOException e) {
            err.println(PREFIX + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    /**
     * {@code import}: the file is read and checked exactly as {@code preview} does (a bad file is refused before
     * anything is sent), its preview printed, then the run created, the lines and file uploaded and matched.
     */
    private int importFile(String[] args) {
        Request r;
        SettlementFile parsed;
        CliSignIn.Credentials credentials;
        URI base;
        try {
            r = parse(args, true);
            try {
                credentials = CliSignIn.credentials(r.user, env);
            } catch (CliSignIn.MissingCredentials e) {
                return usage(e.getMessage());
            }
            try {
                base = OpsClientConfig.parseServerAddress(r.server);
            } catch (IllegalArgumentException e) {
                return usage("--server: " + e.getMessage());
            }
            parsed = read(r, true);
        } catch (Stop stop) {
            return stop.code;
        }
        out.print(text(r.file, parsed.preview()));
        if (parsed.lines().isEmpty()) {
            err.println(PREFIX + r.file.getFileName() + " has no settlement lines to reconcile; nothing was sent");
            return DATA_ERROR;
        }
        OpsClientConfig config = OpsClientConfig.builder(base)
                .userAgent("ops-desktop-reconcile/0.1")
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMinutes(5))
                .build();
        try (OpsClient client = OpsClient.create(config)) {
            return upload(client, r, parsed, credentials);
        }
    }

    private int upload(OpsClient client, Request r, SettlementFile parsed, CliSignIn.Credentials credentials) {
        String server = client.config().baseUrl().toString();
        CliSignIn.SignedIn signedIn = null;
        try {
            try {
                signedIn = CliSignIn.signIn(client, credentials);
            } catch (CliSignIn.TokenOfAnotherUser e) {
                err.println(PREFIX + e.getMessage() + "; nothing was imported");
                return ExitCode.NOT_SIGNED_IN;
            }
            Me me = signedIn.me();
            if (!me.has(Permissions.RECON_PREPARE)) {
                err.println(PREFIX + (me.user() == null ? "this user" : "user " + me.user().username())
                        + " may not prepare reconciliation runs (the server grants no " + Permissions.RECON_PREPARE
                        + "); nothing was imported. Ask an administrator, or sign in as a user who may.");
                return ExitCode.FORBIDDEN;
            }
            String username = me.user() == null ? credentials.user() : me.user().username();
            long[] lastReport = {0};
            Reconciliation.Run run = new SettlementImport(client).run(r.file, parsed, r.allowDuplicate, username,
                    (done, total) -> {
                        long now = System.currentTimeMillis();
                        if (now - lastReport[0] >= 2000 || done >= total) {
                            lastReport[0] = now;
                            err.println(String.format("  sent %,d of %,d", done, total));
                        }
                    },
                    () -> Thread.currentThread().isInterrupted(),
                    stage -> err.println(PREFIX + stage));
            out.print(runText(run));
            return ExitCode.OK;
        } catch (SettlementImport.DuplicateFileException e) {
            err.println(PREFIX + e.getMessage() + "; nothing was imported. Open run " + e.runId()
                    + ", or pass --allow-duplicate to import the file again on purpose.");
            return DUPLICATE_FILE;
        } catch (SettlementImport.CancelledException e) {
            err.println(PREFIX + e.getMessage());
            return ExitCode.CANCELLED;
        } catch (ValidationException e) {
            err.println(PREFIX + "the server refused the run: " + e.getMessage()
                    + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")"));
            if (e.problem() != null) {
                e.problem().errors().forEach(f -> err.println(PREFIX + "  " + f.field() + ": " + f.message()));
            }
            return DATA_ERROR;
        } catch (OpsApiException e) {
            return CliSignIn.failure(e, server, credentials, err, PREFIX, "nothing was imported",
                    "the import did not finish (importing the same file again resumes it)");
        } catch (IOException e) {
            err.println(PREFIX + e.getMessage());
            return ExitCode.FAILED;
        } finally {
            CliSignIn.signOut(client, signedIn);
        }
    }

    private static String runText(Reconciliation.Run run) {
        StringBuilder s = new StringBuilder();
        s.append("run ").append(run.id()).append(": ").append(run.state());
        Reconciliation.Summary summary = run.summary();
        int open = summary == null ? 0 : summary.openExceptions();
        s.append(", ").append(open).append(open == 1 ? " open exception" : " open exceptions")
                .append(System.lineSeparator());
        if (summary != null) {
            summary.exceptionsByCategory().entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> s.append(String.format("  %-28s %,d%n", e.getKey(), e.getValue())));
        }
        return s.toString();
    }

    private Request parse(String[] args, boolean importing) throws Stop {
        Request r = new Request();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--json" -> {
                    if (importing) {
                        throw new Stop(usage("--json is an option of preview"));
                    }
                    r.asJson = true;
                }
                case "--allow-duplicate" -> {
                    if (!importing) {
                        throw new Stop(usage("--allow-duplicate is an option of import"));
                    }
                    r.allowDuplicate = true;
                }
                case "--layout", "--mapping", "--server", "--user" -> {
                    if (i + 1 >= args.length) {
                        throw new Stop(usage(arg + " needs a value"));
                    }
                    if (!importing && (arg.equals("--server") || arg.equals("--user"))) {
                        throw new Stop(usage(arg + " is an option of import; preview sends nothing"));
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--layout" -> r.layoutName = value;
                        case "--mapping" -> r.mappingFile = Path.of(value);
                        case "--server" -> r.server = value;
                        default -> r.user = value;
                    }
                }
                case "--password", "--token" -> throw new Stop(usage(arg + " is not taken on the command line, where"
                        + " other users of this machine can read it; set " + (arg.equals("--password")
                        ? CliSignIn.PASSWORD_ENV : CliSignIn.TOKEN_ENV) + " instead"));
                default -> {
                    if (arg.startsWith("--") || r.file != null) {
                        throw new Stop(usage("unexpected argument \"" + arg + "\""));
                    }
                    r.file = Path.of(arg);
                }
            }
        }
        if (r.file == null) {
            throw new Stop(usage("no FILE to " + (importing ? "import" : "preview")));
        }
        if (importing && r.server == null) {
            throw new Stop(usage("import needs --server URL"));
        }
        r.layout = r.layoutName == null ? null : SettlementLayout.byId(r.layoutName).orElse(null);
        if (r.mappingFile != null) {
            try {
                r.mapping = json.readValue(r.mappingFile.toFile(), Settlement.Mapping.class);
            } catch (IOException e) {
                err.println(PREFIX + "cannot read the mapping " + r.mappingFile + ": " + e.getMessage());
                throw new Stop(ExitCode.USAGE);
            }
            if (r.layout != null && r.layout != SettlementLayout.GENERIC) {
                throw new Stop(usage("--mapping goes with the generic layout, not --layout " + r.layout.id()));
            }
            r.layout = SettlementLayout.GENERIC;
        } else if (r.layoutName != null && (r.layout == null || r.layout == SettlementLayout.GENERIC)) {
            err.println(PREFIX + "the mapping \"" + r.layoutName + "\" is kept on the server, which this command does not"
                    + " use; save it as JSON and pass --mapping FILE.json");
            throw new Stop(ExitCode.USAGE);
        }
        return r;
    }

    /**
     * Reads the file as the request says: the preview only (streaming), or every line for an import. A file that does
     * not follow its layout stops here, naming line and column, with {@link #DATA_ERROR}.
     */
    private SettlementFile read(Request r, boolean allLines) throws Stop {
        if (!Files.isRegularFile(r.file)) {
            err.println(PREFIX + "no such file: " + r.file);
            throw new Stop(NO_INPUT);
        }
        String nothing = allLines ? "nothing was sent" : "nothing was read";
        try {
            if (allLines) {
                return SettlementReader.read(r.file, r.layout, r.mapping, ReadProgress.NONE);
            }
            SettlementPreview preview = SettlementReader.preview(r.file, r.layout, r.mapping, ReadProgress.NONE);
            return new SettlementFile(preview.layout(), preview.provider(), List.of(), preview);
        } catch (SettlementFormatException e) {
            err.println(PREFIX + r.file.getFileName() + ": " + e.getMessage() + "; " + nothing);
            throw new Stop(DATA_ERROR);
        } catch (SettlementReadCancelledException e) {
            err.println(PREFIX + "cancelled");
            throw new Stop(ExitCode.CANCELLED);
        } catch (NoSuchFileException e) {
            err.println(PREFIX + "no such file: " + r.file);
            throw new Stop(NO_INPUT);
        } catch (IOException e) {
            err.println(PREFIX + "cannot read " + r.file + ": " + e.getMessage());
            throw new Stop(NO_INPUT);
        } catch (IllegalArgumentException e) {
            err.println(PREFIX + e.getMessage());
            throw new Stop(ExitCode.USAGE);
        }
    }

    private int usage(String problem) {
        err.println(PREFIX + problem);
        err.print(USAGE);
        return ExitCode.USAGE;
    }

    private ObjectNode toJson(SettlementPreview p) {
        ObjectNode root = json.createObjectNode();
        root.put("layout", p.layout());
        root.put("lines", p.lines());
        ObjectNode byKind = root.putObject("byKind");
        p.byKind().forEach((kind, count) -> byKind.put(kind.name(), count));
        ArrayNode totals = root.putArray("totals");
        p.totals().forEach(t -> totals.addObject().put("currency", t.currency()).put("gross", t.gross())
                .put("fees", t.fees()).put("net", t.net()));
        ArrayNode payouts = root.putArray("payouts");
        p.payouts().forEach(po -> payouts.addObject().put("currency", po.currency()).put("amount", po.amount()));
        ArrayNode warnings = root.putArray("warnings");
        p.warnings().forEach(warnings::add);
        return root;
    }

    private static String text(Path file, SettlementPreview p) {
        StringBuilder s = new StringBuilder();
        s.append(file.getFileName()).append(": ").append(p.layout()).append(" (").append(p.provider()).append("), ")
                .append(p.lines()).append(" lines");
        if (p.period() != null) {
            s.append(", ").append(p.period().from()).append(" to ").append(p.period().to());
        }
        s.append(System.lineSeparator());
        p.byKind().entrySet().stream().filter(e -> e.getValue() > 0).forEach(e ->
                s.append(String.format("  %-20s %,d%n", e.getKey(), e.getValue())));
        for (Settlement.Totals t : p.totals()) {
            s.append(String.format("  %s  gross %s  fees %s  net %s%n", t.currency(), major(t.gross(), t.currency()),
                    major(t.fees(), t.currency()), major(t.net(), t.currency())));
        }
        for (Settlement.Payout po : p.payouts()) {
            s.append(String.format("  %s  paid out %s%n", po.currency(), major(po.amount(), po.currency())));
        }
        p.warnings().forEach(w -> s.append("  warning: ").append(w).append(System.lineSeparator()));
        return s.toString();
    }

    private static String major(long minor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
