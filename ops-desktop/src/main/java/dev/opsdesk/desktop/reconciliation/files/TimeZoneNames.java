package dev.opsdesk.desktop.reconciliation.files;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The time zone names Adyen writes in its {@code TimeZone} column ({@code CET}, {@code CEST}, {@code PST}...). An
 * abbreviation names standard or summer time itself, so each maps to one fixed offset and daylight saving needs no
 * guessing: {@code CEST} is +02:00 all year. Abbreviations that mean different things in different places resolve to
 * the reading stated here, with a warning. IANA ids ({@code Europe/Amsterdam}) and offsets ({@code GMT+01:00}) work too.
 */
final class TimeZoneNames {

    /** A resolved name: the zone to read the times in, and the assumption made, if any. */
    record Resolved(ZoneId zone, String assumption) {
    }

    private static final Map<String, ZoneOffset> UNAMBIGUOUS = new HashMap<>();
    private static final Map<String, Resolved> AMBIGUOUS = new HashMap<>();

    static {
        fixed(0, "UTC", "GMT", "WET", "Z");
        fixed(1, "CET", "MET", "WEST", "BST", "WAT");
        fixed(2, "CEST", "MEST", "EET", "SAST", "CAT");
        fixed(3, "EEST", "MSK", "EAT", "TRT");
        fixed(4, "GST");
        fixed(8, "AWST", "HKT", "SGT", "PHT", "WITA");
        fixed(9, "JST", "KST");
        fixed(10, "AEST", "ChST");
        fixed(11, "AEDT");
        fixed(12, "NZST");
        fixed(13, "NZDT");
        fixed(-3, "BRT", "ART", "ADT");
        fixed(-4, "EDT", "AST");
        fixed(-5, "EST", "CDT");
        fixed(-6, "MDT");
        fixed(-7, "MST", "PDT");
        fixed(-8, "PST", "AKDT");
        fixed(-9, "AKST", "HDT");
        fixed(-10, "HST");
        UNAMBIGUOUS.put("ACST", ZoneOffset.ofHoursMinutes(9, 30));
        UNAMBIGUOUS.put("ACDT", ZoneOffset.ofHoursMinutes(10, 30));
        AMBIGUOUS.put("CST", new Resolved(ZoneOffset.ofHours(-6), "CST read as US Central Standard Time (-06:00), not China Standard Time"));
        AMBIGUOUS.put("IST", new Resolved(ZoneOffset.ofHoursMinutes(5, 30), "IST read as India Standard Time (+05:30), not Irish or Israel Standard Time"));
    }

    private static void fixed(int hours, String... names) {
        for (String name : names) {
            UNAMBIGUOUS.put(name.toUpperCase(Locale.ROOT), ZoneOffset.ofHours(hours));
        }
    }

    private TimeZoneNames() {
    }

    /** The zone the name means, or null when it means nothing known. */
    static Resolved resolve(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        ZoneOffset offset = UNAMBIGUOUS.get(upper);
        if (offset != null) {
            return new Resolved(offset, null);
        }
        Resolved ambiguous = AMBIGUOUS.get(upper);
        if (ambiguous != null) {
            return ambiguous;
        }
        try {
            return new Resolved(ZoneId.of(name.strip()), null); // Europe/Amsterdam, GMT+01:00, UTC+2
        } catch (DateTimeException notAnId) {
            String java = ZoneId.SHORT_IDS.get(upper);
            if (java != null) {
                return new Resolved(ZoneId.of(java), name.strip() + " read as " + java + " (Java's reading of the abbreviation)");
            }
            return null;
        }
    }
}
