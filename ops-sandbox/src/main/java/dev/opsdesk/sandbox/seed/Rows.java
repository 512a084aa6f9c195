package dev.opsdesk.sandbox.seed;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;

/**
 * Rows of one table, in the order of {@code columns}, and how the seeders load them: every seeder builds its rows in
 * memory (consistent by construction) and loads them here, in key order and JDBC batches.
 */
record Rows(String table, List<String> columns, List<Object[]> values) {

    Rows(String table, String... columns) {
        this(table, List.of(columns), new ArrayList<>());
    }

    void add(Object... row) {
        values.add(row);
    }

    /** Loads {@code tables}: one after the other, or (a large seed) {@linkplain #bulkInsert in bulk}. */
    static void load(DSLContext dsl, List<Rows> tables, boolean bulk) {
        if (bulk) {
            bulkInsert(dsl, tables);
        } else {
            for (Rows rows : tables) {
                insert(dsl, rows);
            }
        }
    }

    /**
     * The large seed: the database is new and nobody can reach it yet, so the rows (consistent by construction) are
     * loaded without foreign-key checks, every table on a thread of its own, and each table's secondary indexes are
     * built once over the loaded rows (H2 sorts them) instead of row by row.
     */
    private static void bulkInsert(DSLContext dsl, List<Rows> tables) {
        dsl.execute("SET REFERENTIAL_INTEGRITY FALSE");
        // DDL one at a time (it locks the schema); only the loading runs in parallel.
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (Rows rows : tables) {
            indexes.putAll(dropIndexes(dsl, rows.table()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (Rows rows : tables) {
                loads.add(pool.submit(() -> insert(dsl, rows)));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Seeding was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding failed", e.getCause());
        } finally {
            pool.shutdownNow();
            indexes.forEach((definition, ignored) -> dsl.execute(definition));
            dsl.execute("SET REFERENTIAL_INTEGRITY TRUE");
        }
    }

    /**
     * Drops the table's own secondary indexes ({@code ix_...}); returns the statements that create them again (as
     * keys, in order).
     */
    static Map<String, List<String>> dropIndexes(DSLContext dsl, String table) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        dsl.resultQuery("SELECT ic.INDEX_NAME, ic.COLUMN_NAME, ic.ORDERING_SPECIFICATION FROM INFORMATION_SCHEMA.INDEXES i"
                        + " JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic ON ic.INDEX_NAME = i.INDEX_NAME"
                        + " AND ic.TABLE_NAME = i.TABLE_NAME AND ic.TABLE_SCHEMA = i.TABLE_SCHEMA"
                        + " WHERE i.TABLE_NAME = ? AND i.INDEX_TYPE_NAME = 'INDEX' AND i.INDEX_NAME LIKE 'IX\\_%' ESCAPE '\\'"
                        + " ORDER BY ic.INDEX_NAME, ic.ORDINAL_POSITION", table.toUpperCase(Locale.ROOT))
                .forEach(r -> columns.computeIfAbsent(r.get(0, String.class), k -> new ArrayList<>())
                        .add(r.get(1, String.class) + " " + r.get(2, String.class)));
        Map<String, List<String>> create = new LinkedHashMap<>();
        columns.forEach((name, cols) -> {
            dsl.execute("DROP INDEX " + name);
            create.put("CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", cols) + ")", cols);
        });
        return create;
    }

    /**
     * One prepared INSERT, JDBC batches of 5,000 rows, each committed; rows in key order (the first column), which H2
     * inserts several times faster than random order.
     */
    private static void insert(DSLContext dsl, Rows rows) {
        if (!rows.table().equals("payment_capture")) {
            rows.values().sort(Comparator.comparing((Object[] row) -> row[0].toString())
                    .thenComparing(row -> row[1].toString()));
        }
        String sql = "INSERT INTO " + rows.table() + " (" + String.join(", ", rows.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(rows.columns().size(), "?")) + ")";
        dsl.connection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int n = 0;
                for (Object[] row : rows.values()) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (++n % 5_000 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
                rows.values().clear();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }
}
