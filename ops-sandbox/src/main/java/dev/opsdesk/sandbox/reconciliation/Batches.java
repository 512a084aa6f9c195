package dev.opsdesk.sandbox.reconciliation;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jooq.DSLContext;

/** Many rows through one prepared statement in JDBC batches, on the caller's transaction. */
public final class Batches {

    public interface Binder {
        void bind(int i, PreparedStatement ps) throws SQLException;
    }

    private Batches() {
    }

    public static void insert(DSLContext tx, String sql, int rows, Binder binder) {
        if (rows == 0) {
            return;
        }
        tx.connection(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < rows; i++) {
                    binder.bind(i, ps);
                    ps.addBatch();
                    if ((i + 1) % 5_000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }
}
