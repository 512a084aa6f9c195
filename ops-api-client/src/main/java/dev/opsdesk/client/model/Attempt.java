package dev.opsdesk.client.model;

import java.time.Instant;

/**
 * One run of a failure's handler: automatic (on arrival), manual (a replay) or bulk (a replay job).
 *
 * @param outcome SUCCEEDED, FAILED or SKIPPED
 * @param effect  what it did to the business (see {@code Effect} in the contract), may be null
 */
public record Attempt(int number, Instant at, String trigger, String actor, String outcome, String effect,
                      Integer statusCode, String error, long durationMs, String jobId) {
}
