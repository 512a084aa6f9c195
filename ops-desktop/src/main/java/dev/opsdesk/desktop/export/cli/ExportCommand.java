package dev.opsdesk.desktop.export.cli;

import dev.opsdesk.client.OpsApiException;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.desktop.export.ExportCancelledException;
import dev.opsdesk.desktop.export.ExportDatasetEntry;
import dev.opsdesk.desktop.export.ExportDatasets;
import dev.opsdesk.desktop.export.ExportException;
import dev.opsdesk.desktop.export.ExportJob;
import dev.opsdesk.desktop.export.ExportProgress;
import dev.opsdesk.desktop.export.ExportRequest;
import dev.opsdesk.desktop.export.ExportResult;
import dev.opsdesk.desktop.export.cli.CliSignIn.Credentials;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ops-desktop export ...}: the export engine without the GUI, for scheduled reports. The
 * password or token comes from the environment, never from the arguments. Every failure ends with
 * one clear message on stderr and its own {@link ExitCode}; success prints one summary line on
 * stdout. What can be exported, with which filters and which permission, comes from the
 * {@link ExportDatasets} the application registered.
 */
public final class ExportCommand {

    static final String PASSWORD_ENV = CliSignIn.PASSWORD_ENV;
    static final String TOKEN_ENV = CliSignIn.TOKEN_ENV;
    private static final String PREFIX = "ops-desktop export: ";

    private final ExportDatasets datasets;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private ExportCommand(ExportDatasets datasets, Map<String, String> env, PrintStream out, PrintStream err) {
        this.datasets = datasets;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command.
     *
     * @param datasets what can be exported
     * @param args     the arguments after {@code export} (a leading {@code export} is skipped too)
     * @param env  the environment ({@code OPS_DESK_PASSWORD}, {@code OPS_DESK_TOKEN})
     * @return the exit code, see {@link ExitCode}
     */
    public static int run(ExportDatasets datasets, String[] args, Map<String, String> env, PrintStream out,
                          PrintStream err) {
        return new ExportCommand(datasets, env, out, err).run(args);
    }

    private int run(String[] args) {
        if (ExportArguments.wantsHelp(args)) {
            out.print(ExportArguments.usage(datasets));
            return ExitCode.OK;
        }
        ExportArguments arguments;
        Credentials credentials;
        try {
            arguments = ExportArguments.parse(args, datasets);
            credentials = credentials(arguments);
        } catch (ExportArguments.UsageException e) {
            err.println(PREFIX + e.getMessage());
            err.println("Run 'ops-desktop export --help' for the options.");
            return ExitCode.USAGE;
        }
        arguments.notes().forEach(note -> err.println(PREFIX + "note: " + note));

        String unwritable = checkWritable(arguments.out());
        if (unwritable != null) {
            err.println(PREFIX + "cannot write " + arguments.out() + ": " + unwritable
                    + ". Choose another --out (nothing was fetched).");
            return ExitCode.OUTPUT_NOT_WRITABLE;
        }

        URI base;
        try {
            base = OpsClientConfig.parseServerAddress(arguments.server());
        } catch (IllegalArgumentException e) {
            err.println(PREFIX + "--server: " + e.getMessage());
            return ExitCode.USAGE;
        }
        OpsClientConfig config = OpsClientConfig.builder(base)
                .userAgent("ops-desktop-export/0.1")
                .readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMinutes(2))
                .build();
        try (OpsClient client = OpsClient.create(config)) {
            return export(client, arguments, credentials);
        }
    }

    private Credentials credentials(ExportArguments a) throws ExportArguments.UsageException {
        try {
            return CliSignIn.credentials(a.user(), env);
        } catch (CliSignIn.MissingCredentials e) {
            throw new ExportArguments.UsageException(e.getMessage());
        }
    }

    /** Null when {@code target} can be written; otherwise why not. Creates and deletes a probe file. */
    static String checkWritable(Path target) {
        if (Files.isDirectory(target)) {
            return "it is a folder";
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return dir != null && Files.exists(dir) ? dir + " is not a folder" : "the folder " + dir + " does not exist";
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return "it is not a regular file";
        }
        try {
            Path probe = Files.createTempFile(dir, ".ops-desk-export-", ".probe");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "the folder " + dir + " is not writable (" + e.getMessage() + ")";
        }
    }

