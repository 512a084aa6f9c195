package dev.opsdesk.sandbox.inventory;

import dev.opsdesk.sandbox.auth.Scopes;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A filter of the stock list: every non-null component narrows (AND). {@code q} is a SKU, an EAN or part of a name;
 * {@code staleSystem} and {@code olderThanMinutes}: that system's number (any of the three, without a system) is older
 * than that many minutes ({@value #DEFAULT_STALE_MINUTES} when not given); {@code integration}:
 * the pairs whose number from that integration is older than its interval. {@code readable}: the caller's scope.
 */
public record StockQuery(Set<String> warehouses, String q, Boolean drifting, Integer minDrift, Drift.State state,
                         StockSystem staleSystem, Integer olderThanMinutes, String integration, Boolean oversold,
                         Scopes.Filter readable) {

    /** How old a number must be to count as stale when only the system is given. */
    public static final int DEFAULT_STALE_MINUTES = 60;

    /** The list's orders, each made total by SKU and warehouse. */
    public enum Sort {
        /** Biggest drift first. */
        DRIFT("drift"),
        /** By SKU, then warehouse. */
        SKU("sku"),
        /** The pair whose oldest number is oldest first. */
        OLDEST_SYNC("oldestSync");

        private final String param;

        Sort(String param) {
            this.param = param;
        }

        public String param() {
            return param;
        }

        /** Absent means {@link #DRIFT}. */
        public static Optional<Sort> parse(String value) {
            if (value == null || value.isBlank()) {
                return Optional.of(DRIFT);
            }
            return Arrays.stream(values()).filter(s -> s.param.equals(value.trim())).findFirst();
        }
    }

    /** Where the previous page ended: its last row's sort value (drift, or epoch millis), SKU and warehouse. */
    public record After(long value, String sku, String warehouse) {
    }
}
