package dev.opsdesk.desktop.failures;

import java.time.Duration;
import java.time.Instant;

/** How far back to look (first seen at or after). */
public enum AgeChoice {
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_DAY("Last 24 hours", Duration.ofHours(24)),
    LAST_WEEK("Last 7 days", Duration.ofDays(7)),
    ANY("Any age", null);

    private final String label;
    private final Duration window;

    AgeChoice(String label, Duration window) {
        this.label = label;
        this.window = window;
    }

    public String label() {
        return label;
    }

    /** The {@code since} of the filter at {@code now}; null for any age. */
    public Instant since(Instant now) {
        return window == null ? null : now.minus(window);
    }

    @Override
    public String toString() {
        return label;
    }
}
