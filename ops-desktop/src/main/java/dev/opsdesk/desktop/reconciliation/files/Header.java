package dev.opsdesk.desktop.reconciliation.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A header row: columns found by name, never by position. Case, surrounding and repeated spaces, and a stray BOM
 * do not matter; columns nobody asks for are ignored.
 */
final class Header {

    /** A column of the file: where it is and how the file spells it (for messages). */
    record Column(int index, String name) {
    }

    private final int lineNumber;
    private final Map<String, Column> byKey = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    Header(Row row) {
        this.lineNumber = row.lineNumber;
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i).replace("\uFEFF", "").strip();
            names.add(name);
            byKey.putIfAbsent(key(name), new Column(i, name));
        }
    }

    /** How header names compare: lower case, spaces collapsed, so "Gross  credit (gc)" is "Gross Credit (GC)". */
    static String key(String name) {
        return name.replace("\uFEFF", "").strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    List<String> names() {
        return names;
    }

    boolean has(String name) {
        return byKey.containsKey(key(name));
    }

    /** The column, or null when the file has none of that name. */
    Column optional(String name) {
        return byKey.get(key(name));
    }

    /** The first of these columns the file has, or null. */
    Column firstOf(String... names) {
        for (String name : names) {
            Column c = optional(name);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    /** The columns, in the order asked; a file missing any of them is refused, naming all the missing ones. */
    Column[] require(String layout, String... required) throws SettlementFormatException {
        Column[] found = new Column[required.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < required.length; i++) {
            found[i] = optional(required[i]);
            if (found[i] == null) {
                missing.add('"' + required[i] + '"');
            }
        }
        if (!missing.isEmpty()) {
            throw new SettlementFormatException(lineNumber, null, "the header has no column " + String.join(", ", missing)
                    + ", which the " + layout + " needs");
        }
        return found;
    }
}
