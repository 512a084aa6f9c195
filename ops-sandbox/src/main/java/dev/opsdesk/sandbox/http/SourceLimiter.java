package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per source (the client's address) for the requests anyone may send without signing in and that
 * write something (sign-in attempts, webhook callbacks): {@code burst} at once, refilled at {@code perSecond}. Past
 * it, {@code 429} with {@code Retry-After}. The address is the connection's own, never a forwarded-for header that
 * the caller could choose.
 */
final class SourceLimiter {

    private static final int MAX_SOURCES = 100_000;

    private final int burst;
    private final double perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SourceLimiter(int burst, double perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** Takes one request's allowance of {@code source}, or answers 429. */
    void acquire(String source) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_SOURCES) {
            // Full buckets carry no information: forget them rather than grow without bound.
            buckets.values().removeIf(b -> refilled(b, now) >= burst);
        }
        Bucket bucket = buckets.computeIfAbsent(source, s -> new Bucket(burst, now));
        double wait;
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, now);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return;
            }
            wait = (1 - bucket.tokens) / perSecond;
        }
        long seconds = Math.max(1, (long) Math.ceil(wait));
        throw new ApiException(ProblemType.RATE_LIMITED, "Too many requests from your address without signing in;"
                + " try again in " + seconds + (seconds == 1 ? " second." : " seconds."), List.of(), seconds);
    }

    private double refilled(Bucket bucket, long now) {
        return Math.min(burst, bucket.tokens + (now - bucket.at) / 1e9 * perSecond);
    }
}
