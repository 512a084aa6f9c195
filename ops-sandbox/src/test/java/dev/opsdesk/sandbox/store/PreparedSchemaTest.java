package dev.opsdesk.sandbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new in-memory sandbox gets its schema from the script the build prepared instead of running the migrations: that
 * script must be exactly what Flyway makes of the migrations (a migration added or changed since would otherwise be
 * missing from every training sandbox), and a file database must still migrate through Flyway.
 */
class PreparedSchemaTest {

    /** Flyway's history rows differ from one run to the next only in when they ran and how long they took. */
    private static String withoutRunTimes(String script) {
        return script.replaceAll("TIMESTAMP '[^']*', \\d+, TRUE\\)", "TIMESTAMP '…', 0, TRUE)");
    }

    @Test
    void thePreparedSchemaIsWhatFlywayMakesOfTheMigrations() throws Exception {
        String prepared = PreparedSchema.prepared();
        assertThat(prepared).as("the build prepares " + PreparedSchema.RESOURCE + " at process-classes").isNotNull();
        assertThat(prepared).contains("CREATE MEMORY TABLE \"PUBLIC\".\"flyway_schema_history\"");
        assertThat(withoutRunTimes(prepared)).isEqualTo(withoutRunTimes(PreparedSchema.fromMigrations()));
    }

    @Test
    void flywayFindsEveryMigrationAppliedAndNothingPendingOnAPreparedDatabase() {
        try (Database db = Database.open(null)) {
            String url = db.dsl().connectionResult(c -> c.getMetaData().getURL());
            JdbcDataSource same = new JdbcDataSource();
            same.setURL(url);
            same.setUser("sa");
            Flyway flyway = Flyway.configure().dataSource(same).locations("classpath:db/migration").load();
            flyway.validate();
            assertThat(flyway.info().pending()).as("migrations the prepared schema lacks").isEmpty();
            assertThat(flyway.info().applied()).extracting(MigrationInfo::getScript)
                    .containsExactlyElementsOf(java.util.Arrays.stream(flyway.info().all())
                            .map(MigrationInfo::getScript).toList());
        }
    }

    @Test
    void aFileDatabaseMigratesThroughFlywayToTheSameSchema(@TempDir Path dir) {
        String fromFile;
        try (Database db = Database.open(dir)) {
            Integer applied = db.dsl().fetchSingle(
                    "select count(*) from \"flyway_schema_history\" where \"success\"").into(Integer.class);
            assertThat(applied).isGreaterThanOrEqualTo(7);
            fromFile = db.dsl().connectionResult(PreparedSchemaTest::schema);
        }
        try (Database db = Database.open(null)) {
            assertThat(db.dsl().connectionResult(PreparedSchemaTest::schema)).isEqualTo(fromFile);
        }
    }

    private static String schema(java.sql.Connection c) throws java.sql.SQLException {
        StringBuilder out = new StringBuilder();
        try (var s = c.createStatement(); var rs = s.executeQuery("SCRIPT NODATA NOPASSWORDS")) {
            while (rs.next()) {
                String line = rs.getString(1);
                // Users and settings (an in-memory database's close delay) are the connection's, not the schema's.
                if (!line.startsWith("CREATE USER") && !line.startsWith("SET ")) {
                    out.append(line.replace("CREATE CACHED TABLE", "CREATE MEMORY TABLE")).append('\n');
                }
            }
        }
        return out.toString();
    }
}
