package dev.opsdesk.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to start a {@link SandboxServer}. Immutable; start from {@link #defaults()} and change what you need.
 *
 * @param port         TCP port to listen on; {@code 0} picks a free one
 * @param bind         address to bind to, e.g. {@code 127.0.0.1}
 * @param dataDir      directory for a persistent H2 database; {@code null} for a private in-memory one
 * @param seed         seed of the generated demo data (same seed, same data)
 * @param tokenTtl     lifetime of a bearer token
 * @param demoPassword password of every seeded user; {@code null} means {@value #DEFAULT_DEMO_PASSWORD},
 *                     which is only allowed when bound to a loopback address
 * @param clock        the server's clock (token expiry, sign-in throttling, timestamps, webhook tolerance); tests
 *                     inject their own
 * @param webhookSecrets webhook signing secrets ({@code whsec_...}) by provider that override the defaults derived
 *                     from the seed (see {@link #webhookSecret(String)})
 * @param traffic      whether a traffic simulator keeps sending signed payment callbacks to the server
 * @param scale        how much demo data to seed
 * @param limits       what one client may hold or send (see {@link Limits#DEFAULTS})
 */
public record SandboxOptions(int port, String bind, Path dataDir, long seed, Duration tokenTtl, String demoPassword,
                             Clock clock, Map<String, String> webhookSecrets, boolean traffic, Scale scale,
                             Limits limits) {

    /** The demo password used when none is given (loopback only). */
    public static final String DEFAULT_DEMO_PASSWORD = "sandbox";

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        Objects.requireNonNull(bind, "bind");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("bind must not be blank");
        }
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (tokenTtl.isZero() || tokenTtl.isNegative()) {
            throw new IllegalArgumentException("tokenTtl must be positive: " + tokenTtl);
        }
        if (demoPassword != null && demoPassword.isEmpty()) {
            throw new IllegalArgumentException("demoPassword must not be empty");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(webhookSecrets, "webhookSecrets");
        Map<String, String> secrets = new TreeMap<>();
        webhookSecrets.forEach((provider, secret) -> {
            String p = WebhookSecrets.provider(provider);
            if (!StandardWebhooks.isValidSecret(secret)) {
                throw new IllegalArgumentException("The webhook secret for " + p
                        + " must be whsec_ followed by the base64 of at least 16 bytes");
            }
            secrets.put(p, secret);
        });
        webhookSecrets = Map.copyOf(secrets);
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * What one client may hold or send, so that no one caller can starve the others.
     *
     * @param streamsPerSession  open event streams per bearer token
     * @param streamsPerUser     open event streams per user, over all their sessions
     * @param heartbeat          how often an idle event stream gets a heartbeat (and its session is checked)
     * @param anonymousBurst     requests a source (IP address) may send at once to the routes that need no sign-in
     * @param anonymousPerSecond the rate at which that allowance refills
     */
    public record Limits(int streamsPerSession, int streamsPerUser, Duration heartbeat, int anonymousBurst,
                         double anonymousPerSecond) {

        /** 4 streams per session, 16 per user, a heartbeat every 15 s; 200 anonymous requests at once, 20/s after. */
        public static final Limits DEFAULTS = new Limits(4, 16, Duration.ofSeconds(15), 200, 20);

        public Limits {
            if (streamsPerSession < 1 || streamsPerUser < 1 || anonymousBurst < 1 || !(anonymousPerSecond > 0)) {
                throw new IllegalArgumentException("Limits must be positive");
            }
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (heartbeat.isZero() || heartbeat.isNegative()) {
                throw new IllegalArgumentException("heartbeat must be positive: " + heartbeat);
            }
        }
    }

    /** As before webhook secrets, traffic and scale existed: none overridden, no traffic, {@link Scale#SMALL}. */
    public SandboxOptions(int port, String bind, Path dataDir, long seed, Duration tokenTtl, String demoPassword,
                          Clock clock) {
        this(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, Map.of(), false, Scale.SMALL, Limits.DEFAULTS);
    }

    /**
     * Port 8080 on 127.0.0.1, in-memory database, seed 42, 8 h tokens, password "sandbox", the UTC system clock,
     * webhook secrets derived from the seed, no traffic, a small seed.
     */
    public static SandboxOptions defaults() {
        return new SandboxOptions(8080, "127.0.0.1", null, 42L, Duration.ofHours(8), null, Clock.systemUTC());
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withBind(String bind) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withDataDir(Path dataDir) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withSeed(long seed) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withTokenTtl(Duration tokenTtl) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withDemoPassword(String demoPassword) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    /** Signs {@code provider}'s callbacks with {@code secret} ({@code whsec_...}) instead of the seed's default. */
    public SandboxOptions withWebhookSecret(String provider, String secret) {
        Map<String, String> secrets = new TreeMap<>(webhookSecrets);
        secrets.put(WebhookSecrets.provider(provider), secret);
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, secrets, traffic, scale, limits);
    }

    public SandboxOptions withTraffic(boolean traffic) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withScale(Scale scale) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    public SandboxOptions withLimits(Limits limits) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock, webhookSecrets, traffic,
                scale, limits);
    }

    /**
     * The secret {@code provider}'s callbacks are verified with: the configured one, else one derived from the seed.
     * Off loopback a server uses random secrets instead of derived ones (see {@link SandboxServer#webhookSecret}).
     *
     * @throws IllegalArgumentException for an unknown provider
     */
    public String webhookSecret(String provider) {
        String p = WebhookSecrets.provider(provider);
        String configured = webhookSecrets.get(p);
        return configured != null ? configured : WebhookSecrets.defaultSecret(seed, p);
    }

    /** The password the seeded users get: {@link #demoPassword()} or {@value #DEFAULT_DEMO_PASSWORD}. */
    public String effectiveDemoPassword() {
        return demoPassword != null ? demoPassword : DEFAULT_DEMO_PASSWORD;
    }

    @Override
    public String toString() {
        // Never print the password or a secret.
        return "SandboxOptions[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir + ", seed=" + seed
                + ", tokenTtl=" + tokenTtl + ", demoPassword=" + (demoPassword == null ? "default" : "***")
                + ", clock=" + clock + ", webhookSecrets=" + (webhookSecrets.isEmpty() ? "default" : "***")
                + ", traffic=" + traffic + ", scale=" + scale + ", limits=" + limits + "]";
    }
}
