package dev.opsdesk.client.model;

import java.time.Instant;

/**
 * One change pushed on the live event stream.
 *
 * @param id   the stream position, used to resume after a reconnect
 * @param kind {@code failure.created}, {@code failure.updated} or {@code job.progress}
 */
public record LiveEvent(String id, String kind, Instant at, Failure failure, ReplayJob job) {

    public LiveEvent withId(String newId) {
        return new LiveEvent(newId, kind, at, failure, job);
    }
}
