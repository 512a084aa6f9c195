package dev.opsdesk.client.model;

/**
 * Someone who may act on a failure: holds {@code failures.replay} or {@code failures.resolve} for its queue.
 *
 * @param mayReplay  holds {@code failures.replay} for the queue
 * @param mayResolve holds {@code failures.resolve} for the queue
 */
public record Assignee(String username, String displayName, boolean mayReplay, boolean mayResolve) {
}
