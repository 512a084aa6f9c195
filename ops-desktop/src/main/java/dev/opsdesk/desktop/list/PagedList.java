package dev.opsdesk.desktop.list;

import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A list the server pages, filters and sorts — the one way every section loads one. The rows of a
 * query are loaded a page at a time as the user nears the end, never all at once; a new query (a
 * filter or sort changed) starts again from the first page.
 *
 * <p>What it does so that no section writes it again:
 * <ul>
 *   <li><b>Latest request wins.</b> A new query cancels the page on its way; anything a superseded
 *       request delivers afterwards is dropped, so a slow old answer never lands in a new list.</li>
 *   <li><b>Asked for more while a page is on its way</b>, the next one follows as soon as it
 *       arrives (someone holding End does not wait for a redraw between pages).</li>
 *   <li><b>Cancel</b> (from the status bar) stops paging and says so; the next load starts afresh.</li>
 *   <li><b>A failed page</b> says what failed and keeps the cursor: scrolling again, or
 *       {@link #retry()}, asks for the same page again. A failed first page ends the list (nothing to
 *       scroll) until the next load.</li>
 *   <li><b>The count</b> of matching rows, when the server can count them, loads beside the first
 *       page; the count line says what is matched, loaded, stopped or still loading.</li>
 * </ul>
 *
 * <p>State lives in read-only properties changed only on the UI executor; the query of the rows
 * shown ({@link #query()}) is also readable from worker threads (an export of "all matching").
 *
 * @param <T> a row
 * @param <Q> what the server is asked: filter and order
 */
public final class PagedList<T, Q> {

    /** Fetches one page of rows for a query; runs on a worker thread. */
    @FunctionalInterface
    public interface PageSource<T, Q> {
        Page<T> page(Q query, PageRequest request) throws Exception;
    }

    /** Counts the rows matching a query; runs on a worker thread. */
    @FunctionalInterface
    public interface Counter<Q> {
        long count(Q query) throws Exception;
    }

    /**
     * How a list speaks of its rows: "failure" / "failures" in the count line, and {@code what} in
     * task titles and error headlines ("Loading audit events", "Could not load the audit events").
     */
    public record Nouns(String one, String many, String what) {
        public Nouns {
            Objects.requireNonNull(one, "one");
            Objects.requireNonNull(many, "many");
            Objects.requireNonNull(what, "what");
        }

        public Nouns(String one, String many) {
            this(one, many, many);
        }
    }

    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Nouns nouns;
    private final int pageSize;
    private final PageSource<T, Q> source;
    private final Function<? super T, String> key;
    private Counter<Q> counter;
    private Consumer<List<T>> onFirstPage = rows -> { };

    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private final ObservableList<T> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final Map<String, T> byKey = new HashMap<>();
    private final ReadOnlyObjectWrapper<Q> shownQuery = new ReadOnlyObjectWrapper<>(this, "query");
    private final ReadOnlyObjectWrapper<Long> total = new ReadOnlyObjectWrapper<>(this, "total");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper loadingMore = new ReadOnlyBooleanWrapper(this, "loadingMore");
    private final ReadOnlyBooleanWrapper endReached = new ReadOnlyBooleanWrapper(this, "endReached");
    private final ReadOnlyBooleanWrapper stopped = new ReadOnlyBooleanWrapper(this, "stopped");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");

    /** The query of the rows shown, for worker threads. */
    private volatile Q query;
    /** The load in force; a callback of any other is stale and ignored. */
    private Load current;
    private String cursor;
    private boolean moreWanted;
    private boolean firstPageFailed;

    /**
     * @param key a row's identity (duplicates across pages are dropped; {@link #row(String)} finds a
     *            loaded row by it); null when rows have none
     */
    public PagedList(BackgroundTasks tasks, ErrorMessages errors, URI server, Nouns nouns, int pageSize,
                     PageSource<T, Q> source, Function<? super T, String> key) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.server = server;
        this.nouns = Objects.requireNonNull(nouns, "nouns");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.pageSize = pageSize;
        this.source = Objects.requireNonNull(source, "source");
        this.key = key;
        updateCountText();
    }

    /** The server can count the rows of a query: the count line then says how many match. */
    public PagedList<T, Q> countedBy(Counter<Q> value) {
        this.counter = value;
        return this;
    }

    /** Called with the rows of each first page, once they are in the list (e.g. to select again). */
    public PagedList<T, Q> onFirstPage(Consumer<List<T>> value) {
        this.onFirstPage = Objects.requireNonNull(value);
        return this;
    }

    /** One load: a query and the tasks working for it. */
    private final class Load {
        final Q query;
        BackgroundTask<?> page;
        BackgroundTask<?> count;

        Load(Q query) {
            this.query = query;
        }

        boolean isCurrent() {
            return current == this;
        }

        void cancel() {
            if (page != null) {
                page.cancel();
            }
            if (count != null) {
                count.cancel();
            }
        }
    }

    // --- loading ---

    /** Shows the rows of {@code q} from its first page (and counts them), dropping what was shown. */
    public void load(Q q) {
        Load load = restart(q);
        loading.set(true);
        updateCountText();
        load.page = tasks.task("Loading " + nouns.what(), p -> source.page(q, PageRequest.first(pageSize)))
                .onSuccess(page -> {
                    if (load.isCurrent()) {
                        append(page);
                        onFirstPage.accept(List.copyOf(rows));
                    }
                })
                .onFailure(e -> {
                    if (load.isCurrent()) {
                        firstPageFailed = true;
                        endReached.set(true);
                        error.set(errors.describe("Could not load the " + nouns.what(), e, server));
                    }
                })
                .onCancelled(() -> stoppedIn(load))
                .onFinally(() -> {
                    if (load.isCurrent()) {
                        loading.set(false);
                        updateCountText();
                        continueIfWanted();
                    }
                })
                .start();
        if (counter != null) {
            count(load);
        }
    }

    /** Shows that nothing matches {@code q} without asking the server (e.g. the user may read no queue). */
    public void showEmpty(Q q) {
        restart(q);
        endReached.set(true);
        total.set(0L);
        updateCountText();
    }

    private Load restart(Q q) {
        if (current != null) {
            current.cancel();
        }
        Load load = new Load(q);
        current = load;
        query = q;
        shownQuery.set(q);
        rows.clear();
        byKey.clear();
        cursor = null;
        moreWanted = false;
        firstPageFailed = false;
        stopped.set(false);
        endReached.set(false);
        loadingMore.set(false);
        loading.set(false);
        total.set(null);
        error.set(null);
        return load;
    }

    /** Loads the shown query again from its first page (F5); the first load when there is none yet. */
    public void reload() {
        if (current != null) {
            load(current.query);
        }
    }

    /**
     * The next page, if there is one (called as the user nears the end). Asked again while a page is
     * on its way, the next follows as soon as it arrives.
     */
    public void loadMore() {
        if (current == null) {
            return;
        }
        if (loading.get() || loadingMore.get()) {
            moreWanted = !endReached.get();
            return;
        }
        if (endReached.get() || cursor == null || stopped.get()) {
            return;
        }
        moreWanted = false;
        Load load = current;
        PageRequest request = new PageRequest(pageSize, cursor);
        loadingMore.set(true);
        updateCountText();
        load.page = tasks.task("Loading more " + nouns.what(), p -> source.page(load.query, request))
                .onSuccess(page -> {
                    if (load.isCurrent()) {
                        error.set(null); // a retried page came in: the earlier failure is over
                        append(page);
                    }
                })
                .onFailure(e -> {
                    if (load.isCurrent()) {
                        moreWanted = false; // a retry is the user's call (scroll again, or Try again)
                        error.set(errors.describe("Could not load more " + nouns.what(), e, server));
                    }
                })
                .onCancelled(() -> stoppedIn(load))
                .onFinally(() -> {
                    if (load.isCurrent()) {
                        loadingMore.set(false);
                        updateCountText();
                        continueIfWanted();
                    }
                })
                .start();
    }

    /** After a failure: the first page again if that failed, else the page that failed. */
    public void retry() {
        if (firstPageFailed || current == null || stopped.get()) {
            reload();
        } else {
            error.set(null);
            loadMore();
        }
    }

    private void continueIfWanted() {
        if (moreWanted) {
            moreWanted = false;
            loadMore();
        }
    }

    private void count(Load load) {
        load.count = tasks.task("Counting " + nouns.what(), p -> counter.count(load.query))
                .quiet()
                .onSuccess(n -> {
                    if (load.isCurrent()) {
                        total.set(n);
                        updateCountText();
                    }
                })
                .onFailure(e -> {
                    // The list works without its count; the next load asks again.
                })
                .start();
    }

    private void stoppedIn(Load load) {
        if (load.isCurrent()) {
            stopped.set(true);
            moreWanted = false;
        }
    }

    private void append(Page<T> page) {
        List<T> added = new ArrayList<>(page.items().size());
        for (T row : page.items()) {
            if (key == null) {
                added.add(row);
            } else if (byKey.putIfAbsent(key.apply(row), row) == null) {
                added.add(row);
            }
        }
        rows.addAll(added);
        cursor = page.nextCursor();
        endReached.set(cursor == null);
        if (cursor == null) {
            moreWanted = false;
        }
        updateCountText();
    }

    /** Stops what is loading, as the status bar's Cancel does; the rows stay until the next load. */
    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    /** Stops loading for good (sign-out). */
    public void dispose() {
        cancel();
        current = null;
    }

    // --- rows changed by the section ---

    /** The loaded row with this key; null when it is not loaded (or rows have no key). */
    public T row(String rowKey) {
        return byKey.get(rowKey);
    }

    /**
     * A row no longer belongs to the shown query (it was resolved while the list shows open ones):
     * it leaves the list and the count, so rows, count and export agree.
     */
    public boolean remove(String rowKey) {
        T row = byKey.remove(rowKey);
        if (row == null) {
            return false;
        }
        rows.remove(row);
        Long n = total.get();
        if (n != null && n > 0) {
            total.set(n - 1);
        }
        updateCountText();
        return true;
    }

    /** The count from elsewhere (a periodic refresh), for the shown query. */
    public void setTotal(Q forQuery, long n) {
        if (current != null && Objects.equals(current.query, forQuery)) {
            total.set(n);
            updateCountText();
        }
    }

    public void dismissError() {
        error.set(null);
    }

    private void updateCountText() {
        StringBuilder text = new StringBuilder();
        Long n = total.get();
        int loaded = rows.size();
        if (loading.get() && rows.isEmpty()) {
            text.append("Loading…");
        } else if (stopped.get()) {
            text.append(Formats.count(loaded)).append(" loaded · loading stopped (F5 loads again)");
        } else if (n != null) {
            text.append(Formats.plural(n, nouns.one() + " matches", nouns.many() + " match"));
            if (loaded < n && !endReached.get()) {
                text.append(" · ").append(Formats.count(loaded)).append(" loaded");
            }
        } else if (rows.isEmpty() && endReached.get()) {
            text.append(error.get() != null ? "Nothing loaded" : "No " + nouns.many() + " match");
        } else if (endReached.get()) {
            text.append(Formats.plural(loaded, nouns.one(), nouns.many()));
        } else {
            text.append(Formats.count(loaded)).append(" loaded · more as you scroll");
        }
        if (loadingMore.get()) {
            text.append(" · loading more…");
        }
        countText.set(text.toString());
    }

    // --- state ---

    /** The query of the rows shown (readable from any thread); null before the first load. */
    public Q query() {
        return query;
    }

    public ReadOnlyObjectProperty<Q> queryProperty() {
        return shownQuery.getReadOnlyProperty();
    }

    /** The loaded rows in the server's order; grows as the user scrolls. */
    public ObservableList<T> rows() {
        return rowsView;
    }

    /** How many rows match (null until counted, or when the server cannot count them). */
    public ReadOnlyObjectProperty<Long> totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** The first page is on its way. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingMoreProperty() {
        return loadingMore.getReadOnlyProperty();
    }

    /** Every matching row is loaded (or the first page failed). */
    public ReadOnlyBooleanProperty endReachedProperty() {
        return endReached.getReadOnlyProperty();
    }

    /** Loading was cancelled; nothing more loads until the list is loaded again. */
    public ReadOnlyBooleanProperty stoppedProperty() {
        return stopped.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "1,234 failures match · 200 loaded · loading more…", "200 loaded · more as you scroll", "No events match". */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public Nouns nouns() {
        return nouns;
    }
}
