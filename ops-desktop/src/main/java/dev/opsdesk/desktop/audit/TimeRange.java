package dev.opsdesk.desktop.audit;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The time filter's quick picks, and the custom range typed in this computer's time zone. The
 * server takes {@code since} (at or after) and {@code until} (before).
 */
public enum TimeRange {
    ANY("Any time"),
    LAST_HOUR("Last hour"),
    TODAY("Today"),
    LAST_7_DAYS("Last 7 days"),
    CUSTOM("Custom range…");

    /** How a typed time may look; shown as the fields' prompt and in the error. */
    static final String EXAMPLE = "2026-11-21 or 2026-11-21 14:30";

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd().toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final String label;

    TimeRange(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The start of a quick pick (null for Any time and Custom, which has its own bounds). */
    public Instant since(Instant now, ZoneId zone) {
        return switch (this) {
            case LAST_HOUR -> now.minus(Duration.ofHours(1));
            case TODAY -> now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            case LAST_7_DAYS -> now.minus(Duration.ofDays(7));
            case ANY, CUSTOM -> null;
        };
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * A typed bound in {@code zone}: a date ({@code 2026-11-21}), a date and time ({@code 2026-11-21 14:30},
     * seconds optional) or a time today ({@code 14:30}). A bare date as the upper bound means the end of that
     * day (the server's {@code until} is exclusive: the next day's start). Blank: no bound.
     *
     * @throws IllegalArgumentException with a message for people when the text is not a time
     */
    static Instant parseBound(String text, boolean upper, ZoneId zone, Instant now) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(t, DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException notDateTime) {
            // try the shorter forms
        }
        try {
            LocalDate day = LocalDate.parse(t, DATE);
            return (upper ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notDate) {
            // try a time of today
        }
        try {
            LocalTime time = LocalTime.parse(t, TIME);
            return now.atZone(zone).toLocalDate().atTime(time).atZone(zone).toInstant();
        } catch (DateTimeException notTime) {
            throw new IllegalArgumentException("“" + t + "” is not a date or time; type it like " + EXAMPLE + ".");
        }
    }

    /** "21 Nov 2026, 14:30" in {@code zone}. */
    static String show(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        return local.get(ChronoField.SECOND_OF_MINUTE) == 0 ? SHOW.format(local)
                : SHOW.format(local) + ":" + String.format(Locale.ROOT, "%02d", local.getSecond());
    }
}
