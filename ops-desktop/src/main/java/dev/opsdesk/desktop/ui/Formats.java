package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.model.Money;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * How amounts, counts and times look everywhere in the application. Money arrives as integer minor
 * units and becomes text only here (never a double); times arrive in UTC and are shown in the
 * workstation's zone, which the absolute form names.
 */
public final class Formats {

    private static final Locale LOCALE = Locale.ENGLISH;
    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss", LOCALE);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM, HH:mm:ss", LOCALE);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", LOCALE);

    private final ZoneId zone;

    public Formats(ZoneId zone) {
        this.zone = zone;
    }

    /** The workstation's zone. */
    public static Formats systemDefault() {
        return new Formats(ZoneId.systemDefault());
    }

    public ZoneId zone() {
        return zone;
    }

    /** "€42.50", "£1,299.00"; the amount exactly, from minor units. Empty for null. */
    public static String money(Money money) {
        if (money == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(LOCALE);
        try {
            Currency currency = Currency.getInstance(money.currency());
            format.setCurrency(currency);
            format.setMinimumFractionDigits(Math.max(0, currency.getDefaultFractionDigits()));
            format.setMaximumFractionDigits(Math.max(0, currency.getDefaultFractionDigits()));
        } catch (IllegalArgumentException unknownCurrency) {
            return money.toMajor().toPlainString() + " " + money.currency();
        }
        return format.format(money.toMajor());
    }

    /** "1,234". */
    public static String count(long n) {
        return NumberFormat.getIntegerInstance(LOCALE).format(n);
    }

    /** "1 failure", "12 failures". */
    /** "14:00–15:00, 21 Nov" in {@code zone}: one hour, as the Overview's chart and the Failures filter name it. */
    public static String hourRange(Instant hour, ZoneId zone) {
        java.time.ZonedDateTime start = hour.atZone(zone);
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        return hm.format(start) + "–" + hm.format(start.plusHours(1)) + ", "
                + java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH).format(start);
    }

    public static String plural(long n, String singular, String plural) {
        return count(n) + " " + (n == 1 ? singular : plural);
    }

    /** Words joined as people write them: "a", "a and b", "a, b and c". */
    public static String joinWords(java.util.List<String> words) {
        if (words.isEmpty()) {
            return "";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** How long ago, compactly: "just now", "4 min", "1h 17m", "2d 3h". */
    public static String age(Instant at, Instant now) {
        if (at == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(at, now).getSeconds());
        if (seconds < 45) {
            return "just now";
        }
        if (seconds < 3600) {
            return Math.max(1, Math.round(seconds / 60.0)) + " min";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + "h " + (seconds % 3600) / 60 + "m";
        }
        return seconds / 86400 + "d " + (seconds % 86400) / 3600 + "h";
    }

    /** "4 minutes ago". */
    public static String ago(Instant at, Instant now) {
        if (at == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(at, now).getSeconds());
        if (seconds < 45) {
            return "just now";
        }
        if (seconds < 3600) {
            long m = Math.max(1, Math.round(seconds / 60.0));
            return m + (m == 1 ? " minute ago" : " minutes ago");
        }
        if (seconds < 48 * 3600) {
            long h = seconds / 3600;
            return h + (h == 1 ? " hour ago" : " hours ago");
        }
        long d = seconds / 86400;
        return d + (d == 1 ? " day ago" : " days ago");
    }

    /** "Sat 21 Nov 2026, 10:02:13 CET (Europe/Berlin)": the time in the workstation's zone, naming it. */
    public String absolute(Instant at) {
        if (at == null) {
            return "";
        }
        var local = at.atZone(zone);
        return ABSOLUTE.format(local) + " " + zoneName(at);
    }

    /** "21 Nov, 10:02:13" in the workstation's zone (the zone is said elsewhere on the page). */
    public String shortTime(Instant at) {
        return at == null ? "" : SHORT.format(at.atZone(zone));
    }

    /** "10:02" in the workstation's zone. */
    public String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at.atZone(zone));
    }

    /** "CET (Europe/Berlin)", or "UTC" for UTC. */
    public String zoneName(Instant at) {
        String abbreviation = zone.getDisplayName(TextStyle.SHORT, LOCALE);
        if (at != null) {
            abbreviation = DateTimeFormatter.ofPattern("zzz", LOCALE).format(at.atZone(zone));
        }
        String id = zone.getId();
        if (abbreviation.equals(id) || "UTC".equals(abbreviation) && (id.equals("Etc/UTC") || id.equals("Z")
                || id.equals("GMT") || id.equals("Etc/GMT"))) {
            return abbreviation;
        }
        return abbreviation + " (" + id + ")";
    }

    /** "Times are in CET (Europe/Berlin)". */
    public String zoneNote() {
        return "Times are in " + zoneName(Instant.now()) + ", this computer's time zone";
    }

    /** "120 ms", "2.4 s". */
    public static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(LOCALE, "%.1f s", millis / 1000.0);
    }
}
