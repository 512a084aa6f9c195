package dev.opsdesk.desktop.export.cli;

import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportDatasetEntry;
import dev.opsdesk.desktop.export.ExportDatasets;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.FilterFlag;
import dev.opsdesk.desktop.export.FilterFlags;
import dev.opsdesk.desktop.export.InvalidFilterException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsed command line of {@code export}. Parsing checks everything that can be checked without
 * a server or a file system, and says in a sentence what is wrong. The options every export takes
 * are read here; the filter options belong to the dataset (see {@link ExportDatasetEntry}).
 *
 * @param query what to export: the dataset and its filter
 */
record ExportArguments(String dataset, String server, String user, ExportFormat format, CsvProfile csvProfile,
                       Path out, ExportDatasetEntry.Query<?> query, ZoneId zone, Locale locale, boolean progress,
                       List<String> notes) {

    private static final String USAGE_HEAD = """
            Usage: ops-desktop export DATASET --server URL [--user NAME] --out FILE
                                      [--format xlsx|csv] [--csv-profile excel|standard]
                                      [--zone ZONE] [--locale TAG] [--progress] [filters of DATASET]

            Writes every row of DATASET matching the filters to FILE, as the desktop's Export does.
            DATASET is one of: %s

              --server URL         the ops API, e.g. https://ops.example.com
              --user NAME          sign in as NAME with the password in OPS_DESK_PASSWORD
                                   (not needed with OPS_DESK_TOKEN)
              --out FILE           the file to write; replaced only once the export is complete
              --format xlsx|csv    default: from the file name's extension
              --csv-profile P      excel (default: BOM, the locale's separator and decimal mark)
                                   or standard (comma, dot, ISO dates, no BOM)
              --zone ZONE          time zone of the date columns and of dates without offset
                                   (default: this machine's, %s)
              --locale TAG         locale for the excel CSV profile, e.g. de-DE (default: this machine's, %s)
              --progress           report progress on stderr even when it is not a terminal
            """;

    private static final String USAGE_TAIL = """

            Dates and times: 2026-11-20 (midnight), 2026-11-20T06:00 (in --zone) or 2026-11-20T05:00:00Z.

            Credentials come from the environment, never from arguments:
              OPS_DESK_PASSWORD    the password of --user
              OPS_DESK_TOKEN       a bearer token (used when --user or OPS_DESK_PASSWORD is absent)

            Exit codes: 0 written, 2 usage, 3 server unreachable or not an ops API, 4 not signed in,
            5 not allowed, 6 output not writable, 7 server error, 130 cancelled, 1 anything else.
            """;

    private static final Set<String> VALUED = Set.of("--server", "--user", "--format", "--csv-profile", "--out",
            "--zone", "--locale");

    /** A command line that cannot run; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** The usage text: the options every export takes, then each dataset with its filters. */
    static String usage(ExportDatasets datasets) {
        StringBuilder text = new StringBuilder(String.format(USAGE_HEAD, String.join(", ", datasets.names()),
                ZoneId.systemDefault().getId(), Locale.getDefault(Locale.Category.FORMAT).toLanguageTag()));
        for (ExportDatasetEntry<?, ?> entry : datasets.entries()) {
            text.append('\n').append(entry.name()).append(": ").append(entry.summary())
                    .append(" (needs ").append(entry.permission()).append(")\n");
            for (FilterFlag flag : entry.flags()) {
                text.append(String.format("  %-20s %s%n", flag.name() + " " + flag.value(), flag.help()));
            }
        }
        return text.append(USAGE_TAIL).toString();
    }

    /** The filter that was read (the dataset's own type, e.g. a FailureFilter). */
    Object filter() {
        return query.filter();
    }

    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                return true;
            }
        }
        return false;
    }

    static ExportArguments parse(String[] args, ExportDatasets datasets) throws UsageException {
        List<String> positional = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        boolean progress = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--password") || name.equals("--token")) {
                throw new UsageException(name + " is not accepted: anything on the command line can be read by other"
                        + " users of this machine (ps, /proc) and ends up in shell history and cron logs. Put the "
                        + (name.equals("--password") ? "password in the environment variable OPS_DESK_PASSWORD"
                        : "token in the environment variable OPS_DESK_TOKEN") + " instead.");
            }
            if (name.equals("--progress")) {
                if (value != null) {
                    throw new UsageException("--progress takes no value");
                }
                progress = true;
                continue;
            }
            if (!VALUED.contains(name) && !datasets.isFilterFlag(name)) {
                throw new UsageException("Unknown option " + name);
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        if (!positional.isEmpty() && positional.get(0).equals("export")) {
            positional.remove(0); // "ops-desktop export failures ..." routed with the command name still on
        }
        String known = String.join(", ", datasets.names());
        if (positional.isEmpty()) {
            throw new UsageException("Say what to export: " + known);
        }
        if (positional.size() > 1) {
            throw new UsageException("Unexpected argument " + positional.get(1));
        }
        String dataset = positional.get(0);
        ExportDatasetEntry<?, ?> entry = datasets.find(dataset).orElseThrow(() -> new UsageException(
                "Cannot export \"" + dataset + "\"; what can be exported: " + known));
        Map<String, String> filters = new LinkedHashMap<>();
        for (var given : values.entrySet()) {
            if (VALUED.contains(given.getKey())) {
                continue;
            }
            if (!entry.hasFlag(given.getKey())) {
                throw new UsageException(given.getKey() + " is not a filter of " + dataset + "; its filters are "
                        + String.join(", ", entry.flagNames()));
            }
            filters.put(given.getKey(), given.getValue());
        }

        String server = require(values, "--server");
        String outText = require(values, "--out");
        Path out;
        try {
            out = Path.of(outText).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("--out " + outText + " is not a valid file name: " + e.getReason());
        }
        List<String> notes = new ArrayList<>();
        Optional<ExportFormat> fromName = ExportFormat.ofFileName(out.getFileName() == null ? "" : out.getFileName().toString());
        ExportFormat format;
        if (values.containsKey("--format")) {
            format = ExportFormat.parse(values.get("--format"))
                    .orElseThrow(() -> new UsageException("--format must be xlsx or csv, was " + values.get("--format")));
            if (fromName.isPresent() && fromName.get() != format) {
                notes.add("the file name ends in ." + fromName.get().extension() + " but the format is "
                        + format.extension() + "; a spreadsheet may refuse to open it");
            }
        } else {
            format = fromName.orElseThrow(() -> new UsageException(
                    "Say --format xlsx or --format csv (the file name " + out.getFileName() + " does not tell)"));
        }
        CsvProfile profile = CsvProfile.EXCEL;
        if (values.containsKey("--csv-profile")) {
            profile = CsvProfile.parse(values.get("--csv-profile")).orElseThrow(() -> new UsageException(
                    "--csv-profile must be excel or standard, was " + values.get("--csv-profile")));
            if (format != ExportFormat.CSV) {
                notes.add("--csv-profile applies to CSV only and is ignored for XLSX");
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        if (values.containsKey("--zone")) {
            try {
                zone = ZoneId.of(values.get("--zone"));
            } catch (DateTimeException e) {
                throw new UsageException("--zone " + values.get("--zone") + " is not a time zone; use e.g. Europe/Berlin or UTC");
            }
        }
        Locale locale = Locale.getDefault(Locale.Category.FORMAT);
        if (values.containsKey("--locale")) {
            locale = Locale.forLanguageTag(values.get("--locale"));
            if (locale.getLanguage().isEmpty()) {
                throw new UsageException("--locale " + values.get("--locale") + " is not a language tag; use e.g. de-DE or en-US");
            }
        }
        ExportDatasetEntry.Query<?> query;
        try {
            query = entry.query(new FilterFlags(filters, zone));
        } catch (InvalidFilterException e) {
            throw new UsageException(e.getMessage());
        }
        return new ExportArguments(dataset, server, values.get("--user"), format, profile, out, query, zone, locale,
                progress, notes);
    }

    private static String require(Map<String, String> values, String name) throws UsageException {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return v.trim();
    }
}
