package dev.opsdesk.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;

/**
 * One change pushed on the live event stream. Exactly one payload is set, the one of its topic; a kind or topic this
 * client does not know (a newer server) arrives with no payload it understands, and is best ignored.
 *
 * @param id    the stream position, used to resume after a reconnect
 * @param kind  {@code failure.created}, {@code failure.updated}, {@code job.progress}, {@code audit.appended} or
 *              {@code stock.changed}
 * @param topic {@code failures}, {@code jobs} or {@code audit} (see {@link LiveTopic}); a string, so that an event of a
 *              topic added later still reads
 * @param audit for {@code audit.appended}: the event as the audit list shows it
 * @param stock for {@code stock.changed} (topic {@code inventory}): the pair as the stock list shows it now
 * @param run   for {@code recon.run.changed} (topic {@code reconciliation}): the run as this reader may see it
 */
public record LiveEvent(String id, String kind, String topic, Instant at, Failure failure, ReplayJob job,
                        AuditEvent audit, Inventory.StockPair stock, Reconciliation.Run run) {

    @JsonCreator
    public LiveEvent {
        if (topic == null && kind != null) {
            // A server from before topics: failure and job events are all it sent.
            topic = kind.startsWith("job.") ? "jobs" : kind.startsWith("failure.") ? "failures" : null;
        }
    }

    /** A failure or job event (the shape before topics; the topic follows from the kind). */
    public LiveEvent(String id, String kind, Instant at, Failure failure, ReplayJob job) {
        this(id, kind, null, at, failure, job, null, null, null);
    }

    public LiveEvent withId(String newId) {
        return new LiveEvent(newId, kind, topic, at, failure, job, audit, stock, run);
    }

    public boolean is(LiveTopic t) {
        return t.wireName().equals(topic);
    }
}
