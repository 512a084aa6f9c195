package dev.opsdesk.desktop.inventory.count;

/**
 * Tells a scanner from a person at the keyboard: a handheld scanner "types" a whole EAN in a burst, a few
 * milliseconds per character, then Enter; nobody types 13 digits that fast. Fed the time of each character typed
 * into the code field; asked when Enter comes. Pure logic, so it is tested without a keyboard.
 */
public final class ScanTiming {

    /** Slowest gap between two characters of a scan. Scanners send 1–20 ms apart; a fast typist 80 ms or more. */
    static final long MAX_GAP_NANOS = 35_000_000L;

    private long first = -1;
    private long last = -1;
    private long slowestGap;
    private int typed;

    /** A character arrived at {@code nanos} (e.g. {@code System.nanoTime()}). */
    public void typed(long nanos) {
        if (first < 0) {
            first = nanos;
        } else {
            slowestGap = Math.max(slowestGap, nanos - last);
        }
        last = nanos;
        typed++;
    }

    /** The field was cleared or edited otherwise (a paste, a deletion): what follows is not a clean burst. */
    public void reset() {
        first = -1;
        last = -1;
        slowestGap = 0;
        typed = 0;
    }

    /** Whether {@code code}, now complete, came in as an EAN at a scanner's speed. */
    public boolean scanned(String code) {
        return code != null && isEan(code) && typed == code.length() && typed > 1 && slowestGap <= MAX_GAP_NANOS;
    }

    /** EAN-8, UPC-A (12), EAN-13 or GTIN-14: digits only. */
    public static boolean isEan(String code) {
        int n = code.length();
        return (n == 8 || n == 12 || n == 13 || n == 14) && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
