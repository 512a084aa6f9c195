package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;

import java.net.URI;
import java.time.Duration;

/** Makes the {@link OpsClient} for a server; tests may tune timeouts and retries. */
@FunctionalInterface
public interface ClientFactory {

    String USER_AGENT = "ops-desk-desktop/0.1 (Java " + System.getProperty("java.version") + ")";

    OpsClient create(URI baseUrl);

    /** Interactive timeouts: a dead server is reported within seconds, not minutes. */
    static ClientFactory standard() {
        return baseUrl -> OpsClient.create(OpsClientConfig.builder(baseUrl)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .callTimeout(Duration.ofSeconds(45))
                .userAgent(USER_AGENT)
                .maxRetries(2)
                .build());
    }
}
