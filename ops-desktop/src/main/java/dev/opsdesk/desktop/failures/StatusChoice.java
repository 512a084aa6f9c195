package dev.opsdesk.desktop.failures;

import java.util.List;

/** The status quick-filters above the table. */
public enum StatusChoice {
    OPEN("Open", "OPEN,REPLAYING", "Waiting for someone (including those being replayed right now)"),
    REPLAYING("Replaying", "REPLAYING", "Being replayed right now"),
    RESOLVED("Resolved", "RESOLVED", "Took effect, by a replay or by hand"),
    DISMISSED("Dismissed", "DISMISSED", "Closed without effect"),
    QUARANTINED("Quarantined", "DEAD", "Signature or timestamp never verified: visible, never replayed"),
    ALL("All", null, "Every status");

    private final String label;
    private final String query;
    private final String description;

    StatusChoice(String label, String query, String description) {
        this.label = label;
        this.query = query;
        this.description = description;
    }

    public String label() {
        return label;
    }

    /** The {@code status} query value; null for all. */
    public String query() {
        return query;
    }

    public String description() {
        return description;
    }

    /** Whether a failure with {@code status} is in this choice. */
    public boolean includes(String status) {
        return query == null || List.of(query.split(",")).contains(status);
    }
}
