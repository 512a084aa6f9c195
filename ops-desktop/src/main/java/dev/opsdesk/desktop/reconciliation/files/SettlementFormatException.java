package dev.opsdesk.desktop.reconciliation.files;

/**
 * The file is not what its layout says: the message names the physical line, the column (by its header as spelt in
 * the file) and what was expected, e.g. {@code line 17, column "Gross Credit (GC)": expected an amount like 12.34,
 * found "12,3x"}. Nothing of the file is imported when this is thrown.
 */
public class SettlementFormatException extends Exception {

    private final int lineNumber;
    private final String column;
    private final String problem;

    /**
     * @param lineNumber the physical line of the file (1 = the first), or 0 when the problem is the file as a whole
     * @param column     the column's header as spelt in the file, or null when the problem is not one column's
     * @param problem    what was expected and what was found
     */
    public SettlementFormatException(int lineNumber, String column, String problem) {
        super(message(lineNumber, column, problem));
        this.lineNumber = lineNumber;
        this.column = column;
        this.problem = problem;
    }

    /** The usual case: a value that is not what the column holds. */
    static SettlementFormatException value(int lineNumber, String column, String expected, String found) {
        return new SettlementFormatException(lineNumber, column, "expected " + expected + ", found "
                + (found == null || found.isEmpty() ? "nothing" : "\"" + shorten(found) + "\""));
    }

    private static String message(int lineNumber, String column, String problem) {
        StringBuilder m = new StringBuilder();
        if (lineNumber > 0) {
            m.append("line ").append(lineNumber);
        }
        if (column != null) {
            m.append(m.length() > 0 ? ", " : "").append("column \"").append(column).append('"');
        }
        return m.length() > 0 ? m.append(": ").append(problem).toString() : problem;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** The physical line of the file, 1-based; 0 when the problem is the file as a whole. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The column's header as spelt in the file; null when the problem is not one column's. */
    public String column() {
        return column;
    }

    /** The problem without the line and column. */
    public String problem() {
        return problem;
    }
}
