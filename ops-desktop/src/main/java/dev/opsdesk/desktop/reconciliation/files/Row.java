package dev.opsdesk.desktop.reconciliation.files;

import java.util.List;

/**
 * One record of a file as its source read it: the physical line it starts on, its fields, and its text.
 * The same object is refilled for each record of a large file; layouts copy what they keep.
 */
final class Row {

    int lineNumber;
    List<String> fields;
    /** The record's text as it stands in the file (a CSV record's lines; an XLSX row's cells joined). */
    String raw;

    Row(int lineNumber, List<String> fields, String raw) {
        this.lineNumber = lineNumber;
        this.fields = fields;
        this.raw = raw;
    }

    /** The field at {@code index}, trimmed; "" past the end of a short record. */
    String get(int index) {
        if (index < 0 || index >= fields.size()) {
            return "";
        }
        String f = fields.get(index);
        return f == null ? "" : f.strip();
    }

    int size() {
        return fields.size();
    }

    boolean isBlank() {
        for (int i = 0, n = fields.size(); i < n; i++) { // indexed: no iterator per record
            String f = fields.get(i);
            if (f != null && !f.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
