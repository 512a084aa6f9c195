package dev.opsdesk.client.model;

import java.util.Objects;
import java.util.Set;

/**
 * The order of {@code GET /v1/failures}: a column ({@code firstSeenAt}, {@code lastAttemptAt}, {@code attempts},
 * {@code amount}) and a direction. Ties are broken by failure id in the same direction.
 */
public record FailureSort(String column, boolean descending) {

    public static final Set<String> COLUMNS = Set.of("firstSeenAt", "lastAttemptAt", "attempts", "amount");

    /** The server's default: newest first. */
    public static final FailureSort NEWEST = new FailureSort("firstSeenAt", true);

    public FailureSort {
        Objects.requireNonNull(column, "column");
        if (!COLUMNS.contains(column)) {
            throw new IllegalArgumentException("Failures cannot be sorted by " + column + "; only by " + COLUMNS);
        }
    }

    /** The {@code sort} query parameter. */
    public String param() {
        return (descending ? "-" : "") + column;
    }
}
