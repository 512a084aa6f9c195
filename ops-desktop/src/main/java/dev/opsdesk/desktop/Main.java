package dev.opsdesk.desktop;

import dev.opsdesk.desktop.audit.AuditDatasetEntry;
import dev.opsdesk.desktop.export.ExportDatasets;
import dev.opsdesk.desktop.export.cli.ExportCommand;
import dev.opsdesk.desktop.failures.FailureDatasetEntry;
import dev.opsdesk.desktop.inventory.InventoryDatasetEntry;
import dev.opsdesk.desktop.reconciliation.ReconciliationDatasetEntry;
import dev.opsdesk.desktop.reconciliation.cli.ReconcileCommand;
import dev.opsdesk.desktop.settings.SettingsLocation;
import dev.opsdesk.desktop.shell.AppVersion;
import dev.opsdesk.desktop.shell.LaunchOptions;
import dev.opsdesk.desktop.shell.SelfCheck;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code ops-desktop.jar}. Not an {@link Application} subclass, so the jar runs with
 * JavaFX on the class path. The first argument may name a command-line subcommand ({@code export}
 * for scheduled reports, {@code reconcile} for settlement files; both without a display); anything else starts the
 * desktop application.
 */
public final class Main {

    /** A command-line subcommand: gets the arguments after its name, returns the exit code. */
    @FunctionalInterface
    interface Subcommand {
        int run(List<String> args) throws Exception;
    }

    /** Subcommands by name. Only an exact match of the first argument routes here. */
    static final Map<String, Subcommand> SUBCOMMANDS = Map.of(
            // System.err itself (not a wrapper), so the command can tell a terminal and show progress.
            "export", args -> ExportCommand.run(exportDatasets(), args.toArray(String[]::new), System.getenv(),
                    System.out, System.err),
            "reconcile", args -> ReconcileCommand.run(args.toArray(String[]::new), System.out, System.err));

    /**
     * What {@code export} can export: one entry per dataset, each provided by its feature (the export
     * package knows none of them). A new dataset is one more entry here.
     */
    public static ExportDatasets exportDatasets() {
        return ExportDatasets.of(
                FailureDatasetEntry.entry(),
                InventoryDatasetEntry.entry(),
                AuditDatasetEntry.entry(),
                ReconciliationDatasetEntry.entry());
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (isSubcommand(args)) {
            System.exit(SUBCOMMANDS.get(args[0]).run(List.of(args).subList(1, args.length)));
            return;
        }
        List<String> arguments = Arrays.asList(args);
        if (LaunchOptions.wantsHelp(arguments)) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        if (LaunchOptions.wantsVersion(arguments)) {
            System.out.println("Ops Desk " + AppVersion.current());
            return;
        }
        // The log goes next to the settings unless told otherwise; set before the first logger exists.
        if (System.getProperty("opsdesk.log.dir") == null) {
            System.setProperty("opsdesk.log.dir", SettingsLocation.directory().resolve("logs").toString());
        }
        if (LaunchOptions.wantsSelfCheck(arguments)) {
            System.exit(SelfCheck.run(System.out));
            return;
        }
        // The logging's set-up (reading its configuration, opening the file) takes a tenth of a second or more
        // of a cold start; on a thread of its own it is done while the JavaFX toolkit starts, not after it.
        Thread logging = new Thread(() -> LoggerFactory.getLogger(Main.class), "ops-desk-logging-setup");
        logging.setDaemon(true);
        logging.start();
        LaunchOptions options = LaunchOptions.parse(arguments, System.getProperties());
        if (!options.problems().isEmpty()) {
            options.problems().forEach(problem -> System.err.println("ops-desktop: " + problem));
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        Application.launch(OpsDeskApp.class, args);
    }

    static boolean isSubcommand(String[] args) {
        return args.length > 0 && SUBCOMMANDS.containsKey(args[0]);
    }
}
