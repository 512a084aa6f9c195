package dev.opsdesk.sandbox.failures;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.events.Audience;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;
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
     * Progress of a bulk job (a replay of failures, a resync of stock pairs): for who started it, and nobody else. A
     * job's progress is its starter's working state (a resync's counts say how many pairs of which warehouses), not a
     * change others need; what the job changes reaches the others as failures, stock and audit events, each within
     * the reader's scope.
     */
    public static void jobProgress(EventHub hub, Views.ReplayJob job) {
        hub.publish(Topic.JOBS, JOB_PROGRESS, new Audience(Permission.FAILURES_READ, List.of(), job.createdBy()),
                "job", job);
    }

    private static Audience readersOf(Views.Failure failure) {
        return Audience.of(Permission.FAILURES_READ, Target.inQueue(failure.queue().name()));
    }
}
