package dev.opsdesk.sandbox;

import dev.opsdesk.sandbox.auth.Passwords;
import dev.opsdesk.sandbox.auth.Tokens;
import dev.opsdesk.sandbox.http.HttpApi;
import dev.opsdesk.sandbox.http.Idempotency;
import dev.opsdesk.sandbox.service.IdempotencyStore;
import dev.opsdesk.sandbox.service.SessionService;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.store.Database;
import dev.opsdesk.sandbox.store.Seeder;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training sandbox, in-process: an H2 database (migrated and seeded) behind the ops API over HTTP.
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
 *     URI api = sandbox.baseUri();
 *     DemoUser admin = sandbox.demoUsers().get(6);
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

    static {
        // jOOQ greets with a logo and tips on first use unless told not to.
        setIfAbsent("org.jooq.no-logo", "true");
        setIfAbsent("org.jooq.no-tips", "true");
    }

    private final SandboxOptions options;
    private final Database database;
    private final SessionService sessions;
    private final Javalin http;
    private final List<DemoUser> demoUsers;
    private final URI baseUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SandboxServer(SandboxOptions options, Database database, SessionService sessions, Javalin http,
                          List<DemoUser> demoUsers) {
        this.options = options;
        this.database = database;
        this.sessions = sessions;
        this.http = http;
        this.demoUsers = demoUsers;
        this.baseUri = URI.create("http://" + hostForUri(options.bind()) + ":" + http.port());
    }

    /**
     * Starts the database (migrating and, when new, seeding it) and the HTTP server; port 0 picks a free port.
     *
     * @throws IllegalArgumentException if the bind address is not loopback and no demo password is given
     */
    public static SandboxServer start(SandboxOptions options) {
        return start(options, List.of());
    }

    /** As {@link #start(SandboxOptions)}, with extra routes (internal routes for tests). */
    static SandboxServer start(SandboxOptions options, List<HttpApi.RouteExtension> extensions) {
        Objects.requireNonNull(options, "options");
        if (options.demoPassword() == null && !isLoopback(options.bind())) {
            throw new IllegalArgumentException("Binding to " + options.bind()
                    + " makes the sandbox reachable from other machines; set a demo password for that "
                    + "(the default one is only allowed on a loopback address such as 127.0.0.1).");
        }
        long started = System.nanoTime();
        Database database = Database.open(options.dataDir());
        LOG.debug("Database ready after {} ms", (System.nanoTime() - started) / 1_000_000);
        try {
            SecureRandom random = new SecureRandom();
            Passwords passwords = new Passwords(random);
            DSLContext dsl = database.dsl();
            List<Seeder.SeedUser> seedUsers = Seeder.users(options.seed());
            if (Seeder.isSeeded(dsl)) {
                // A persistent database keeps its data; only the demo users follow the configured password.
                Seeder.resetDemoPasswords(dsl, seedUsers, options.effectiveDemoPassword(), passwords);
            } else {
                Seeder.seed(dsl, seedUsers, options.effectiveDemoPassword(), passwords, options.clock().instant());
            }
            LOG.debug("Seeded after {} ms", (System.nanoTime() - started) / 1_000_000);
            List<DemoUser> demoUsers = seedUsers.stream()
                    .filter(Seeder.SeedUser::demo)
                    .map(u -> new DemoUser(u.username(), u.role().wireName(), u.displayName(),
                            options.effectiveDemoPassword(), u.warehouses()))
                    .toList();

            UserService users = new UserService(dsl);
            SessionService sessions = new SessionService(dsl, users, passwords, new Tokens(random), options.clock(),
                    options.tokenTtl());
            Idempotency idempotency = new Idempotency(new IdempotencyStore(dsl, options.clock()));
            HttpApi api = new HttpApi(sessions, users, idempotency, options.clock(), version(), extensions);
            Javalin http = api.app();
            try {
                http.start(options.bind(), options.port());
            } catch (RuntimeException e) {
                http.stop();
                throw e;
            }
            SandboxServer server = new SandboxServer(options, database, sessions, http, demoUsers);
            LOG.info("Sandbox listening on {} ({} ms)", server.baseUri(), (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    /** E.g. {@code http://127.0.0.1:54321}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return http.port();
    }

    /** One demo user per role, in the order warehouse, ops, support, finance, approver, auditor, admin. */
    public List<DemoUser> demoUsers() {
        return demoUsers;
    }

    public SandboxOptions options() {
        return options;
    }

    /** The database, for tests in this package. */
    DSLContext dsl() {
        return database.dsl();
    }

    /** Revokes every token issued so far: the next request with any of them gets 401. For tests and training. */
    public void revokeAllSessions() {
        int revoked = sessions.revokeAll();
        LOG.info("Revoked {} sessions", revoked);
    }

    /** Stops HTTP, then the database (an in-memory one is gone). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            http.stop();
        } finally {
            database.close();
        }
        LOG.info("Sandbox on {} stopped", baseUri);
    }

    /** The version of the jar this runs from, or "dev" when run from classes. */
    static String version() {
        String v = SandboxServer.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostForUri(String bind) {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isAnyLocalAddress()) {
                // Bound to every interface: loopback reaches it from this machine.
                return "127.0.0.1";
            }
            if (address instanceof Inet6Address && bind.contains(":")) {
                return "[" + bind + "]";
            }
        } catch (UnknownHostException e) {
            // use it as given
        }
        return bind;
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
