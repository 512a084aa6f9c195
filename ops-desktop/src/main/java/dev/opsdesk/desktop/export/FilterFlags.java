package dev.opsdesk.desktop.export;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The filter options given on the command line, as a dataset reads them into its own filter. Each
 * reader returns null for an option that was not given.
 */
public final class FilterFlags {

    private final Map<String, String> values;
    private final ZoneId zone;

    /**
     * @param values option name (with dashes) to value
     * @param zone   the zone of dates and times given without an offset
     */
    public FilterFlags(Map<String, String> values, ZoneId zone) {
        this.values = Map.copyOf(values);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The value, trimmed. */
    public String text(String flag) {
        String v = values.get(flag);
        return v == null ? null : v.trim();
    }

    /** The value, trimmed and in upper case (codes such as queues and statuses). */
    public String code(String flag) {
        String v = text(flag);
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    /**
     * The value as an instant: {@code 2026-11-20T05:00:00Z}, {@code 2026-11-20T06:00:00+01:00},
     * {@code 2026-11-20T06:00} (in the zone) or {@code 2026-11-20} (midnight in the zone).
     */
    public Instant instant(String flag) throws InvalidFilterException {
        return instant(flag, values.get(flag), zone);
    }

    /** Both times, checked to be in order; either may be absent. */
    public Instant[] range(String fromFlag, String untilFlag) throws InvalidFilterException {
        Instant from = instant(fromFlag);
        Instant until = instant(untilFlag);
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidFilterException(fromFlag + " must be before " + untilFlag);
        }
        return new Instant[] {from, until};
    }

    /** As {@link #instant(String)}, for a value not given as a filter option. */
    public static Instant instant(String flag, String text, ZoneId zone) throws InvalidFilterException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay(zone).toInstant();
                } catch (DateTimeException notDate) {
                    throw new InvalidFilterException(flag + " " + t + " is not a date or time; use ISO 8601, e.g. 2026-11-20,"
                            + " 2026-11-20T06:00 or 2026-11-20T05:00:00Z");
                }
            }
        }
    }
}
