package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.ConflictException;
import dev.opsdesk.client.RateLimitedException;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.ServerException;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Problem;
import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.desktop.list.PagedList;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Permit;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * An open stock count: its header, the blind count sheet (a {@link PagedList} of lines: what was counted, never
 * what is expected), the keyboard entry (code, then quantity), the outbox of entries waiting for the server, the
 * scanner-file import, and submit and cancel. Every call to the server or the disk runs through
 * {@link BackgroundTasks}; nothing here touches a control.
 *
 * <p>Every entry goes to the count's {@link CountOutbox} first and is sent from there, oldest first, one batch at a
 * time, each with the idempotency key it got when it was made. A connection that fails keeps the entries there
 * and retries (5 s, doubling up to a minute, or at once with {@link #sendWaiting()}); the server refusing an entry
 * (an unknown code) takes it out and says which.
 */
public final class CountViewModel {

    public static final int PAGE_SIZE = 100;

    /** Where the keyboard is: typing a code, or the quantity for the code just entered. */
    public enum Step { CODE, QUANTITY }

    /** The sheet's filter: a SKU or EAN (or SKU prefix), and whether only uncounted lines are shown. */
    public record LineQuery(String text, boolean uncountedOnly) {
    }

    /** Runs something later, once; the returned runnable cancels it. */
    @FunctionalInterface
    public interface Retry {
        Runnable after(Duration delay, Runnable action);

        /** A daemon timer handing the action to {@code ui}. */
        static Retry standard(Executor ui) {
            ScheduledExecutorService timer = Timer.INSTANCE;
            return (delay, action) -> {
                ScheduledFuture<?> f = timer.schedule(() -> ui.execute(action), delay.toMillis(),
                        TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            };
        }
    }

    private static final class Timer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ops-desk-count-retry");
            t.setDaemon(true);
            return t;
        });
    }

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LAST_RETRY = Duration.ofSeconds(60);

    private final CountCalls calls;
    private final Permits permits;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Path outboxFolder;
    private final Retry retry;
    private final PagedList<StockCount.Line, LineQuery> lines;

    private final ReadOnlyObjectWrapper<StockCount.Count> count = new ReadOnlyObjectWrapper<>(this, "count");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty uncountedOnly = new SimpleBooleanProperty(this, "uncountedOnly");
    private final Map<String, ReadOnlyObjectWrapper<StockCount.Line>> current = new HashMap<>();
    /** Lines seen, by SKU (upper case) and EAN: a code found here needs no round trip (a scanner is fast). */
    private final Map<String, StockCount.Line> known = new HashMap<>();

    private final StringProperty code = new SimpleStringProperty(this, "code", "");
    private final StringProperty quantity = new SimpleStringProperty(this, "quantity", "");
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.CODE);
    private final ReadOnlyObjectWrapper<StockCount.Line> target = new ReadOnlyObjectWrapper<>(this, "target");
    private final ReadOnlyStringWrapper targetText = new ReadOnlyStringWrapper(this, "targetText", "");
    private final ReadOnlyStringWrapper codeMessage = new ReadOnlyStringWrapper(this, "codeMessage", "");
    private final ReadOnlyStringWrapper quantityMessage = new ReadOnlyStringWrapper(this, "quantityMessage", "");
    private final ReadOnlyStringWrapper lastEntry = new ReadOnlyStringWrapper(this, "lastEntry", "");
    private final ReadOnlyBooleanWrapper lookingUp = new ReadOnlyBooleanWrapper(this, "lookingUp");
    private String targetCode;
    private boolean targetScanned;

    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper(this, "waiting");
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper(this, "offline");
    private final ReadOnlyStringWrapper outboxText = new ReadOnlyStringWrapper(this, "outboxText", "");
    private final ReadOnlyObjectWrapper<UserMessage> sendError = new ReadOnlyObjectWrapper<>(this, "sendError");
    private final ReadOnlyStringWrapper refused = new ReadOnlyStringWrapper(this, "refused", "");

    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing");
    private final ReadOnlyStringWrapper importResult = new ReadOnlyStringWrapper(this, "importResult", "");
    private final ReadOnlyStringWrapper importProblem = new ReadOnlyStringWrapper(this, "importProblem", "");

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper(this, "runId");
    private final ReadOnlyObjectWrapper<UserMessage> actionError = new ReadOnlyObjectWrapper<>(this, "actionError");

    private final ObjectBinding<Permit> entryPermit;
    private final ObjectBinding<Permit> submitPermit;
    private final ObjectBinding<Permit> cancelPermit;

    private CountOutbox outbox;
    private boolean sending;
    private Runnable pendingRetry;
    private Duration nextRetry = FIRST_RETRY;

    public CountViewModel(CountCalls calls, Permits permits, BackgroundTasks tasks, ErrorMessages errors, URI server,
                          Path outboxFolder, Retry retry) {
        this.calls = Objects.requireNonNull(calls);
        this.permits = Objects.requireNonNull(permits);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.outboxFolder = Objects.requireNonNull(outboxFolder);
        this.retry = Objects.requireNonNull(retry);
        this.lines = new PagedList<StockCount.Line, LineQuery>(tasks, errors, server,
                new PagedList.Nouns("line", "lines", "count sheet"), PAGE_SIZE,
                (q, page) -> calls.lines(countId(), q.text().isBlank() ? null : q.text().strip(),
                        q.uncountedOnly() ? Boolean.TRUE : null, page),
                StockCount.Line::sku)
                .onFirstPage(rows -> rows.forEach(this::remember));
        this.entryPermit = Bindings.createObjectBinding(() -> permitOnCount(null), count, permits.meProperty());
        this.submitPermit = Bindings.createObjectBinding(() -> {
            Permit p = permitOnCount(Permissions.RECON_PREPARE);
            if (p.allowed() && waiting.get() > 0) {
                return Permit.no(Formats.plural(waiting.get(), "entry is", "entries are")
                        + " still waiting to be sent: submit once they are on the server.");
            }
            return p;
        }, count, permits.meProperty(), waiting);
        this.cancelPermit = Bindings.createObjectBinding(() -> permitOnCount(null), count, permits.meProperty());
        uncountedOnly.addListener((obs, old, now) -> applySearch());
    }

    /** {@code stockcount.submit} (and {@code also}, when given) on the count's warehouse, while it is open. */
    private Permit permitOnCount(String also) {
        StockCount.Count c = count.get();
        if (c == null) {
            return Permit.no("No count is open.");
        }
        Permit p = permits.mayOn(Permissions.STOCKCOUNT_SUBMIT, "count stock in", Permits.Dimension.WAREHOUSE,
                c.warehouse(), List.of(c.warehouse()), w -> "warehouse " + w);
        if (p.allowed() && also != null) {
            p = permits.mayOn(also, "submit counts in", Permits.Dimension.WAREHOUSE, c.warehouse(),
                    List.of(c.warehouse()), w -> "warehouse " + w);
        }
        if (p.allowed() && c.state() != StockCount.State.OPEN) {
            return Permit.no(c.state() == StockCount.State.SUBMITTED
                    ? "This count is submitted" + (c.runId() == null ? "." : " as run " + c.runId() + ".")
                    : "This count was cancelled.");
        }
        return p;
    }

    // --- opening and closing ---

    /** Shows {@code c}: its sheet, and sends what this computer still holds for it (from an earlier session too). */
    public void open(StockCount.Count c) {
        close();
        outbox = CountOutbox.of(outboxFolder, c.id());
        count.set(c);
        search.set("");
        uncountedOnly.set(false);
        applySearch();
        sendWaiting();
    }

    /** Back to the stock matrix. What waits stays in the outbox; opening the count again sends it. */
    public void close() {
        cancelRetry();
        count.set(null);
        outbox = null;
        current.clear();
        known.clear();
        code.set("");
        quantity.set("");
        step.set(Step.CODE);
        target.set(null);
        targetText.set("");
        codeMessage.set("");
        quantityMessage.set("");
        lastEntry.set("");
        waiting.set(0);
        offline.set(false);
        outboxText.set("");
        sendError.set(null);
        refused.set("");
        importResult.set("");
        importProblem.set("");
        result.set("");
        runId.set(null);
        actionError.set(null);
        nextRetry = FIRST_RETRY;
        lines.showEmpty(new LineQuery("", false));
    }

    private String countId() {
        StockCount.Count c = count.get();
        if (c == null) {
            throw new IllegalStateException("no count is open");
        }
        return c.id();
    }

    /** F5: the header and the sheet again, and another try at what waits. */
    public void refresh() {
        StockCount.Count c = count.get();
        if (c == null) {
            return;
        }
        tasks.task("Loading count " + c.id(), p -> calls.count(c.id()))
                .quiet()
                .onSuccess(fresh -> {
                    if (count.get() != null && count.get().id().equals(fresh.id())) {
                        count.set(fresh);
                    }
                })
                .onFailure(e -> actionError.set(errors.describe("Could not load count " + c.id(), e, server)))
                .start();
        applySearch();
        sendWaiting();
    }

    // --- the sheet ---

    public void applySearch() {
        if (count.get() != null) {
            lines.load(new LineQuery(search.get() == null ? "" : search.get(), uncountedOnly.get()));
        }
    }

    /** The row as the table shows it: its latest version, which an accepted entry replaces in place. */
    public ObservableValue<StockCount.Line> current(StockCount.Line row) {
        return current.computeIfAbsent(row.sku(), k -> new ReadOnlyObjectWrapper<>(row));
    }

    private void remember(StockCount.Line line) {
        known.put(line.sku().toUpperCase(Locale.ROOT), line);
        if (line.ean() != null && !line.ean().isBlank()) {
            known.put(line.ean(), line);
        }
        ReadOnlyObjectWrapper<StockCount.Line> shown = current.get(line.sku());
        if (shown != null) {
            shown.set(line);
        }
    }

    private StockCount.Line knownLine(String c) {
        StockCount.Line l = known.get(c);
        return l != null ? l : known.get(c.toUpperCase(Locale.ROOT));
    }

    private static boolean matches(StockCount.Line l, String c) {
        return l.sku().equalsIgnoreCase(c) || c.equals(l.ean());
    }

    // --- the keyboard entry: a code, Enter, a quantity, Enter ---

    /**
     * The code field's Enter: finds the line (at once when it is known, else asking the server) and moves to the
     * quantity; a code nobody knows says so and keeps what was typed.
     *
     * @param scanned whether the code came in at a scanner's speed (see {@link ScanTiming})
     */
    public void enterCode(boolean scanned) {
        String c = code.get() == null ? "" : code.get().strip();
        codeMessage.set("");
        quantityMessage.set("");
        if (c.isEmpty()) {
            codeMessage.set("Type a SKU or scan an EAN.");
            return;
        }
        if (!entryPermit.get().allowed()) {
            codeMessage.set(entryPermit.get().whyNot());
            return;
        }
        StockCount.Line hit = knownLine(c);
        if (hit != null) {
            toQuantity(hit, c, scanned, null);
            return;
        }
        StockCount.Count on = count.get();
        lookingUp.set(true);
        tasks.task("Finding " + c, p -> {
                    Optional<StockCount.Line> line = calls.lines(on.id(), c, null, PageRequest.first(5)).items()
                            .stream().filter(l -> matches(l, c)).findFirst();
                    return line.isPresent() ? line : calls.catalogue(on.warehouse(), c);
                })
                .quiet()
                .onSuccess(found -> {
                    if (count.get() != on || !c.equals(code.get() == null ? "" : code.get().strip())) {
                        return; // the count closed, or the person typed on
                    }
                    if (found.isPresent()) {
                        remember(found.get());
                        toQuantity(found.get(), c, scanned, null);
                    } else {
                        codeMessage.set(c + " is not in the catalogue. Check the code, or scan it again.");
                    }
                })
                .onFailure(e -> {
                    if (count.get() != on) {
                        return;
                    }
                    if (retryable(e)) {
                        // Counting goes on without the server: the code is checked when the entry is sent.
                        toQuantity(null, c, scanned, c + " — not checked: the server cannot be reached. It is"
                                + " checked when the entry is sent.");
                    } else {
                        codeMessage.set(errors.describe("Could not look up " + c, e, server).fullText());
                    }
                })
                .onFinally(() -> lookingUp.set(false))
                .start();
    }

    private void toQuantity(StockCount.Line line, String typed, boolean scanned, String text) {
        target.set(line);
        targetCode = typed;
        targetScanned = scanned;
        targetText.set(text != null ? text : promptFor(line));
        step.set(Step.QUANTITY);
    }

    /** What the quantity field shows beside it: the line's SKU and name — never a number to aim at. */
    static String promptFor(StockCount.Line line) {
        return line.sku() + " · " + line.name() + (line.unit() == null || line.unit().isBlank() ? ""
                : " (" + line.unit() + ")") + (line.addedByCount() ? " — not on this count's sheet: it is added as"
                + " found where it was not expected" : "");
    }

    /** The quantity field's Enter: records the entry and goes back to the code, ready for the next. */
    public void enterQuantity() {
        quantityMessage.set("");
        if (step.get() != Step.QUANTITY) {
            return;
        }
        String t = quantity.get() == null ? "" : quantity.get().strip().replace(" ", "");
        int q;
        try {
            q = Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            quantityMessage.set(t.isEmpty() ? "Type the number counted, e.g. 12." : "Type a whole number, e.g. 12 (or"
                    + " -2 to take 2 off a count that was too high); found \"" + t + "\".");
            return;
        }
        if (Math.abs(q) > ScannerFile.MAX_QUANTITY) {
            quantityMessage.set("At most " + Formats.count(ScannerFile.MAX_QUANTITY) + " in one entry.");
            return;
        }
        StockCount.Source source = q < 0 ? StockCount.Source.CORRECTION
                : targetScanned ? StockCount.Source.SCANNED : StockCount.Source.KEYED;
        StockCount.Line line = target.get();
        queue(CountOutbox.Batch.single(UUID.randomUUID().toString(),
                new StockCount.EntryInput(targetCode, q, source, null)));
        lastEntry.set((q < 0 ? "Corrected " : "Recorded ") + q + " × " + (line == null ? targetCode
                : line.sku() + " " + line.name()) + (source == StockCount.Source.SCANNED ? " (scanned)" : ""));
        code.set("");
        quantity.set("");
        target.set(null);
        targetText.set("");
        step.set(Step.CODE);
    }

    /** Escape: from the quantity back to the code (kept); in the code field, clears it. */
    public void escape() {
        quantityMessage.set("");
        if (step.get() == Step.QUANTITY) {
            quantity.set("");
            target.set(null);
            targetText.set("");
            step.set(Step.CODE);
        } else {
            code.set("");
            codeMessage.set("");
        }
    }

    /** "Correct…" on a line: the quantity field, for that line, ready for a negative number. */
    public void correct(StockCount.Line line) {
        if (line == null || !entryPermit.get().allowed()) {
            return;
        }
        code.set(line.sku());
        codeMessage.set("");
        toQuantity(line, line.sku(), false, promptFor(line) + " — correction: type what to take off, e.g. -2");
        quantity.set("-");
    }

    // --- the outbox ---

    private void queue(CountOutbox.Batch batch) {
        outbox.add(batch);
        updateWaiting();
        sendWaiting();
    }

    /** Sends what waits, oldest first (Retry, and the automatic retry). Does nothing while a send runs. */
    public void sendWaiting() {
        if (sending || outbox == null) {
            return;
        }
        cancelRetry();
        sending = true;
        sendError.set(null);
        CountOutbox box = outbox;
        String id = countId();
        tasks.task("Sending counted entries", p -> {
                    box.load();
                    box.save();
                    tasks.ui().execute(this::updateWaiting);
                    while (!p.isCancelled()) {
                        CountOutbox.Batch b = box.first();
                        if (b == null) {
                            break;
                        }
                        try {
                            StockCount.EntriesResult r = calls.addEntries(id, b.entries(), b.fileName(),
                                    RequestOptions.withKey(b.key()));
                            box.remove(b.key());
                            box.save();
                            tasks.ui().execute(() -> accepted(box, b, r));
                        } catch (ValidationException refusedForGood) {
                            box.remove(b.key());
                            box.save();
                            tasks.ui().execute(() -> refused(box, b, refusedForGood));
                        }
                    }
                    return null;
                })
                .quiet()
                .onSuccess(v -> {
                    if (box == outbox) {
                        offline.set(false);
                        nextRetry = FIRST_RETRY;
                    }
                })
                .onFailure(e -> {
                    if (box != outbox) {
                        return;
                    }
                    if (retryable(e)) {
                        offline.set(true);
                        Duration delay = nextRetry;
                        nextRetry = nextRetry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY
                                : nextRetry.multipliedBy(2);
                        pendingRetry = retry.after(delay, this::sendWaiting);
                    } else {
                        offline.set(false);
                        sendError.set(errors.describe("Could not send the counted entries", e, server));
                    }
                })
                .onFinally(() -> {
                    sending = false;
                    if (box == outbox) {
                        updateWaiting();
                        // Typed while the last batch was on its way: send it now, unless the connection is down.
                        if (!offline.get() && sendError.get() == null && box.first() != null) {
                            sendWaiting();
                        }
                    }
                })
                .start();
    }

    private void cancelRetry() {
        if (pendingRetry != null) {
            pendingRetry.run();
            pendingRetry = null;
        }
    }

    /** A connection that failed, a server error or a rate limit: the same batch, with its key, later. */
    static boolean retryable(Throwable e) {
        return e instanceof TransportException || e instanceof ServerException || e instanceof RateLimitedException;
    }

    private void updateWaiting() {
        if (outbox == null) {
            return;
        }
        int n = outbox.entries();
        waiting.set(n);
        outboxText.set(n == 0 ? "" : Formats.plural(n, "entry", "entries") + " waiting to be sent"
                + (offline.get() ? " — the server cannot be reached; they are kept on this computer and sent when"
                + " it answers again." : sendError.get() != null ? " — kept on this computer." : "…"));
    }

    private void accepted(CountOutbox box, CountOutbox.Batch b, StockCount.EntriesResult r) {
        if (box != outbox) {
            return;
        }
        offline.set(false);
        r.lines().forEach(this::remember);
        if (r.count() != null) {
            count.set(r.count());
        }
        if (b.fileName() != null) {
            importResult.set("Imported " + Formats.plural(b.entries().size(), "row", "rows") + " of " + b.fileName()
                    + " (" + Formats.plural(b.entries().stream().map(StockCount.EntryInput::code).distinct().count(),
                    "code", "codes") + ").");
        }
        updateWaiting();
    }

    private void refused(CountOutbox box, CountOutbox.Batch b, ValidationException e) {
        if (box != outbox) {
            return;
        }
        if (b.fileName() != null) {
            importResult.set("");
            importProblem.set(b.fileName() + ": " + fileProblem(b, e.fieldErrors(), e.detail())
                    + ". Nothing of the file was imported.");
        } else {
            StockCount.EntryInput in = b.entries().get(0);
            refused.set("Not recorded: " + in.quantity() + " × " + in.code() + " — "
                    + entryProblem(b, e.fieldErrors(), e.detail()) + ".");
        }
        updateWaiting();
    }

    /** The server's word on a scanner file, at the file's line and column: "line 7, column "ean": 400… is not in the catalogue". */
    static String fileProblem(CountOutbox.Batch b, List<Problem.FieldError> fieldErrors, String detail) {
        for (Problem.FieldError f : fieldErrors) {
            int i = entryIndex(f.field());
            if (i < 0 || i >= b.entries().size()) {
                continue;
            }
            StockCount.EntryInput in = b.entries().get(i);
            int line = in.fileLine() == null ? i + 1 : in.fileLine();
            if (f.field().endsWith(".code")) {
                return ScannerFile.where(line, b.codeColumn()) + ": " + in.code() + " is not in the catalogue";
            }
            return ScannerFile.where(line, b.quantityColumn()) + ": " + f.message();
        }
        return detail == null ? "the server refused it" : detail;
    }

    private static String entryProblem(CountOutbox.Batch b, List<Problem.FieldError> fieldErrors, String detail) {
        for (Problem.FieldError f : fieldErrors) {
            if (f.field() != null && f.field().endsWith(".code")) {
                return b.entries().get(0).code() + " is not in the catalogue";
            }
            if (f.message() != null) {
                return f.message();
            }
        }
        return detail == null ? "the server refused it" : detail;
    }

    /** {@code entries[12].code} → 12; -1 when the field names no entry. */
    static int entryIndex(String field) {
        if (field == null || !field.startsWith("entries[")) {
            return -1;
        }
        int end = field.indexOf(']');
        try {
            return Integer.parseInt(field.substring("entries[".length(), end));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // --- the scanner file ---

    /** Reads the file off the FX thread (progress and cancel in the status bar), then sends its rows as one batch. */
    public void importFile(Path file) {
        if (outbox == null || !entryPermit.get().allowed()) {
            return;
        }
        CountOutbox box = outbox;
        importing.set(true);
        importResult.set("");
        importProblem.set("");
        tasks.task("Reading " + file.getFileName(), p -> ScannerFile.read(file, p))
                .userWork()
                .onSuccess(read -> {
                    if (box != outbox) {
                        return;
                    }
                    if (read.rows().isEmpty()) {
                        importProblem.set(read.fileName() + ": the file has no rows to import.");
                        return;
                    }
                    List<StockCount.EntryInput> entries = read.rows().stream()
                            .map(r -> new StockCount.EntryInput(r.code(), r.quantity(),
                                    StockCount.Source.SCANNER_FILE, r.line()))
                            .toList();
                    importResult.set("Sending " + Formats.plural(entries.size(), "row", "rows") + " of "
                            + read.fileName() + "…");
                    queue(new CountOutbox.Batch(UUID.randomUUID().toString(), read.fileName(), read.codeColumn(),
                            read.quantityColumn(), entries));
                })
                .onFailure(e -> importProblem.set(file.getFileName() + ": " + (e instanceof ScannerFileException
                        ? e.getMessage() + " Nothing of the file was imported."
                        : errors.describe("Could not read the file", e, server).fullText())))
                .onCancelled(() -> importResult.set("Import stopped: nothing of " + file.getFileName()
                        + " was imported."))
                .onFinally(() -> importing.set(false))
                .start();
    }

    // --- submit and cancel ---

    /**
     * Submits the count. When lines were not counted, the server says how many and nothing happens; then
     * {@code incomplete} is called with the number, to ask "count them as 0?" and submit again with
     * {@code uncountedAsZero}.
     */
    public void submit(boolean uncountedAsZero, RequestOptions action, IntConsumer incomplete) {
        StockCount.Count c = count.get();
        if (c == null || !submitPermit.get().allowed()) {
            return;
        }
        busy.set(true);
        actionError.set(null);
        result.set("");
        tasks.task("Submitting count " + c.id(), p -> calls.submit(c.id(), uncountedAsZero, action))
                .userWork()
                .onSuccess(run -> {
                    runId.set(run.id());
                    result.set("Submitted as run " + run.id() + " — a second person reviews and approves it in"
                            + " Reconciliation.");
                    if (count.get() == c) {
                        count.set(withState(c, StockCount.State.SUBMITTED, run.id()));
                    }
                })
                .onFailure(e -> {
                    if (e instanceof ConflictException ce && "count-incomplete".equals(ce.problemKind())
                            && ce.problem() != null && ce.problem().uncountedLines() != null) {
                        incomplete.accept(ce.problem().uncountedLines());
                    } else {
                        actionError.set(errors.describe("Could not submit count " + c.id(), e, server));
                    }
                })
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** Abandons the count (its entries stay on the server as evidence); {@code done} runs when it is cancelled. */
    public void cancelCount(String reason, RequestOptions action, Runnable done) {
        StockCount.Count c = count.get();
        if (c == null || reason == null || reason.isBlank() || !cancelPermit.get().allowed()) {
            return;
        }
        busy.set(true);
        actionError.set(null);
        tasks.task("Cancelling count " + c.id(), p -> calls.cancel(c.id(), reason, action))
                .onSuccess(cancelled -> {
                    if (count.get() == c) {
                        count.set(cancelled);
                    }
                    done.run();
                })
                .onFailure(e -> actionError.set(errors.describe("Could not cancel count " + c.id(), e, server)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    private static StockCount.Count withState(StockCount.Count c, StockCount.State state, String runId) {
        return new StockCount.Count(c.id(), c.warehouse(), c.scope(), c.zone(), state, c.startedBy(), c.startedAt(),
                c.submittedAt(), c.lines(), c.countedLines(), c.entries(), runId, c.version());
    }

    public void dismissResult() {
        actionError.set(null);
    }

    public void dispose() {
        cancelRetry();
        lines.dispose();
    }

    // --- properties ---

    public PagedList<StockCount.Line, LineQuery> lines() {
        return lines;
    }

    public Permits permits() {
        return permits;
    }

    public ReadOnlyObjectProperty<StockCount.Count> countProperty() {
        return count.getReadOnlyProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty uncountedOnlyProperty() {
        return uncountedOnly;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty quantityProperty() {
        return quantity;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StockCount.Line> targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** Beside the quantity field: the SKU and name of the line being counted. */
    public ReadOnlyStringProperty targetTextProperty() {
        return targetText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty codeMessageProperty() {
        return codeMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty quantityMessageProperty() {
        return quantityMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastEntryProperty() {
        return lastEntry.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lookingUpProperty() {
        return lookingUp.getReadOnlyProperty();
    }

    /** Entries not yet on the server. */
    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /** "3 entries waiting to be sent — …", or "" when nothing waits. */
    public ReadOnlyStringProperty outboxTextProperty() {
        return outboxText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> sendErrorProperty() {
        return sendError.getReadOnlyProperty();
    }

    /** An entry the server refused (an unknown code), said once. */
    public ReadOnlyStringProperty refusedProperty() {
        return refused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty importResultProperty() {
        return importResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty importProblemProperty() {
        return importProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The run the count became, once submitted. */
    public ReadOnlyStringProperty runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    public ObservableValue<Permit> entryPermit() {
        return entryPermit;
    }

    public ObservableValue<Permit> submitPermit() {
        return submitPermit;
    }

    public ObservableValue<Permit> cancelPermit() {
        return cancelPermit;
    }
}
