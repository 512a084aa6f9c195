package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

import java.time.Duration;
import java.util.Optional;

/** 429: too many requests (or sign-in attempts); {@link #retryAfter()} says when to try again. */
public class RateLimitedException extends OpsApiException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Problem problem, String requestId, String method, String url,
                                Duration retryAfter) {
        super(message, 429, problem, requestId, method, url, null);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
