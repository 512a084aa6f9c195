package dev.opsdesk.sandbox.failures;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.events.Audience;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;
import java.util.Collection;
import java.util.List;

/** What the failure queues publish on the live stream: failures (topic {@code failures}) and bulk replays ({@code jobs}). */
public final class FailureEvents {

    public static final String FAILURE_CREATED = "failure.created";
    public static final String FAILURE_UPDATED = "failure.updated";
    public static final String JOB_PROGRESS = "job.progress";

    private FailureEvents() {
    }

    public static void created(EventHub hub, Views.Failure failure) {
        hub.publish(Topic.FAILURES, FAILURE_CREATED, readersOf(failure), "failure", failure);
    }

    public static void updated(EventHub hub, Views.Failure failure) {
        hub.publish(Topic.FAILURES, FAILURE_UPDATED, readersOf(failure), "failure", failure);
    }

    /**
     * Progress of a bulk replay: for whoever may read one of the queues its failures are in, and for who started it.
     */
    public static void jobProgress(EventHub hub, Views.ReplayJob job, Collection<Queue> queues) {
        List<Target> records = queues.stream().map(q -> Target.inQueue(q.name())).toList();
        hub.publish(Topic.JOBS, JOB_PROGRESS, new Audience(Permission.FAILURES_READ, records, job.createdBy()), "job",
                job);
    }

    private static Audience readersOf(Views.Failure failure) {
        return Audience.of(Permission.FAILURES_READ, Target.inQueue(failure.queue().name()));
    }
}
