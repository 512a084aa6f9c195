package dev.opsdesk.sandbox.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The schema Flyway's migrations make, prepared once by the build: {@code process-classes} migrates a fresh in-memory
 * H2 database with the migrations in {@code target/classes} and writes it, Flyway's history table included, as an H2
 * script ({@value #RESOURCE}). A new in-memory database runs that script instead of the migrations (Flyway, its
 * classpath scan and its SQL parser cost seconds at every start); a persistent database always migrates through
 * Flyway. Generated, never checked in, so it cannot fall behind the migrations.
 */
public final class PreparedSchema {

    /** Where the build puts the script, on the class path. */
    public static final String RESOURCE = "db/prepared/schema.sql";

    private PreparedSchema() {
    }

    /** Migrates {@code dataSource} with the migrations on the class path; returns how many were applied. */
    static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** Whether the build prepared the script (not when run from classes an IDE compiled on its own). */
    static boolean available() {
        return PreparedSchema.class.getClassLoader().getResource(RESOURCE) != null;
    }

    /** Runs the prepared script on {@code connection} (a new, empty database). */
    static void load(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("RUNSCRIPT FROM 'classpath:/" + RESOURCE + "'");
        }
    }

    /**
     * The script of a database Flyway has just migrated: {@code SCRIPT}'s output without the lines that differ from
     * one run to the next for no reason of the schema's (the SA user's random password salt).
     */
    static String script(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SCRIPT NOPASSWORDS")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!line.startsWith("CREATE USER IF NOT EXISTS")) {
                    lines.add(line);
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** A fresh in-memory database migrated by Flyway, as a script (what the build writes; what tests compare). */
    public static String fromMigrations() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:prepare-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        try (Connection keepAlive = dataSource.getConnection()) {
            migrate(dataSource);
            String script = script(keepAlive);
            try (Statement s = keepAlive.createStatement()) {
                s.execute("SHUTDOWN");
            }
            return script;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not script the migrated database", e);
        }
    }

    /** The prepared script as the build wrote it, or null when there is none. */
    public static String prepared() throws IOException {
        URL url = PreparedSchema.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes the script to {@code classes}/{@value #RESOURCE} (the build's {@code process-classes} step). */
    public static Path write(Path classes) throws IOException {
        Path file = classes.resolve(RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, fromMigrations(), StandardCharsets.UTF_8);
        return file;
    }
}
