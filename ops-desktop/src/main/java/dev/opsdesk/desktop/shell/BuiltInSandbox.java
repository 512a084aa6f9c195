package dev.opsdesk.desktop.shell;

import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The training sandbox that runs inside the application. It starts on first use (on a worker thread:
 * {@link #ensureStarted()} blocks while the database and its users are created, which is all that
 * signing in needs) and stops when the application exits. The rest of the demo data is seeded in the
 * background when the sign-in says so ({@link #seedNow()}: once the person is typing, or once a
 * sign-in begun before has been answered, so that the seed does not take the CPU the sign-in needs)
 * or when a request first needs it; the sandbox holds back the requests that need it until it is in
 * ({@link SandboxServer#startEarly(SandboxOptions, SandboxServer.SeedStart)}). The application's sandbox
 * begins that seed only once the main window has been drawn ({@link #letSeed()}).
 */
public final class BuiltInSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltInSandbox.class);

    private final Supplier<SandboxServer> starter;
    private final boolean owned;
    private final Object startLock = new Object();
    private volatile SandboxServer server;
    private volatile boolean closed;
    /** Counted down by {@link #letSeed()}; at zero from the start when nothing holds the seed. */
    private final CountDownLatch seedGo;
    private static final long SEED_HOLD_SECONDS = 3;

    private BuiltInSandbox(Supplier<SandboxServer> starter, boolean owned, CountDownLatch seedGo) {
        this.starter = starter;
        this.owned = owned;
        this.seedGo = seedGo;
    }

    /**
     * A sandbox on a free loopback port with an in-memory database, started on first use: the application's. Its
     * seed, once asked for, waits (at most 3 s) for {@link #letSeed()}: on two cores a
     * seed beside the main window's first build made the window come 0.17 s later, and the data did not come
     * any sooner for it.
     */
    public static BuiltInSandbox inProcess() {
        return inProcess(SandboxOptions.defaults().withPort(0), true);
    }

    /** As {@link #inProcess()} with these options, seeding as soon as asked. */
    public static BuiltInSandbox inProcess(SandboxOptions options) {
        return inProcess(options, false);
    }

    private static BuiltInSandbox inProcess(SandboxOptions options, boolean holdSeed) {
        CountDownLatch go = new CountDownLatch(holdSeed ? 1 : 0);
        return new BuiltInSandbox(() -> SandboxServer.startEarly(options, () -> {
            try {
                if (!go.await(SEED_HOLD_SECONDS, TimeUnit.SECONDS)) {
                    LOG.debug("The seed waited {} s for the main window; seeding now", SEED_HOLD_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, SandboxServer.SeedStart.WHEN_ASKED), true, go);
    }

    /** The seed may begin: the person is typing, or the main window has been drawn once. */
    public void letSeed() {
        seedGo.countDown();
    }

    /** Uses a sandbox someone else started and will stop (tests share one across many windows). */
    public static BuiltInSandbox sharing(SandboxServer running) {
        return new BuiltInSandbox(() -> running, false, new CountDownLatch(0));
    }

    /** The running sandbox, starting it if needed. Blocks: call it off the UI thread. */
    public SandboxServer ensureStarted() {
        SandboxServer current = server;
        if (current != null) {
            return current;
        }
        synchronized (startLock) {
            if (closed) {
                throw new IllegalStateException("The application is shutting down");
            }
            if (server == null) {
                long started = System.nanoTime();
                server = starter.get();
                LOG.info("Training sandbox running at {} (started in {} ms)", server.baseUri(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            return server;
        }
    }

    /**
     * Begins the boot on a thread of its own and returns at once (the application calls it before its window
     * exists, when the sign-in will start on the sandbox). A failure is logged here and met again by the next
     * {@link #ensureStarted()}, which tries once more and reports it.
     */
    public void startInBackground() {
        Thread boot = new Thread(() -> {
            try {
                ensureStarted();
            } catch (RuntimeException e) {
                LOG.warn("The training sandbox did not start in the background; the sign-in will try again", e);
            }
        }, "ops-desk-sandbox-boot");
        boot.setDaemon(true);
        boot.start();
    }

    /** Begins seeding the demo data if the sandbox runs and has not begun; never blocks. */
    public void seedNow() {
        SandboxServer running = server;
        if (running != null) {
            running.seedNow();
        }
    }

    /** The sandbox if it is running; never blocks. */
    public Optional<SandboxServer> current() {
        return Optional.ofNullable(server);
    }

    /** Stops the sandbox if this object started it. */
    @Override
    public void close() {
        closed = true;
        SandboxServer running;
        synchronized (startLock) {
            running = server;
            server = null;
        }
        if (running != null && owned) {
            try {
                running.close();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the training sandbox failed", e);
            }
        }
    }
}
