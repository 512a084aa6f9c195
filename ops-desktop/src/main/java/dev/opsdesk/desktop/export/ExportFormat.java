package dev.opsdesk.desktop.export;

import java.util.Locale;
import java.util.Optional;

/** The file formats the engine writes. */
public enum ExportFormat {
    CSV("csv"),
    XLSX("xlsx");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** "csv" or "xlsx" in any case. */
    public static Optional<ExportFormat> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.extension.equals(t)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a file name's extension implies, if any. */
    public static Optional<ExportFormat> ofFileName(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : parse(fileName.substring(dot + 1));
    }
}
