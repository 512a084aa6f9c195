package dev.opsdesk.desktop.reconciliation.files;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The date-times the providers write, parsed by hand: a million of them through {@code DateTimeFormatter} would
 * cost more than reading the file.
 */
final class Timestamps {

    /** A local date-time and, when the text had one, its offset. */
    record Parsed(LocalDateTime local, ZoneOffset offset) {
    }

    private Timestamps() {
    }

    /**
     * {@code yyyy-MM-dd HH:mm[:ss]} or {@code yyyy/MM/dd HH:mm[:ss]} ({@code T} instead of the space, a date alone
     * meaning midnight), then optionally an offset: {@code Z}, {@code +0100}, {@code -08:00}, {@code +01}.
     *
     * @return the parsed value, or null when the text is not like that
     */
    static Parsed parse(String s) {
        int n = s.length();
        if (n < 10 || !digits(s, 0, 4) || !(s.charAt(4) == '-' || s.charAt(4) == '/') || s.charAt(7) != s.charAt(4)
                || !digits(s, 5, 7) || !digits(s, 8, 10)) {
            return null;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 7);
        int day = num(s, 8, 10);
        int hour = 0;
        int minute = 0;
        int second = 0;
        int i = 10;
        if (i < n && (s.charAt(i) == ' ' || s.charAt(i) == 'T')) {
            i++;
            if (i + 5 > n || !digits(s, i, i + 2) || s.charAt(i + 2) != ':' || !digits(s, i + 3, i + 5)) {
                return null;
            }
            hour = num(s, i, i + 2);
            minute = num(s, i + 3, i + 5);
            i += 5;
            if (i + 3 <= n && s.charAt(i) == ':' && digits(s, i + 1, i + 3)) {
                second = num(s, i + 1, i + 3);
                i += 3;
                if (i < n && s.charAt(i) == '.') { // fractions of a second: read, not kept
                    i++;
                    while (i < n && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        ZoneOffset offset = null;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        if (i < n) {
            offset = offset(s.substring(i));
            if (offset == null) {
                return null;
            }
        }
        try {
            return new Parsed(LocalDateTime.of(year, month, day, hour, minute, second), offset);
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    private static ZoneOffset offset(String s) {
        if (s.equals("Z") || s.equalsIgnoreCase("UTC") || s.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        String t = s.replace(":", "");
        if (t.length() != 3 && t.length() != 5 || t.charAt(0) != '+' && t.charAt(0) != '-' || !digits(t, 1, t.length())) {
            return null;
        }
        int sign = t.charAt(0) == '-' ? -1 : 1;
        int hours = num(t, 1, 3);
        int minutes = t.length() == 5 ? num(t, 3, 5) : 0;
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
