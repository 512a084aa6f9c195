package dev.opsdesk.client.model;

/** What one replay did: outcome, business effect, a sentence for a person, and the failure after it. */
public record ReplayResult(String failureId, String outcome, String effect, String message, Failure failure) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(outcome);
    }
}
