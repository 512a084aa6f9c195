package dev.opsdesk.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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
 * @param clock        the server's clock (token expiry, sign-in throttling, timestamps); tests inject their own
 */
public record SandboxOptions(int port, String bind, Path dataDir, long seed, Duration tokenTtl, String demoPassword,
                             Clock clock) {

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
    }

    /** Port 8080 on 127.0.0.1, in-memory database, seed 42, 8 h tokens, password "sandbox", the UTC system clock. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(8080, "127.0.0.1", null, 42L, Duration.ofHours(8), null, Clock.systemUTC());
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    public SandboxOptions withBind(String bind) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    public SandboxOptions withDataDir(Path dataDir) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    public SandboxOptions withSeed(long seed) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    public SandboxOptions withTokenTtl(Duration tokenTtl) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    public SandboxOptions withDemoPassword(String demoPassword) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, bind, dataDir, seed, tokenTtl, demoPassword, clock);
    }

    /** The password the seeded users get: {@link #demoPassword()} or {@value #DEFAULT_DEMO_PASSWORD}. */
    public String effectiveDemoPassword() {
        return demoPassword != null ? demoPassword : DEFAULT_DEMO_PASSWORD;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "SandboxOptions[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir + ", seed=" + seed
                + ", tokenTtl=" + tokenTtl + ", demoPassword=" + (demoPassword == null ? "default" : "***")
                + ", clock=" + clock + "]";
    }
}