    private int export(OpsClient client, ExportArguments a, Credentials credentials) {
        String server = client.config().baseUrl().toString();
        CliSignIn.SignedIn signedIn = null;
        try {
            try {
                signedIn = CliSignIn.signIn(client, credentials);
            } catch (CliSignIn.TokenOfAnotherUser e) {
                err.println(PREFIX + e.getMessage() + "; nothing was exported");
                return ExitCode.NOT_SIGNED_IN;
            }
            Me me = signedIn.me();
            ExportDatasetEntry<?, ?> entry = a.query().entry();
            if (!me.has(entry.permission())) {
                err.println(PREFIX + who(me) + " may not " + entry.allowedTo() + " (the server grants no "
                        + entry.permission() + "); nothing was exported. Ask an administrator, or sign in as"
                        + " a user who may.");
                return ExitCode.FORBIDDEN;
            }
            java.util.List<dev.opsdesk.desktop.export.ReportPart<?>> report = a.query().report(client);
            ProgressReporter progress = progressReporter(a);
            ExportResult result;
            try {
                if (report != null) {
                    // A report of several tables: one workbook, or one CSV file per table.
                    result = new dev.opsdesk.desktop.export.ReportExporter().export(report, a.format(), a.out(),
                            a.csvProfile(), a.locale(), a.zone(), progress, () -> Thread.currentThread().isInterrupted());
                } else {
                    result = runCancellable(new ExportJob<>(request(a.query(), client, a)), progress);
                }
            } finally {
                progress.endLine();
            }
            out.println(result.summary());
            result.warnings().forEach(w -> err.println(PREFIX + "warning: " + w));
            return ExitCode.OK;
        } catch (ExportCancelledException e) {
            err.println(PREFIX + "cancelled; no file was written" + (Files.exists(a.out()) ? " (" + a.out() + " is unchanged)" : ""));
            return ExitCode.CANCELLED;
        } catch (ExportException e) {
            if (e.stage() == ExportException.Stage.READING_ROWS && e.getCause() instanceof OpsApiException api) {
                return apiFailure(api, server, credentials);
            }
            if (e.stage() == ExportException.Stage.READING_ROWS) {
                err.println(PREFIX + e.getMessage() + "; no file was written");
                return ExitCode.FAILED;
            }
            err.println(PREFIX + e.getMessage() + "; no file was written");
            return ExitCode.OUTPUT_NOT_WRITABLE;
        } catch (OpsApiException e) {
            return apiFailure(e, server, credentials);
        } finally {
            CliSignIn.signOut(client, signedIn);
        }
    }

    /** The rows come from the server as the file is written; the count, if the dataset asks for one, comes now. */
    private static <R> ExportRequest<R> request(ExportDatasetEntry.Query<R> query, OpsClient client, ExportArguments a) {
        return ExportRequest.builder(query.dataset().columns(), query.rows(client), a.format(), a.out())
                .csvProfile(a.csvProfile()).locale(a.locale()).zone(a.zone()).sheetName(query.dataset().sheetName())
                .build();
    }

    private int apiFailure(OpsApiException e, String server, Credentials credentials) {
        if (e instanceof ValidationException) {
            String requestId = e.requestId() == null ? "" : " (request id " + e.requestId() + ")";
            err.println(PREFIX + "the server rejected the filter: " + e.getMessage() + requestId);
            return ExitCode.USAGE;
        }
        return CliSignIn.failure(e, server, credentials, err, PREFIX, "nothing was exported", "no file was written");
    }

    private static String who(Me me) {
        return me.user() == null ? "this user" : "user " + me.user().username();
    }

    /**
     * Runs the job on this thread; Ctrl-C (or SIGTERM) cancels it and waits until it has deleted its
     * temp file before the JVM exits, so no half file stays behind.
     */
    private static ExportResult runCancellable(ExportJob<?> job, ExportProgress progress) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            job.cancel();
            try {
                // Not join(): the main thread may then block in System.exit, which waits for this hook.
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "export-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return job.run(progress);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and has just been released
            }
        }
    }

    /** Progress on stderr: one line rewritten in place on a terminal, a line every 2 s otherwise (with --progress). */
    private ProgressReporter progressReporter(ExportArguments a) {
        boolean terminal = err == System.err && System.console() != null;
        return new ProgressReporter(err, terminal, terminal || a.progress());
    }

    private static final class ProgressReporter implements ExportProgress {
        private final PrintStream err;
        private final boolean terminal;
        private final boolean enabled;
        private long last;
        private boolean lineOpen;

        ProgressReporter(PrintStream err, boolean terminal, boolean enabled) {
            this.err = err;
            this.terminal = terminal;
            this.enabled = enabled;
        }

        @Override
        public void rowsWritten(long written, long total) {
            long now = System.currentTimeMillis();
            if (!enabled || now - last < (terminal ? 250 : 2000) && !(total >= 0 && written >= total)) {
                return;
            }
            last = now;
            String text = total >= 0
                    ? String.format("Exporting %,d of %,d rows (%d%%)", written, total, total == 0 ? 100 : Math.min(100, written * 100 / total))
                    : String.format("Exporting %,d rows", written);
            if (terminal) {
                err.print("\r" + text);
                lineOpen = true;
            } else {
                err.println(text);
            }
            err.flush();
        }

        /** Ends the line rewritten in place, so the next message starts on its own line. */
        void endLine() {
            if (lineOpen) {
                err.println();
                lineOpen = false;
            }
        }
    }
}
