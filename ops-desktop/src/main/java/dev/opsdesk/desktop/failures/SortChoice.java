package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.FailureSort;

/**
 * The orders the server can list failures in (the list is paged lazily, so only the server can
 * sort it): the "Sort" choice above the table and the sortable column headers.
 */
public enum SortChoice {
    NEWEST("Newest first", new FailureSort("firstSeenAt", true)),
    OLDEST("Oldest first", new FailureSort("firstSeenAt", false)),
    LATEST_ATTEMPT("Latest attempt first", new FailureSort("lastAttemptAt", true)),
    EARLIEST_ATTEMPT("Oldest attempt first", new FailureSort("lastAttemptAt", false)),
    MOST_ATTEMPTS("Most tries first", new FailureSort("attempts", true)),
    FEWEST_ATTEMPTS("Fewest tries first", new FailureSort("attempts", false)),
    LARGEST_AMOUNT("Largest amount first", new FailureSort("amount", true)),
    SMALLEST_AMOUNT("Smallest amount first", new FailureSort("amount", false));

    private final String label;
    private final FailureSort sort;

    SortChoice(String label, FailureSort sort) {
        this.label = label;
        this.sort = sort;
    }

    public String label() {
        return label;
    }

    /** The server's {@code sort} for this choice. */
    public FailureSort sort() {
        return sort;
    }

    /** The choice for a server column ({@code firstSeenAt}, {@code lastAttemptAt}, {@code attempts}, {@code amount}). */
    public static SortChoice of(String column, boolean descending) {
        for (SortChoice c : values()) {
            if (c.sort.column().equals(column) && c.sort.descending() == descending) {
                return c;
            }
        }
        throw new IllegalArgumentException("Failures cannot be sorted by " + column);
    }

    @Override
    public String toString() {
        return label;
    }
}
