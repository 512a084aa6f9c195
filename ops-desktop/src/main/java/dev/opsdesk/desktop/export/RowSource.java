package dev.opsdesk.desktop.export;

import dev.opsdesk.client.Paging;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The rows of one export, streamed: each {@link #iterator()} starts a fresh pass, fetching lazily
 * (e.g. page by page from the server), so an export never holds all rows in memory. The iterator
 * may throw (a lost connection): the export then fails and leaves no file.
 *
 * @param <R> the row type
 */
public interface RowSource<R> extends Iterable<R> {

    /** How many rows the pass will give, if known in advance (for progress); it is only a hint. */
    default OptionalLong knownSize() {
        return OptionalLong.empty();
    }

    /** Rows already in memory, e.g. the user's selection. */
    static <R> RowSource<R> of(Collection<? extends R> rows) {
        List<R> copy = List.copyOf(rows);
        return new RowSource<>() {
            @Override
            public Iterator<R> iterator() {
                return copy.iterator();
            }

            @Override
            public OptionalLong knownSize() {
                return OptionalLong.of(copy.size());
            }
        };
    }

    /** Any iterable, with an optional size hint (empty when unknown). */
    static <R> RowSource<R> of(Iterable<? extends R> rows, OptionalLong sizeHint) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(sizeHint, "sizeHint");
        return new RowSource<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Iterator<R> iterator() {
                return (Iterator<R>) rows.iterator();
            }

            @Override
            public OptionalLong knownSize() {
                return sizeHint;
            }
        };
    }

    /**
     * A list endpoint read page by page as the export proceeds (the client's auto-paging iterator).
     *
     * @param pageSize rows per request (1 to {@link PageRequest#MAX_LIMIT})
     * @param fetch    fetches one page; called on the exporting thread
     * @param sizeHint the total, if known (e.g. from a count endpoint)
     */
    static <R> RowSource<R> paged(int pageSize, Function<PageRequest, Page<R>> fetch, OptionalLong sizeHint) {
        return of(Paging.iterate(pageSize, fetch), sizeHint);
    }
}
