package dev.opsdesk.desktop.ui;

/** The application's colour themes; both come from the one stylesheet. */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a stored value, falling back to {@link #LIGHT}. */
    public static Theme parse(String value) {
        if (value != null) {
            for (Theme theme : values()) {
                if (theme.name().equalsIgnoreCase(value.trim())) {
                    return theme;
                }
            }
        }
        return LIGHT;
    }
}
