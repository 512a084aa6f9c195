package dev.opsdesk.desktop.failures;

/** Whose failures to show: anyone's, the signed-in user's, or nobody's yet. */
public enum AssigneeChoice {
    ANYONE("Anyone's", null),
    ME("Assigned to me", "me"),
    UNASSIGNED("Unassigned", "none");

    private final String label;
    private final String query;

    AssigneeChoice(String label, String query) {
        this.label = label;
        this.query = query;
    }

    public String label() {
        return label;
    }

    /** The {@code assignee} query value: {@code me}, {@code none} (unassigned), or null for anyone. */
    public String query() {
        return query;
    }

    @Override
    public String toString() {
        return label;
    }
}
