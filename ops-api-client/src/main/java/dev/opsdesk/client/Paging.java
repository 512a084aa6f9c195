package dev.opsdesk.client;

import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Auto-paging: iterates over every item of a list endpoint, fetching the next page only when needed. */
public final class Paging {

    private Paging() {
    }

    /**
     * @param pageSize items per request
     * @param fetch    fetches one page; called lazily, on the iterating thread
     */
    public static <T> Iterable<T> iterate(int pageSize, Function<PageRequest, Page<T>> fetch) {
        return () -> new PageIterator<>(PageRequest.first(pageSize), fetch);
    }

    private static final class PageIterator<T> implements Iterator<T> {
        private final Function<PageRequest, Page<T>> fetch;
        private PageRequest nextRequest;
        private Iterator<T> current = java.util.Collections.emptyIterator();

        PageIterator(PageRequest first, Function<PageRequest, Page<T>> fetch) {
            this.fetch = fetch;
            this.nextRequest = first;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && nextRequest != null) {
                Page<T> page = fetch.apply(nextRequest);
                if (page.hasNext() && page.nextCursor().equals(nextRequest.cursor())) {
                    throw new UnexpectedResponseException("The server returned the same page cursor twice; stopping to avoid an endless loop",
                            200, null, null, "GET", null, null);
                }
                nextRequest = page.hasNext() ? nextRequest.next(page.nextCursor()) : null;
                current = page.items().iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
