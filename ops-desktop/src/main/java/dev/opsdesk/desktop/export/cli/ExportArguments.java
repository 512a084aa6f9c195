package dev.opsdesk.desktop.export.cli;

import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
 * a server or a file system, and says in a sentence what is wrong.
 */
record ExportArguments(String dataset, String server, String user, ExportFormat format, CsvProfile csvProfile,
                       Path out, FailureFilter filter, ZoneId zone, Locale locale, boolean progress,
                       List<String> notes) {

    static final String USAGE = """
            Usage: ops-desktop export failures --server URL [--user NAME] --out FILE
                                              [--format xlsx|csv] [--csv-profile excel|standard]
                                              [--queue Q] [--status S] [--reason R] [--provider P]
                                              [--assignee NAME|me|none] [--since ISO] [--until ISO] [--q TEXT]
                                              [--zone ZONE] [--locale TAG] [--progress]

            Writes every failure matching the filters to FILE, as the desktop's Export does.

              --server URL         the ops API, e.g. https://ops.example.com
              --user NAME          sign in as NAME with the password in OPS_DESK_PASSWORD
                                   (not needed with OPS_DESK_TOKEN)
              --out FILE           the file to write; replaced only once the export is complete
              --format xlsx|csv    default: from the file name's extension
              --csv-profile P      excel (default: BOM, the locale's separator and decimal mark)
                                   or standard (comma, dot, ISO dates, no BOM)
              --queue Q            PAYMENT_CALLBACK, INVENTORY_SYNC or FULFILLMENT_EXPORT
              --status S           OPEN, REPLAYING, RESOLVED, DISMISSED, DEAD (comma-separated list allowed)
              --reason R           e.g. ORDER_NOT_FOUND
              --provider P         e.g. stripe
              --assignee NAME      a user name, "me", or "none" (unassigned)
              --since ISO          first seen at or after: 2026-11-20, 2026-11-20T06:00 or 2026-11-20T05:00:00Z
              --until ISO          first seen before, same forms
              --q TEXT             order number, payment reference, event or failure id (prefix)
              --zone ZONE          time zone of the date columns and of dates without offset
                                   (default: this machine's, %s)
              --locale TAG         locale for the excel CSV profile, e.g. de-DE (default: this machine's, %s)
              --progress           report progress on stderr even when it is not a terminal

            Credentials come from the environment, never from arguments:
              OPS_DESK_PASSWORD    the password of --user
              OPS_DESK_TOKEN       a bearer token (used when --user or OPS_DESK_PASSWORD is absent)

            Exit codes: 0 written, 2 usage, 3 server unreachable or not an ops API, 4 not signed in,
            5 not allowed, 6 output not writable, 7 server error, 130 cancelled, 1 anything else.
            """;

    private static final Set<String> VALUED = Set.of("--server", "--user", "--format", "--csv-profile", "--out",
            "--queue", "--status", "--reason", "--provider", "--assignee", "--since", "--until", "--q", "--zone",
            "--locale");
    private static final Set<String> DATASETS = Set.of("failures");

    /** A command line that cannot run; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static String usage() {
        return String.format(USAGE, ZoneId.systemDefault().getId(), Locale.getDefault(Locale.Category.FORMAT).toLanguageTag());
    }

    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                return true;
            }
        }
        return false;
    }

    static ExportArguments parse(String[] args) throws UsageException {
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
            if (!VALUED.contains(name)) {
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
        if (positional.isEmpty()) {
            throw new UsageException("Say what to export: failures");
        }
        if (positional.size() > 1) {
            throw new UsageException("Unexpected argument " + positional.get(1));
        }
        String dataset = positional.get(0);
        if (!DATASETS.contains(dataset)) {
            throw new UsageException("Cannot export \"" + dataset + "\"; what can be exported: " + String.join(", ", DATASETS));
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
        FailureFilter filter = FailureFilter.none()
                .withQueue(upper(values.get("--queue")))
                .withStatus(upper(values.get("--status")))
                .withReason(upper(values.get("--reason")))
                .withProvider(values.get("--provider"))
                .withAssignee(values.get("--assignee"))
                .withSince(instant("--since", values.get("--since"), zone))
                .withUntil(instant("--until", values.get("--until"), zone))
                .withText(values.get("--q"));
        if (filter.since() != null && filter.until() != null && !filter.since().isBefore(filter.until())) {
            throw new UsageException("--since must be before --until");
        }
        return new ExportArguments(dataset, server, values.get("--user"), format, profile, out, filter, zone, locale,
                progress, notes);
    }

    private static String require(Map<String, String> values, String name) throws UsageException {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return v.trim();
    }

    private static String upper(String v) {
        return v == null ? null : v.trim().toUpperCase(Locale.ROOT);
    }

    /** 2026-11-20T05:00:00Z, 2026-11-20T06:00:00+01:00, 2026-11-20T06:00 (in zone), 2026-11-20 (midnight in zone). */
    static Instant instant(String option, String text, ZoneId zone) throws UsageException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeException notDate) {
                    throw new UsageException(option + " " + t + " is not a date or time; use ISO 8601, e.g. 2026-11-20,"
                            + " 2026-11-20T06:00 or 2026-11-20T05:00:00Z");
                }
            }
        }
    }
}
