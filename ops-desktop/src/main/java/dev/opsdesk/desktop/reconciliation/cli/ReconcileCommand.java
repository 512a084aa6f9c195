package dev.opsdesk.desktop.reconciliation.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.export.cli.ExitCode;
import dev.opsdesk.desktop.reconciliation.files.SettlementFormatException;
import dev.opsdesk.desktop.reconciliation.files.SettlementLayout;
import dev.opsdesk.desktop.reconciliation.files.SettlementPreview;
import dev.opsdesk.desktop.reconciliation.files.SettlementReadCancelledException;
import dev.opsdesk.desktop.reconciliation.files.SettlementReader;
import dev.opsdesk.desktop.reconciliation.files.ReadProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Currency;

/**
 * {@code ops-desktop reconcile ...}: settlement files without the GUI and without a server.
 *
 * <pre>
 * reconcile preview FILE [--layout stripe|adyen|paypal|generic|NAME] [--mapping MAPPING.json] [--json]
 * reconcile import ...   (not available yet)
 * </pre>
 *
 * A file that does not follow its layout exits with {@link #DATA_ERROR} and names line and column on stderr.
 */
public final class ReconcileCommand {

    /** The file does not follow its layout (sysexits {@code EX_DATAERR}). */
    public static final int DATA_ERROR = 65;
    /** The file does not exist or cannot be read (sysexits {@code EX_NOINPUT}). */
    public static final int NO_INPUT = 66;

    static final String USAGE = """
            Usage: ops-desktop reconcile preview FILE [--layout stripe|adyen|paypal|generic|NAME]
                                                      [--mapping MAPPING.json] [--json]
              Reads a settlement report (CSV or XLSX) and prints what it holds; nothing is sent anywhere.
              --layout   the report's layout; detected from the header when left out
              --mapping  a generic mapping saved as JSON (columns, kinds, dateFormat, timeZone, ...)
              --json     print {"layout","lines","byKind","totals","payouts","warnings"}, amounts in minor units
            Exit codes: 0 read, 2 wrong arguments, 65 the file does not follow its layout, 66 no such file.
            """;
    private static final String PREFIX = "ops-desktop reconcile: ";

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReconcileCommand(PrintStream out, PrintStream err) {
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
        return new ReconcileCommand(out, err).run(args);
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
            default -> usage("unknown subcommand \"" + args[0] + "\"; use preview");
        };
    }

    /** The dispatch point of {@code reconcile import}: uploading needs the server side, which is not written yet. */
    private int importFile(String[] args) {
        err.println(PREFIX + "import is not available yet; use 'reconcile preview FILE' to check a file");
        return ExitCode.FAILED;
    }

    private int preview(String[] args) {
        Path file = null;
        String layoutName = null;
        Path mappingFile = null;
        boolean asJson = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> asJson = true;
                case "--layout", "--mapping" -> {
                    if (i + 1 >= args.length) {
                        return usage(args[i] + " needs a value");
                    }
                    if (args[i].equals("--layout")) {
                        layoutName = args[++i];
                    } else {
                        mappingFile = Path.of(args[++i]);
                    }
                }
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        return usage("unexpected argument \"" + args[i] + "\"");
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            return usage("no FILE to preview");
        }
        SettlementLayout layout = layoutName == null ? null : SettlementLayout.byId(layoutName).orElse(null);
        Settlement.Mapping mapping = null;
        if (mappingFile != null) {
            try {
                mapping = json.readValue(mappingFile.toFile(), Settlement.Mapping.class);
            } catch (IOException e) {
                err.println(PREFIX + "cannot read the mapping " + mappingFile + ": " + e.getMessage());
                return ExitCode.USAGE;
            }
            if (layout != null && layout != SettlementLayout.GENERIC) {
                return usage("--mapping goes with the generic layout, not --layout " + layout.id());
            }
            layout = SettlementLayout.GENERIC;
        } else if (layoutName != null && (layout == null || layout == SettlementLayout.GENERIC)) {
            err.println(PREFIX + "the mapping \"" + layoutName + "\" is kept on the server, which this command does not"
                    + " use; save it as JSON and pass --mapping FILE.json");
            return ExitCode.USAGE;
        }
        if (!Files.isRegularFile(file)) {
            err.println(PREFIX + "no such file: " + file);
            return NO_INPUT;
        }
        try {
            SettlementPreview preview = SettlementReader.preview(file, layout, mapping, ReadProgress.NONE);
            out.print(asJson ? json.writeValueAsString(toJson(preview)) + System.lineSeparator() : text(file, preview));
            return ExitCode.OK;
        } catch (SettlementFormatException e) {
            err.println(PREFIX + file.getFileName() + ": " + e.getMessage() + "; nothing was read");
            return DATA_ERROR;
        } catch (SettlementReadCancelledException e) {
            err.println(PREFIX + "cancelled");
            return ExitCode.CANCELLED;
        } catch (NoSuchFileException e) {
            err.println(PREFIX + "no such file: " + file);
            return NO_INPUT;
        } catch (IOException e) {
            err.println(PREFIX + "cannot read " + file + ": " + e.getMessage());
            return NO_INPUT;
        } catch (IllegalArgumentException e) {
            err.println(PREFIX + e.getMessage());
            return ExitCode.USAGE;
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
