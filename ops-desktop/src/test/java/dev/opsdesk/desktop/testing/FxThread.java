package dev.opsdesk.desktop.testing;

import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of a UI test on the FX thread and returns its result: at once when the caller is already there
 * (inside a wait condition), else through {@code Platform.runLater}, waiting at most 10 s unless told. A test thread that
 * walks or measures the scene graph races the FX thread's layout (TestFX issue 813).
 *
 * <p>An exception of the call is thrown again as it was (an {@link AssertionError}, a lookup that found nothing),
 * and only here: unlike TestFX's {@code asyncFx(...).get(timeout)}, nothing is left in TestFX's queue of
 * exceptions for a later test to be failed with.
 */
public final class FxThread {

    private static final long DEFAULT_TIMEOUT_SECONDS = 10;

    private FxThread() {
    }

    public static <T> T call(Callable<T> call) {
        return call(call, DEFAULT_TIMEOUT_SECONDS);
    }

    /** As {@link #call(Callable)}, waiting at most {@code timeoutSeconds} (a benchmark's long first page). */
    public static <T> T call(Callable<T> call, long timeoutSeconds) {
        if (Platform.isFxApplicationThread()) {
            return callHere(call);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("The FX thread did not answer within " + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T callHere(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw rethrown(e);
        }
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }
}
