package dev.opsdesk.sandbox.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's H2 database: a connection pool, migrated by Flyway (a new in-memory one gets the schema the build
 * prepared from the same migrations, see {@link PreparedSchema}), used through jOOQ.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_CONNECTIONS = 32;
    /**
     * Concurrent replays of one payment wait for each other's row locks rather than fail after H2's 1 s default; and
     * each connection keeps the parsed form of more statements than H2's default 8 (a replay alone runs a dozen).
     */
    private static final String LOCKS = ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=128";

    private final String url;
    private final JdbcConnectionPool pool;
    private final DSLContext dsl;
    private boolean closed;

    private Database(String url) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(MAX_CONNECTIONS);
        this.dsl = DSL.using(pool, SQLDialect.H2, new Settings().withExecuteLogging(false));
    }

    /**
     * Opens (and migrates) the database: a private in-memory one when {@code dataDir} is null, else the file
     * {@code dataDir/sandbox.mv.db}. A file database always migrates through Flyway (it may be at any earlier
     * version); a new in-memory one runs the build's {@link PreparedSchema} when there is one.
     */
    public static Database open(Path dataDir) {
        String url = dataDir == null
                ? "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + LOCKS
                // We close the database ourselves (SandboxServer.close, the CLI's shutdown hook).
                : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sandbox") + ";DB_CLOSE_ON_EXIT=FALSE" + LOCKS;
        Database db = new Database(url);
        try {
            if (dataDir == null && PreparedSchema.available()) {
                db.loadPrepared();
            } else {
                db.migrate();
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void migrate() {
        int applied = PreparedSchema.migrate(pool);
        LOG.debug("Database {} migrated by Flyway ({} migrations applied)", url, applied);
    }

    private void loadPrepared() {
        try (Connection c = pool.getConnection()) {
            PreparedSchema.load(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database from " + PreparedSchema.RESOURCE, e);
        }
        LOG.debug("Database {} created from the prepared schema", url);
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * A {@link DSLContext} of its own over the same connections: what is installed on {@link #dsl()}'s configuration
     * (the live audit publisher) does not apply to it. For the seeding that runs beside live requests.
     */
    public DSLContext separateDsl() {
        return DSL.using(pool, SQLDialect.H2, new Settings().withExecuteLogging(false));
    }

    /** Shuts the database down (an in-memory one is gone afterwards) and closes the pool. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.dispose();
        // On a connection of its own: a pooled one would try to roll back after the database is gone.
        JdbcDataSource direct = new JdbcDataSource();
        direct.setURL(url);
        direct.setUser("sa");
        try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LOG.warn("Could not shut the database down cleanly: {}", e.getMessage());
        }
    }
}
