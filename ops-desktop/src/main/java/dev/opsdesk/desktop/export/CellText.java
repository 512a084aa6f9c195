package dev.opsdesk.desktop.export;

/**
 * The two rules every exported text passes through, and their counts for the result.
 *
 * <p><b>Formula neutralisation</b> (OWASP "CSV injection", ASVS 5.0 V1.2.10): a text starting with
 * {@code = + - @}, tab, CR, LF or NUL gets a leading {@code '}, so no spreadsheet program runs it
 * as a formula or DDE command, whether it opens a CSV or a user edits an XLSX cell later. Only
 * TEXT and ENUM values pass here; numbers and dates are written as numbers, so a negative amount
 * stays a number.
 *
 * <p><b>Cell limit</b>: a text longer than the limit is cut so that, with
 * {@link ExportLimits#TRUNCATION_MARKER} appended, it is exactly at the limit (never splitting a
 * surrogate pair).
 */
final class CellText {

    private final int maxChars;
    private final boolean truncate;
    private final int keep;
    private long truncated;
    private long neutralised;

    /** @param maxChars the cell limit; ignored when {@code truncate} is false */
    CellText(int maxChars, boolean truncate) {
        this.maxChars = maxChars;
        this.truncate = truncate;
        this.keep = maxChars - ExportLimits.TRUNCATION_MARKER.length();
    }

    /** Whether a spreadsheet could take this text for a formula (or a command). */
    static boolean isFormulaTrigger(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
    }

    String safe(String s) {
        if (isFormulaTrigger(s)) {
            s = "'" + s;
            neutralised++;
        }
        if (truncate && s.length() > maxChars) {
            int cut = keep;
            if (Character.isHighSurrogate(s.charAt(cut - 1))) {
                cut--;
            }
            s = s.substring(0, cut) + ExportLimits.TRUNCATION_MARKER;
            truncated++;
        }
        return s;
    }

    long truncated() {
        return truncated;
    }

    long neutralised() {
        return neutralised;
    }
}
