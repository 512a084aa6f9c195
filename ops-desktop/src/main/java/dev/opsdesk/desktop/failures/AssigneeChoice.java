package dev.opsdesk.desktop.failures;

/**
 * Whose failures to show. (The API filters by one assignee or {@code me}; it has no "unassigned"
 * filter, so that choice is not offered.)
 */
public enum AssigneeChoice {
    ANYONE("Anyone's", null),
    ME("Assigned to me", "me");

    private final String label;
    private final String query;

    AssigneeChoice(String label, String query) {
        this.label = label;
        this.query = query;
    }

    public String label() {
        return label;
    }

    public String query() {
        return query;
    }

    @Override
    public String toString() {
        return label;
    }
}
