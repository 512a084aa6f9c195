package dev.opsdesk.client.model;

import java.util.List;

/** One page of a list endpoint. {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
        if (nextCursor != null && nextCursor.isEmpty()) {
            nextCursor = null;
        }
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
