package dev.opsdesk.client.internal;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries what is safe to retry: GET and HEAD, and any request carrying an {@code Idempotency-Key}
 * (the server recognises the repeat). The request is re-sent unchanged, so the key and the body are
 * the same on every attempt. Backoff is exponential with full jitter; {@code Retry-After} is
 * honoured when it is not longer than the configured ceiling (otherwise the 429/503 is returned to
 * the caller to decide).
 */
public final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    /** Waits between attempts; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public RetryInterceptor(int maxRetries, Duration baseDelay, Duration maxDelay) {
        this(maxRetries, baseDelay, maxDelay, d -> Thread.sleep(d.toMillis()));
    }

    public RetryInterceptor(int maxRetries, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    public static boolean isRetryable(Request request) {
        String method = request.method();
        return method.equals("GET") || method.equals("HEAD") || request.header("Idempotency-Key") != null;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (maxRetries == 0 || !isRetryable(request)) {
            return chain.proceed(request);
        }
        for (int attempt = 0; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (attempt >= maxRetries || chain.call().isCanceled() || isInterrupt(e)) {
                    throw e;
                }
                pause(backoff(attempt));
                continue;
            }
            if (attempt >= maxRetries || !RETRYABLE_STATUS.contains(response.code())) {
                return response;
            }
            Duration wait = backoff(attempt);
            Duration retryAfter = retryAfter(response);
            if (retryAfter != null) {
                if (retryAfter.compareTo(maxDelay) > 0) {
                    return response; // longer than we wait for on our own: let the caller say so
                }
                wait = retryAfter;
            }
            response.close();
            pause(wait);
        }
    }

    private static boolean isInterrupt(IOException e) {
        // A call timeout or an interrupted thread: the caller's time is up, don't go on.
        return e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)
                || Thread.currentThread().isInterrupted();
    }

    Duration backoff(int attempt) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    static Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return null; // HTTP-date form: not used by the ops API
        }
    }

    private void pause(Duration d) throws IOException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
