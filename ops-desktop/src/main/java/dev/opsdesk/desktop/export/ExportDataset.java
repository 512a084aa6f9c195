package dev.opsdesk.desktop.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a table can export: a name (as the command line says it, e.g. {@code failures}), the
 * sheet name, and every column it knows, from which the visible ones are picked in the table's order.
 *
 * @param <R> the row type
 */
public record ExportDataset<R>(String name, String sheetName, List<Column<R>> columns, List<String> identity) {

    /** A dataset whose rows need no identity beyond the columns the user shows. */
    public ExportDataset(String name, String sheetName, List<Column<R>> columns) {
        this(name, sheetName, columns, List.of());
    }

    public ExportDataset {
        identity = List.copyOf(identity);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sheetName, "sheetName");
        columns = List.copyOf(columns);
        Map<String, Column<R>> seen = new LinkedHashMap<>();
        for (Column<R> c : columns) {
            if (seen.put(c.id(), c) != null) {
                throw new IllegalArgumentException("Two columns with the id " + c.id());
            }
        }
        for (String id : identity) {
            if (!seen.containsKey(id)) {
                throw new IllegalArgumentException("The identity column " + id + " is not a column of " + name);
            }
        }
    }

    /**
     * The columns with these ids, in this order (a table's visible columns as the user arranged
     * them). Ids the dataset does not know (a selection box, an actions column) are skipped.
     */
    public List<Column<R>> select(List<String> ids) {
        List<Column<R>> picked = new ArrayList<>();
        for (String id : ids) {
            for (Column<R> c : columns) {
                if (c.id().equals(id) && !picked.contains(c)) {
                    picked.add(c);
                }
            }
        }
        return picked;
    }

    /**
     * The columns to write for a table showing {@code visibleIds}: the visible ones in their order,
     * after the row's identity columns the table does not show — so that every exported row can be
     * traced back (a failure's id, order, payment reference, SKU and warehouse) whatever is on screen.
     */
    public List<Column<R>> selectWithIdentity(List<String> visibleIds) {
        List<String> ids = new ArrayList<>();
        for (String id : identity) {
            if (!visibleIds.contains(id)) {
                ids.add(id);
            }
        }
        ids.addAll(visibleIds);
        return select(ids);
    }

    public List<String> columnIds() {
        return columns.stream().map(Column::id).toList();
    }
}
