package dev.opsdesk.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything an {@link OpsClient} is built from. Immutable; use {@link #builder(URI)}.
 *
 * @param baseUrl         the server, e.g. {@code http://127.0.0.1:8080} (path {@code /v1} is added by the client)
 * @param connectTimeout  how long to wait for a connection
 * @param readTimeout     how long to wait between bytes of an answer (a stalled server)
 * @param callTimeout     how long a call may take in all, retries and a slow body included
 * @param userAgent       sent as {@code User-Agent}
 * @param maxRetries      retries after the first attempt, for requests that are safe to retry (0 = none)
 * @param retryBaseDelay  first backoff ceiling; doubles per retry, with full jitter
 * @param retryMaxDelay   backoff ceiling, and the longest {@code Retry-After} the client waits for itself
 * @param httpLog         where request/response header lines go (Authorization redacted, bodies never);
 *                        null logs through SLF4J at debug level
 */
public record OpsClientConfig(URI baseUrl, Duration connectTimeout, Duration readTimeout, Duration callTimeout,
                              String userAgent, int maxRetries, Duration retryBaseDelay, Duration retryMaxDelay,
                              Consumer<String> httpLog) {

    public static final String DEFAULT_USER_AGENT = "ops-api-client/0.1";

    public OpsClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("The server address must be an http:// or https:// URL with a host name, was: " + baseUrl);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        requirePositive(retryBaseDelay, "retryBaseDelay");
        requirePositive(retryMaxDelay, "retryMaxDelay");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Parses a user-typed server address ("localhost:8080", "https://ops.example.com/") into a base URL. */
    public static URI parseServerAddress(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Enter the server address, e.g. https://ops.example.com");
        }
        String trimmed = text.trim();
        if (!trimmed.contains("://")) {
            trimmed = "http://" + trimmed;
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" is not a valid server address", e);
        }
        if (uri.getHost() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" is not a valid server address (expected http:// or https:// and a host name)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + path);
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    public Builder toBuilder() {
        return new Builder(baseUrl).connectTimeout(connectTimeout).readTimeout(readTimeout).callTimeout(callTimeout)
                .userAgent(userAgent).maxRetries(maxRetries).retryBaseDelay(retryBaseDelay)
                .retryMaxDelay(retryMaxDelay).httpLog(httpLog);
    }

    /** Builder with defaults suited to an interactive desktop. */
    public static final class Builder {
        private URI baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration callTimeout = Duration.ofSeconds(60);
        private String userAgent = DEFAULT_USER_AGENT;
        private int maxRetries = 2;
        private Duration retryBaseDelay = Duration.ofMillis(250);
        private Duration retryMaxDelay = Duration.ofSeconds(5);
        private Consumer<String> httpLog;

        private Builder(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        public Builder baseUrl(URI value) { this.baseUrl = value; return this; }
        public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
        public Builder readTimeout(Duration value) { this.readTimeout = value; return this; }
        public Builder callTimeout(Duration value) { this.callTimeout = value; return this; }
        public Builder userAgent(String value) { this.userAgent = value; return this; }
        public Builder maxRetries(int value) { this.maxRetries = value; return this; }
        public Builder retryBaseDelay(Duration value) { this.retryBaseDelay = value; return this; }
        public Builder retryMaxDelay(Duration value) { this.retryMaxDelay = value; return this; }
        public Builder httpLog(Consumer<String> value) { this.httpLog = value; return this; }

        /** No retries at all: every failure surfaces at once (useful in tests). */
        public Builder noRetries() { this.maxRetries = 0; return this; }

        public OpsClientConfig build() {
            return new OpsClientConfig(baseUrl, connectTimeout, readTimeout, callTimeout, userAgent, maxRetries,
                    retryBaseDelay, retryMaxDelay, httpLog);
        }
    }
}
