package dev.opsdesk.desktop.export;

/**
 * The limits an export respects. {@link #EXCEL} holds Excel's real limits; tests inject small ones.
 *
 * @param maxRowsPerSheet rows per sheet including the header row (Excel: 1,048,576); more continue on a further sheet
 * @param maxCellChars    characters per text cell (Excel: 32,767); a longer text is cut and ends in {@link #TRUNCATION_MARKER}
 * @param widthSampleRows how many of the first rows decide the XLSX column widths (never all rows)
 * @param xlsxRowWindow   rows SXSSF keeps in memory before flushing them to its temp file
 */
public record ExportLimits(int maxRowsPerSheet, int maxCellChars, int widthSampleRows, int xlsxRowWindow) {

    public static final int EXCEL_MAX_ROWS = 1_048_576;
    public static final int EXCEL_MAX_CELL_CHARS = 32_767;
    public static final String TRUNCATION_MARKER = "… [truncated]";

    public static final ExportLimits EXCEL = new ExportLimits(EXCEL_MAX_ROWS, EXCEL_MAX_CELL_CHARS, 500, 100);

    public ExportLimits {
        if (maxRowsPerSheet < 2) {
            throw new IllegalArgumentException("maxRowsPerSheet must leave room for the header and a row");
        }
        if (maxCellChars <= TRUNCATION_MARKER.length() + 1) {
            throw new IllegalArgumentException("maxCellChars must be longer than the truncation marker");
        }
        if (widthSampleRows < 0 || xlsxRowWindow < 1) {
            throw new IllegalArgumentException("widthSampleRows must be >= 0 and xlsxRowWindow >= 1");
        }
    }

    public ExportLimits withMaxRowsPerSheet(int value) {
        return new ExportLimits(value, maxCellChars, widthSampleRows, xlsxRowWindow);
    }

    public ExportLimits withMaxCellChars(int value) {
        return new ExportLimits(maxRowsPerSheet, value, widthSampleRows, xlsxRowWindow);
    }

    public ExportLimits withWidthSampleRows(int value) {
        return new ExportLimits(maxRowsPerSheet, maxCellChars, value, xlsxRowWindow);
    }

    public ExportLimits withXlsxRowWindow(int value) {
        return new ExportLimits(maxRowsPerSheet, maxCellChars, widthSampleRows, value);
    }
}
