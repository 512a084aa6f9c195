package dev.opsdesk.desktop.export.ui;

import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ExportException;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.ExportRequest;
import dev.opsdesk.desktop.export.ExportResult;
import dev.opsdesk.desktop.export.Exporter;
import dev.opsdesk.desktop.export.RowSource;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Export action of one table, without controls: which folder and file name to offer, running
 * the export as a background task (its progress and Cancel appear in the status bar), and what
 * to tell the user afterwards, with the folder to open.
 *
 * @param <R> the row type the dataset's columns read
 */
public final class ExportViewModel<R> {

    private final ExportDataset<R> dataset;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final FolderMemory folders;
    private final Exporter exporter = new Exporter();
    private final ZoneId zone;
    private final Locale locale;
    private final Clock clock;

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyObjectWrapper<ExportResult> lastResult = new ReadOnlyObjectWrapper<>(this, "lastResult");
    private final ReadOnlyObjectWrapper<UserMessage> lastError = new ReadOnlyObjectWrapper<>(this, "lastError");
    private final ReadOnlyObjectWrapper<Path> folderToOpen = new ReadOnlyObjectWrapper<>(this, "folderToOpen");
    private BackgroundTask<ExportResult> current;

    /** With the workstation's zone and formatting locale, and the system clock. */
    public ExportViewModel(ExportDataset<R> dataset, BackgroundTasks tasks, ErrorMessages errors, FolderMemory folders) {
        this(dataset, tasks, errors, folders, ZoneId.systemDefault(), Locale.getDefault(Locale.Category.FORMAT),
                Clock.systemDefaultZone());
    }

    public ExportViewModel(ExportDataset<R> dataset, BackgroundTasks tasks, ErrorMessages errors, FolderMemory folders,
                           ZoneId zone, Locale locale, Clock clock) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.folders = Objects.requireNonNull(folders, "folders");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where the file chooser opens: the folder of the last export if it still exists, else the home folder. */
    public Path initialFolder() {
        return folders.lastFolder().orElseGet(() -> Path.of(System.getProperty("user.home")));
    }

    /** "failures-2026-11-21.xlsx". */
    public String suggestedFileName(ExportFormat format) {
        return suggestedFileName(format, null);
    }

    /**
     * "failures-payment-callbacks-open-2026-11-21-1430.xlsx": the dataset, what the list shows (its
     * filter in words, when given) and the local time to the minute — so that a second export the same
     * day does not land on the first one's name.
     */
    public String suggestedFileName(ExportFormat format, String filterWords) {
        String when = java.time.LocalDateTime.now(clock.withZone(zone))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        String what = slug(filterWords);
        return dataset.name() + (what.isEmpty() ? "" : "-" + what) + "-" + when + "." + format.extension();
    }

    /** Lower-case letters, digits and single dashes, at most 60 characters: safe in a file name everywhere. */
    static String slug(String words) {
        if (words == null) {
            return "";
        }
        String s = java.text.Normalizer.normalize(words, java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.length() <= 60 ? s : s.substring(0, 60).replaceAll("-+$", "");
    }

    /** The chosen file, with the format's extension added when the name has none (some choosers do not add it). */
    public static Path withExtension(Path file, ExportFormat format) {
        String name = file.getFileName().toString();
        return name.contains(".") ? file : file.resolveSibling(name + "." + format.extension());
    }

    /** Whether the menu entry can run now: one export at a time, and a selection needs selected rows. */
    public boolean canExport(ExportChoice choice, int selectedRows) {
        return !running.get() && (choice.scope() == ExportChoice.Scope.ALL_MATCHING || selectedRows > 0);
    }

    /**
     * Starts the export in the background.
     *
     * @param file             as the user chose it (the extension is added if missing)
     * @param visibleColumnIds the table's visible columns in their current order; ids the dataset does not know are skipped
     * @param rows             the rows; called on the worker thread, so it may ask the server (count, pages)
     */
    public BackgroundTask<ExportResult> export(ExportChoice choice, Path file, List<String> visibleColumnIds,
                                               Supplier<RowSource<R>> rows) {
        if (running.get()) {
            throw new IllegalStateException("An export is already running");
        }
        List<Column<R>> columns = dataset.selectWithIdentity(visibleColumnIds);
        if (columns.isEmpty()) {
            columns = dataset.columns();
        }
        Path target = withExtension(file, choice.format()).toAbsolutePath();
        if (target.getParent() != null) {
            folders.remember(target.getParent());
        }
        List<Column<R>> chosen = columns;
        outcome.set("");
        lastError.set(null);
        lastResult.set(null);
        folderToOpen.set(null);
        running.set(true);
        current = tasks.task("Exporting " + dataset.name() + " to " + target.getFileName(), progress -> {
            ExportRequest<R> request = ExportRequest.builder(chosen, rows.get(), choice.format(), target)
                    .csvProfile(choice.csvProfile()).zone(zone).locale(locale).sheetName(dataset.sheetName()).build();
            return exporter.export(request, (written, total) -> {
                progress.progress(written, total);
                progress.message(total >= 0 ? String.format("%,d of %,d rows", written, total)
                        : String.format("%,d rows", written));
            }, progress::isCancelled);
        }).userWork().onSuccess(result -> {
            lastResult.set(result);
            folderToOpen.set(result.file().getParent());
            outcome.set(result.summary() + (result.warnings().isEmpty() ? "" : ". " + String.join(" ", result.warnings())));
        }).onFailure(error -> {
            UserMessage message = describe("The export to " + target.getFileName() + " failed", error);
            lastError.set(message);
            outcome.set(message.fullText());
        }).onCancelled(() -> outcome.set("Export cancelled; no file was written."))
                .onFinally(() -> running.set(false));
        return current.start();
    }

    /** The engine's failure explained by its cause (the server, the network, the disk), as everywhere in the app. */
    private UserMessage describe(String headline, Throwable error) {
        if (error instanceof ExportException e) {
            if (e.getCause() != null) {
                return errors.describe(headline, e.getCause());
            }
            return new UserMessage(headline, e.getMessage() + ".", "Choose another file name or folder, then export again.", null);
        }
        return errors.describe(headline, error);
    }

    /** Cancels the running export (it then deletes its temporary file). */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /**
     * "Open folder" after an export: shows the folder in the file manager, in the background; if the
     * file manager does not start, {@link #lastErrorProperty()} says so (the file is there all the same).
     */
    public void openFolder(Path folder) {
        tasks.task("Opening " + folder, p -> {
                    FileManager.open(folder);
                    return null;
                })
                .quiet()
                .onFailure(e -> {
                    UserMessage message = new UserMessage("Could not open the folder " + folder,
                            e.getMessage() == null ? "The file manager did not start." : e.getMessage() + ".",
                            "Open it in your file manager yourself; the exported file is there.", null);
                    lastError.set(message);
                    outcome.set(message.fullText());
                })
                .start();
    }

    /** Hides the outcome (the user closed the message). */
    public void dismissOutcome() {
        outcome.set("");
        folderToOpen.set(null);
    }

    public ExportDataset<R> dataset() {
        return dataset;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** What to tell the user about the last export; empty when there is nothing to say. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ExportResult> lastResultProperty() {
        return lastResult.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    /** The folder of the file just written ("Open folder"); null when there is none to offer. */
    public ReadOnlyObjectProperty<Path> folderToOpenProperty() {
        return folderToOpen.getReadOnlyProperty();
    }
}
