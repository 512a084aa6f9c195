package dev.opsdesk.sandbox;

import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.audit.AuditPublisher;
import dev.opsdesk.sandbox.audit.AuditQueries;
import dev.opsdesk.sandbox.auth.Passwords;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Tokens;
import dev.opsdesk.sandbox.events.Audience;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;
import dev.opsdesk.sandbox.failures.FailureService;
import dev.opsdesk.sandbox.failures.FailureStore;
import dev.opsdesk.sandbox.failures.ReplayJobs;
import dev.opsdesk.sandbox.failures.ReplayPreviewer;
import dev.opsdesk.sandbox.failures.ReplayService;
import dev.opsdesk.sandbox.failures.Simulation;
import dev.opsdesk.sandbox.failures.Storefront;
import dev.opsdesk.sandbox.failures.Views;
import dev.opsdesk.sandbox.failures.WebhookIntake;
import dev.opsdesk.sandbox.http.AccountRoutes;
import dev.opsdesk.sandbox.http.AuditRoutes;
import dev.opsdesk.sandbox.http.EventRoutes;
import dev.opsdesk.sandbox.http.FailureRoutes;
import dev.opsdesk.sandbox.http.HttpApi;
import dev.opsdesk.sandbox.http.Idempotency;
import dev.opsdesk.sandbox.http.InventoryRoutes;
import dev.opsdesk.sandbox.inventory.InventoryService;
import dev.opsdesk.sandbox.inventory.StockAdjustments;
import dev.opsdesk.sandbox.inventory.StockResync;
import dev.opsdesk.sandbox.inventory.StockStore;
import dev.opsdesk.sandbox.http.RouteModule;
import dev.opsdesk.sandbox.http.ReconciliationRoutes;
import dev.opsdesk.sandbox.reconciliation.ReconEvents;
import dev.opsdesk.sandbox.reconciliation.ReconQueries;
import dev.opsdesk.sandbox.reconciliation.ReconService;
import dev.opsdesk.sandbox.reconciliation.SettlementFiles;
import dev.opsdesk.sandbox.http.SessionRoutes;
import dev.opsdesk.sandbox.http.StockCountRoutes;
import dev.opsdesk.sandbox.stockcount.StockCounts;
import dev.opsdesk.sandbox.seed.AuditSeeder;
import dev.opsdesk.sandbox.seed.FailureSeeder;
import dev.opsdesk.sandbox.seed.InventorySeeder;
import dev.opsdesk.sandbox.seed.ReconSeeder;
import dev.opsdesk.sandbox.seed.StockCountSeeder;
import dev.opsdesk.sandbox.seed.Seeder;
import dev.opsdesk.sandbox.service.IdempotencyStore;
import dev.opsdesk.sandbox.service.SessionService;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.store.Database;
import dev.opsdesk.sandbox.traffic.TrafficSimulator;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    private final HttpApi http;
    private final List<DemoUser> demoUsers;
    private final URI baseUri;
    private final Parts parts;
    private final CompletableFuture<Seeded> seeding;
    /** Begins the background seed (once; later calls do nothing); a no-op when the data was seeded before. */
    private volatile Runnable seedStarter = () -> { };
    private final TrafficSimulator traffic;
    private final Map<String, String> webhookSecrets;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The failure-queue services a server runs besides HTTP. */
    private record Parts(EventHub events, ReplayJobs jobs, Storefront storefront, Simulation simulation,
                         EventRoutes streams) {
    }

    /** What seeding did when the server started: failures seeded (0 if the database was seeded before) and time. */
    record Seeded(int failures, Duration took) {
    }

    /** When {@link #startEarly(SandboxOptions, SeedStart)} begins seeding a new database's demo data. */
    public enum SeedStart {
        /** At once, beside serving sign-in. */
        AT_ONCE,
        /**
         * When it is first needed: {@link #seedNow()}, {@link #awaitSeeded()}, or the first request for data
         * (which waits for it as always). The desktop's built-in sandbox: on two cores a seed beside the first
         * sign-in and main window takes the CPU they need; the desktop says when it may begin.
         */
        WHEN_ASKED
    }

    private SandboxServer(SandboxOptions options, Database database, SessionService sessions, HttpApi http,
                          List<DemoUser> demoUsers, Parts parts, CompletableFuture<Seeded> seeding,
                          Map<String, String> webhookSecrets) {
        this.options = options;
        this.webhookSecrets = webhookSecrets;
        this.database = database;
        this.sessions = sessions;
        this.http = http;
        this.demoUsers = demoUsers;
        this.parts = parts;
        this.seeding = seeding;
        this.baseUri = URI.create("http://" + hostForUri(options.bind()) + ":" + http.port());
        this.traffic = options.traffic()
                ? new TrafficSimulator(baseUri, webhookSecrets::get, parts.storefront(), parts.simulation(),
                        options.clock(), options.seed(), Duration.ofMillis(350))
                : null;
    }

    /**
     * Starts the database (migrating and, when new, seeding it) and the HTTP server; port 0 picks a free port.
     * Returns once everything is seeded (see {@link #startEarly(SandboxOptions)} for a start that does not wait).
     *
     * @throws IllegalArgumentException if the bind address is not loopback and no demo password is given
     */
    public static SandboxServer start(SandboxOptions options) {
        return start(options, List.of());
    }

    /** As {@link #start(SandboxOptions)}, with extra routes (internal routes for tests). */
    static SandboxServer start(SandboxOptions options, List<HttpApi.RouteExtension> extensions) {
        SandboxServer server = startEarly(options, extensions);
        try {
            server.awaitSeeded();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts serving sign-in as early as it can: the database and its users, then HTTP. A new database's other demo
     * data (failures, stock, audit history, reconciliation, stock counts) is seeded on a background thread meanwhile;
     * until it is in, every request except health, sign-in, sign-out and {@code /v1/me} waits for it, and the audit
     * events appended meanwhile (a sign-in's) are held and appended after the seeded history (see
     * {@link AuditLog#hold}). What the desktop's built-in sandbox does, so that a person signs in while it seeds.
     * {@link #awaitSeeded()} waits for the seed.
     *
     * @throws IllegalArgumentException if the bind address is not loopback and no demo password is given
     */
    public static SandboxServer startEarly(SandboxOptions options) {
        return startEarly(options, SeedStart.AT_ONCE);
    }

    /** As {@link #startEarly(SandboxOptions)}, seeding when {@code seedStart} says. */
    public static SandboxServer startEarly(SandboxOptions options, SeedStart seedStart) {
        return startEarly(options, List.of(), () -> { }, seedStart);
    }

    /**
     * As {@link #startEarly(SandboxOptions, SeedStart)}; once the seed has been asked for, the seeder thread runs
     * {@code beforeSeeding} first (the desktop holds the seed there while its main window is being made).
     */
    public static SandboxServer startEarly(SandboxOptions options, Runnable beforeSeeding, SeedStart seedStart) {
        return startEarly(options, List.of(), beforeSeeding, seedStart);
    }

    private static SandboxServer startEarly(SandboxOptions options, List<HttpApi.RouteExtension> extensions) {
        return startEarly(options, extensions, () -> { }, SeedStart.AT_ONCE);
    }

    /** As {@link #startEarly(SandboxOptions)}; the seeder thread runs {@code beforeSeeding} first (tests hold it). */
    static SandboxServer startEarly(SandboxOptions options, List<HttpApi.RouteExtension> extensions,
                                    Runnable beforeSeeding) {
        return startEarly(options, extensions, beforeSeeding, SeedStart.AT_ONCE);
    }

    static SandboxServer startEarly(SandboxOptions options, List<HttpApi.RouteExtension> extensions,
                                    Runnable beforeSeeding, SeedStart seedStart) {
        Objects.requireNonNull(options, "options");
        if (options.demoPassword() == null && !isLoopback(options.bind())) {
            throw new IllegalArgumentException("Binding to " + options.bind()
                    + " makes the sandbox reachable from other machines; set a demo password for that "
                    + "(the default one is only allowed on a loopback address such as 127.0.0.1).");
        }
        long started = System.nanoTime();
        warmUpPasswordHashing();
        Database database = Database.open(options.dataDir());
        LOG.debug("Database ready after {} ms", elapsedMs(started));
        try {
            SecureRandom random = new SecureRandom();
            Map<String, String> webhookSecrets = webhookSecrets(options, random);
            Passwords passwords = new Passwords(random);
            DSLContext dsl = database.dsl();
            List<Seeder.SeedUser> seedUsers = Seeder.users(options.seed());
            // The build hashed the default demo password (one salt per user); any other password is hashed now.
            List<Passwords.Hash> prepared = options.demoPassword() == null ? Passwords.prepared() : List.of();
            boolean fresh = !Seeder.isSeeded(dsl);
            if (fresh) {
                Seeder.seed(dsl, seedUsers, options.effectiveDemoPassword(), prepared, passwords,
                        options.clock().instant());
            } else {
                // A persistent database keeps its data; only the demo users follow the configured password.
                Seeder.resetDemoPasswords(dsl, seedUsers, options.effectiveDemoPassword(), prepared, passwords);
            }
            LOG.debug("Users ready after {} ms", elapsedMs(started));
            List<DemoUser> demoUsers = seedUsers.stream()
                    .filter(Seeder.SeedUser::demo)
                    .map(u -> new DemoUser(u.username(), u.role().wireName(), u.displayName(),
                            options.effectiveDemoPassword(), u.warehouses()))
                    .toList();

            UserService users = new UserService(dsl);
            SessionService sessions = new SessionService(dsl, users, passwords, new Tokens(random), options.clock(),
                    options.tokenTtl());
            Idempotency idempotency = new Idempotency(new IdempotencyStore(dsl, options.clock()));

            EventHub events = new EventHub(options.clock());
            FailureStore store = new FailureStore(dsl);
            Simulation simulation = new Simulation(options.seed());
            ReplayService replays = new ReplayService(dsl, store, simulation, events, options.clock());
            ReplayJobs jobs = new ReplayJobs(dsl, store, replays, users, events, options.clock());
            FailureService failures = new FailureService(dsl, store, users, events, options.clock());
            WebhookIntake intake = new WebhookIntake(dsl, store, replays, simulation, events, options.clock(),
                    webhookSecrets::get);
            SandboxOptions.Limits limits = options.limits();
            EventRoutes streams = new EventRoutes(events, sessions, new EventRoutes.SandboxLimits(
                    limits.streamsPerSession(), limits.streamsPerUser(), limits.heartbeat()));
            Parts parts = new Parts(events, jobs, new Storefront(dsl, options.clock(), store, events), simulation,
                    streams);
            StockStore stock = new StockStore(dsl);
            // Resyncs of stock pairs run as bulk jobs, beside replays: the same progress, cancel and retry.
            jobs.register(new StockResync(dsl, stock, parts.storefront().integrations(), events, options.clock()));
            // Every committed audit event goes on the live stream, to the readers its scope admits.
            // Reconciliation publishes its runs from the same committed events (a change to a run is audited).
            ReconEvents reconEvents = new ReconEvents(dsl, events);
            AuditPublisher.install(dsl, e -> {
                events.publish(Topic.AUDIT, "audit.appended",
                        Audience.of(Permission.AUDIT_READ, AuditQueries.target(e)), "audit", e);
                reconEvents.committed(e);
            });
            ReconService recon = new ReconService(dsl, options.clock());
            StockAdjustments adjustments = new StockAdjustments(dsl, stock, events, options.clock());
            // Approving a stock count adjusts stock: the pairs it wrote go on the live stream like any adjustment.
            recon.onStockAdjusted(adjustments::published);
            recon.stock(new dev.opsdesk.sandbox.stockcount.InventoryStock());

            List<RouteModule> modules = List.of(
                    new SessionRoutes(sessions, users, options.clock(), version()),
                    new AccountRoutes(sessions, users, idempotency),
                    new FailureRoutes(new FailureRoutes.Services(failures, store, replays,
                            new ReplayPreviewer(dsl, store, replays), jobs, intake), idempotency),
                    new AuditRoutes(new AuditQueries(dsl), options.clock()),
                    new InventoryRoutes(new InventoryRoutes.Services(
                            new InventoryService(dsl, stock, options.clock()), stock,
                            adjustments, jobs), idempotency),
                    new ReconciliationRoutes(recon, new ReconQueries(dsl), new SettlementFiles(dsl), idempotency),
                    new StockCountRoutes(new StockCounts(dsl, options.clock(), recon), idempotency),
                    streams);
            HttpApi api = new HttpApi(sessions, idempotency, modules, extensions, limits.anonymousBurst(),
                    limits.anonymousPerSecond());
            CompletableFuture<Seeded> seeding = new CompletableFuture<>();
            // A request for data begins the seed if nothing has yet (it then waits for it).
            AtomicReference<Runnable> seedNow = new AtomicReference<>(() -> { });
            api.awaitDemoData(seeding, () -> seedNow.get().run());
            // Until the seeded history is in, live audit events wait for their place after it.
            AuditLog.Hold hold = fresh ? AuditLog.hold(dsl) : null;
            try {
                api.start(options.bind(), options.port());
            } catch (RuntimeException e) {
                events.close();
                streams.close();
                jobs.close();
                api.stop();
                throw e;
            }
            SandboxServer server = new SandboxServer(options, database, sessions, api, demoUsers, parts, seeding,
                    webhookSecrets);
            LOG.info("Sandbox listening on {} ({} ms)", server.baseUri(), elapsedMs(started));
            Runnable afterSeeding = () -> {
                int reopened = store.reopenStaleReplays(options.clock().instant());
                if (reopened > 0) {
                    LOG.info("Reopened {} failures a stopped server left in REPLAYING", reopened);
                }
                jobs.resumeUnfinished();
                if (server.traffic != null) {
                    server.traffic.start();
                }
            };
            if (fresh) {
                server.seedStarter = server.seederStarter(seedUsers, hold, beforeSeeding, afterSeeding, started);
                seedNow.set(server::seedNow);
                if (seedStart == SeedStart.AT_ONCE) {
                    server.seedNow();
                } else {
                    LOG.debug("Seeding the demo data when first asked");
                }
            } else {
                afterSeeding.run();
                seeding.complete(new Seeded(0, Duration.ZERO));
            }
            return server;
        } catch (RuntimeException | Error e) {
            database.close();
            throw e;
        }
    }

    /**
     * What begins seeding the demo data besides the users on a thread of its own, through a {@link DSLContext} without
     * the live audit publisher (the seeded history is not news) and so without the hold; then appends what the hold
     * kept and lets the waiting requests in. Runs the thread the first time only.
     */
    private Runnable seederStarter(List<Seeder.SeedUser> seedUsers, AuditLog.Hold hold, Runnable beforeSeeding,
                                   Runnable afterSeeding, long started) {
        DSLContext dsl = database.separateDsl();
        Thread seeder = new Thread(() -> {
            try {
                beforeSeeding.run();
                long begun = System.nanoTime();
                Instant now = options.clock().instant();
                int failures = FailureSeeder.seed(dsl, options.seed(), now, options.scale(), seedUsers);
                int pairs = InventorySeeder.seed(dsl, options.seed(), now, options.scale());
                long events = AuditSeeder.seed(dsl, options.seed(), now, options.scale(), seedUsers);
                ReconSeeder.seed(dsl, options.clock(), seedUsers);
                StockCountSeeder.seed(dsl, options.clock(), seedUsers);
                Seeded done = new Seeded(failures, Duration.ofNanos(System.nanoTime() - begun));
                LOG.info("Seeded {} failures, {} stock pairs and {} audit events ({} scale) in {} ms", failures,
                        pairs, events, options.scale(), done.took().toMillis());
                int held = hold.size();
                hold.release();
                if (held > 0) {
                    LOG.debug("Appended the audit events of {} transactions held while seeding", held);
                }
                afterSeeding.run();
                LOG.debug("Seeded after {} ms", elapsedMs(started));
                seeding.complete(done);
            } catch (RuntimeException | Error e) {
                if (closed.get()) {
                    LOG.debug("Seeding stopped: the sandbox was closed ({})", e.toString());
                } else {
                    LOG.error("Seeding the demo data failed; requests that need it will say so", e);
                }
                seeding.completeExceptionally(e);
            }
        }, "sandbox-seeder");
        seeder.setDaemon(true);
        AtomicBoolean begun = new AtomicBoolean();
        return () -> {
            if (begun.compareAndSet(false, true)) {
                LOG.debug("Seeding begins after {} ms", elapsedMs(started));
                seeder.start();
            }
        };
    }

    /**
     * Begins seeding the demo data now, if it has not begun (a sandbox started {@link SeedStart#WHEN_ASKED}); returns
     * at once. Does nothing when the data is in or being seeded.
     */
    public void seedNow() {
        if (!closed.get()) {
            seedStarter.run();
        }
    }

    /**
     * Waits until the demo data is seeded (at once if it was before, or when started by {@link #start}).
     *
     * @throws IllegalStateException if seeding failed (the sandbox keeps serving sign-in; data requests fail)
     */
    public void awaitSeeded() {
        seedNow();
        try {
            seeding.join();
        } catch (CompletionException | CancellationException e) {
            throw new IllegalStateException("Seeding the demo data failed", e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Whether the demo data is in (requests no longer wait for it). */
    public boolean isSeeded() {
        return seeding.isDone() && !seeding.isCompletedExceptionally();
    }

    /**
     * One password derivation on a thread of its own while the database opens: the first sign-in's verification then
     * runs compiled code instead of loading and interpreting the hashing (it took seconds on a busy machine).
     */
    private static void warmUpPasswordHashing() {
        Thread warmUp = new Thread(() -> {
            long begun = System.nanoTime();
            Passwords.warmUp();
            LOG.debug("Password hashing warmed up in {} ms", elapsedMs(begun));
        }, "sandbox-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static long elapsedMs(long since) {
        return (System.nanoTime() - since) / 1_000_000;
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

    /**
     * The database itself, under the API: for tests that must do what the API never allows (tampering with the audit
     * trail to prove verification catches it) and for seeding checks. Not for features.
     */
    public DSLContext dsl() {
        return database.dsl();
    }

    /** What seeding did at start: how many failures, how long (zero when the database was seeded before). */
    Seeded seeded() {
        awaitSeeded();
        return seeding.join();
    }

    /** The traffic simulator, when {@link SandboxOptions#traffic()} is on; for tests in this package. */
    TrafficSimulator traffic() {
        return traffic;
    }

    /**
     * The secret {@code provider}'s payment callbacks must be signed with ({@code whsec_...}): as configured; else, on
     * a loopback address, derived from the seed; else random, made when the server started.
     * What a test, a trainer or the desktop uses to send a callback of its own.
     *
     * @throws IllegalArgumentException for a provider other than stripe, adyen or paypal
     */
    public String webhookSecret(String provider) {
        return webhookSecrets.get(WebhookSecrets.provider(provider));
    }

    /**
     * Each provider's secret. The seed-derived ones are public (every default sandbox prints the same), fine for a
     * sandbox only this machine can reach; one reachable from others gets random secrets unless they are given, so
     * that nobody who merely knows the seed can sign a payment.
     */
    static Map<String, String> webhookSecrets(SandboxOptions options, SecureRandom random) {
        boolean loopback = isLoopback(options.bind());
        Map<String, String> secrets = new TreeMap<>();
        for (String provider : WebhookSecrets.PROVIDERS) {
            String configured = options.webhookSecrets().get(provider);
            if (configured != null) {
                secrets.put(provider, configured);
            } else if (loopback) {
                secrets.put(provider, options.webhookSecret(provider));
            } else {
                byte[] key = new byte[24];
                random.nextBytes(key);
                secrets.put(provider, StandardWebhooks.SECRET_PREFIX + Base64.getEncoder().encodeToString(key));
            }
        }
        return Map.copyOf(secrets);
    }

    /** Where {@code provider}'s callbacks are received, e.g. {@code http://127.0.0.1:8080/webhooks/payments/stripe}. */
    public URI webhookUri(String provider) {
        return baseUri.resolve("/webhooks/payments/" + WebhookSecrets.provider(provider));
    }

    /**
     * Places an order awaiting payment, with its payment authorized at {@code provider} under
     * {@code paymentReference}, as the shop's checkout would (for example after a callback about it arrived too
     * early: a replay of that callback then succeeds).
     *
     * @return false when an order with this number exists already (nothing changed)
     */
    public boolean placeOrder(String orderNumber, long amountMinor, String currency, String provider,
                              String paymentReference) {
        return parts.storefront().placeOrder(orderNumber, new Views.Money(amountMinor, currency),
                "customer@example.com", WebhookSecrets.provider(provider), paymentReference);
    }

    /** How many event streams are open now (for tests and benchmarks). */
    public int openEventStreams() {
        return parts.streams().openStreams();
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
        // A seed never asked for never comes: nobody waits for it.
        seeding.cancel(false);
        try {
            if (traffic != null) {
                traffic.close();
            }
            parts.streams().close();  // ends the live event streams and refuses new ones (a client reconnects
            parts.events().close();   // at once, and must not be let in by a server that is stopping)
            parts.jobs().close();     // bulk replays stop after their current item
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
