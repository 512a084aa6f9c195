package dev.opsdesk.client;

import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Health;
import dev.opsdesk.client.model.Me;
import okhttp3.OkHttpClient;

/**
 * The ops API client: one instance per server, built from an immutable {@link OpsClientConfig},
 * thread-safe, synchronous (call it off any UI thread). Grouped by resource:
 * {@code client.sessions().signIn(...)}, {@code client.users().list(...)}.
 */
public final class OpsClient implements AutoCloseable {

    private final ApiTransport transport;
    private final SessionService sessions;
    private final UserService users;
    private final FailureService failures;
    private final LiveEvents events;
    private final AuditService audit;
    private final InventoryService inventory;
    private final ReconciliationService reconciliation;
    private final StockCountService stockCounts;

    private OpsClient(ApiTransport transport) {
        this.transport = transport;
        this.sessions = new SessionService(transport);
        this.users = new UserService(transport);
        this.failures = new FailureService(transport);
        this.events = new LiveEvents(transport);
        this.audit = new AuditService(transport);
        this.inventory = new InventoryService(transport);
        this.reconciliation = new ReconciliationService(transport);
        this.stockCounts = new StockCountService(transport);
    }

    public static OpsClient create(OpsClientConfig config) {
        return new OpsClient(new ApiTransport(config));
    }

    /** For tests and tools that need to tune OkHttp itself (event listeners, proxies). */
    public static OpsClient create(OpsClientConfig config, OkHttpClient.Builder http) {
        return new OpsClient(new ApiTransport(config, http));
    }

    public OpsClientConfig config() {
        return transport.config();
    }

    /**
     * {@code GET /v1/health}, no authentication. Also tells an ops API from any other server.
     *
     * @throws UnexpectedResponseException the address answers, but not as an ops API
     * @throws TransportException          nothing answers at the address
     */
    public Health health() {
        Health health = transport.get("/v1/health", null, transport.mapper().constructType(Health.class));
        if (!health.isOpsApi()) {
            String where = transport.url("/v1/health", null).toString();
            throw new UnexpectedResponseException(config().baseUrl() + " answers, but it is not an ops API (service: "
                    + health.service() + ")", 200, "application/json", null, "GET", where, null);
        }
        return health;
    }

    /** {@code GET /v1/me}: the signed-in user, roles, permissions and scopes. */
    public Me me() {
        return transport.get("/v1/me", null, transport.mapper().constructType(Me.class));
    }

    public SessionService sessions() {
        return sessions;
    }

    public UserService users() {
        return users;
    }

    public FailureService failures() {
        return failures;
    }

    public InventoryService inventory() {
        return inventory;
    }

    public AuditService audit() {
        return audit;
    }

    public ReconciliationService reconciliation() {
        return reconciliation;
    }

    public StockCountService stockCounts() {
        return stockCounts;
    }

    /** The live event stream ({@code GET /v1/events}). */
    public LiveEvents events() {
        return events;
    }

    /** Called when the server stops accepting this client's session (expired or revoked token). */
    public void addSessionListener(SessionListener listener) {
        transport.addSessionListener(listener);
    }

    public void removeSessionListener(SessionListener listener) {
        transport.removeSessionListener(listener);
    }

    /** Releases connections and threads. Does not sign out. */
    @Override
    public void close() {
        transport.close();
    }
}
