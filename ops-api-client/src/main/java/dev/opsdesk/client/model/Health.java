package dev.opsdesk.client.model;

import java.time.Instant;

/** What {@code GET /v1/health} says about the server: that it is an ops API, and which environment. */
public record Health(String status, String service, String version, String environment,
                     String environmentName, Instant time) {

    public static final String OPS_API_SERVICE = "ops-api";

    public boolean isOpsApi() {
        return OPS_API_SERVICE.equals(service);
    }

    public boolean isSandbox() {
        return "SANDBOX".equals(environment);
    }

    public boolean isProduction() {
        return "PRODUCTION".equals(environment);
    }
}
